import { ansi, RESET, scaleColour } from '../theme/theme.js';
import { formatNumber, normalise, type Domain, type HeatmapGrid } from './charts.js';

/**
 * A phase diagram for the terminal: x across, y up the side (the largest value at the top, as
 * on paper), one 4-character cell per combination. In colour each cell's background is the
 * value's colour; without colour (NO_COLOR) a shade glyph stands beside the number.
 */
/** The grid of a heatmap (charts.ts), its rows drawn bottom-up. */
export interface TextHeatmapSpec extends HeatmapGrid {
  readonly subtitle?: string;
  readonly colour: boolean;
}

/** Shades from low to high, for terminals without colour. */
export const SHADES = ['·', '░', '▒', '▓', '█'] as const;

export function shadeOf(value: number, domain: Domain): string {
  return SHADES[Math.min(SHADES.length - 1, Math.floor(normalise(value, domain) * SHADES.length))]!;
}

/** A value in at most 3 characters: .82, 1.0, 12, 340, 2k5, -.4. */
export function compactNumber(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value === 0) return '0';
  const trim = (text: string) => text.replace(/^(-?)0\./, '$1.');
  for (const digits of [2, 1, 0]) {
    const candidate = trim(value.toFixed(digits));
    if (candidate.length <= 3 && !(digits === 0 && Math.abs(value) < 1 && value !== 0 && Number(candidate) === 0)) return candidate === '-0' ? '0' : candidate;
  }
  const units: [number, string][] = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) {
    const scaled = Math.abs(value) / size;
    if (scaled >= 1) {
      const whole = Math.floor(scaled);
      const text = whole < 10 ? `${whole}${unit}${Math.floor((scaled - whole) * 10)}` : `${whole}${unit}`;
      if (text.length <= (value < 0 ? 2 : 3)) return `${value < 0 ? '-' : ''}${text}`;
    }
  }
  return value.toExponential(0).replace('e+', 'e');
}

export function renderTextHeatmap(spec: TextHeatmapSpec): string {
  // A cell: 4 characters of colour, or a space, a shade and the number without colour.
  const cellWidth = Math.max(spec.colour ? 4 : 5, ...spec.xTicks.map((tick) => tick.length + 1));
  const gutter = Math.max(spec.yLabel.length, ...spec.yTicks.map((tick) => tick.length)) + 1;
  const black = spec.colour ? ansi('#000000', 'fg') : '';
  const cell = (value: number | null): string => {
    if (value === null) return '-'.padStart(cellWidth - 1).padEnd(cellWidth);
    const number = compactNumber(value);
    if (spec.colour) return `${ansi(scaleColour(normalise(value, spec.domain)), 'bg')}${black}${number.padStart(cellWidth - 1)} ${RESET}`;
    return `${shadeOf(value, spec.domain)}${number.padStart(3)}`.padStart(cellWidth);
  };
  const lines: string[] = [spec.title];
  if (spec.subtitle !== undefined) lines.push(spec.subtitle);
  lines.push('');
  lines.push(`${spec.yLabel.padStart(gutter - 1)} ↑`);
  for (let row = spec.yTicks.length - 1; row >= 0; row--) {
    const cells = spec.xTicks.map((_, column) => cell(spec.cells[row]?.[column] ?? null));
    lines.push(`${spec.yTicks[row]!.padStart(gutter - 1)} │${cells.join('')}`);
  }
  const plotWidth = cellWidth * spec.xTicks.length;
  lines.push(`${' '.repeat(gutter)}└${'─'.repeat(plotWidth + 1)}`);
  lines.push(`${' '.repeat(gutter + 1)}${spec.xTicks.map((tick) => tick.padStart(cellWidth - 1).padEnd(cellWidth)).join('')} ${spec.xLabel} →`);
  lines.push('');
  lines.push(legend(spec));
  return `${lines.map((line) => line.trimEnd()).join('\n')}\n`;
}

/** The colour scale (a ramp from low to high) or, without colour, what each shade stands for. */
function legend(spec: TextHeatmapSpec): string {
  const { low, high } = spec.domain;
  if (spec.colour) {
    const steps = 20;
    const ramp = Array.from({ length: steps }, (_, index) => `${ansi(scaleColour(index / (steps - 1)), 'bg')} `).join('');
    return `scale  ${formatNumber(low)} ${ramp}${RESET} ${formatNumber(high)}`;
  }
  const width = (high - low) / SHADES.length;
  const parts = SHADES.map((shade, index) => {
    const from = low + index * width;
    return index === SHADES.length - 1 ? `${shade} ≥ ${formatNumber(from)}` : `${shade} < ${formatNumber(from + width)}`;
  });
  return `scale  ${parts.join('   ')}`;
}
