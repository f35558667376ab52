/**
 * Colours and glyphs. Colour is off when NO_COLOR is set (https://no-color.org) or the
 * terminal cannot show it; then views fall back to glyphs, so nothing depends on colour alone.
 */
export interface Theme {
  readonly colour: boolean;
  /** One colour per strategy of a pool (cycled), as 24-bit hex. */
  readonly strategyColours: readonly string[];
  /** Glyphs that tell strategies apart without colour. */
  readonly strategyGlyphs: readonly string[];
  readonly cooperate: string;
  readonly defect: string;
  readonly accent: string;
  readonly muted: string;
  readonly warning: string;
}

export const STRATEGY_COLOURS = [
  '#e4572e', // defector-ish red first: presets list opportunists first
  '#29a0b1',
  '#f3a712',
  '#76b041',
  '#a05195',
  '#5b8def',
  '#d45087',
  '#8c8c8c',
  '#2f4b7c',
  '#ffa600',
] as const;

export function colourEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NO_COLOR === undefined || env.NO_COLOR === '';
}

export function makeTheme(colour = colourEnabled()): Theme {
  return {
    colour,
    strategyColours: STRATEGY_COLOURS,
    strategyGlyphs: ['#', 'o', '+', 'x', '*', '=', '%', '@', '~', '&'],
    cooperate: '#3fa34d',
    defect: '#d1495b',
    accent: '#29a0b1',
    muted: '#7a7a7a',
    warning: '#f3a712',
  };
}

/** A colour on the scale from red (0) through amber to green (1), for trust and co-operation. */
export function scaleColour(value: number): string {
  const v = Math.max(0, Math.min(1, Number.isFinite(value) ? value : 0));
  const from = v < 0.5 ? [209, 73, 91] : [243, 167, 18];
  const to = v < 0.5 ? [243, 167, 18] : [63, 163, 77];
  const t = v < 0.5 ? v * 2 : (v - 0.5) * 2;
  const channel = (i: number) => Math.round(from[i]! + (to[i]! - from[i]!) * t);
  return `#${[0, 1, 2].map((i) => channel(i).toString(16).padStart(2, '0')).join('')}`;
}

const escapes = new Map<string, string>();

/**
 * ANSI foreground / background escape for a #rrggbb colour, as the nearest of the 256-colour
 * palette: half as many bytes as 24-bit colour, which matters because the terminal renderer
 * re-reads every escape of the lattice map on every frame.
 */
export function ansi(hex: string, layer: 'fg' | 'bg'): string {
  const key = hex + layer;
  let sequence = escapes.get(key);
  if (sequence === undefined) {
    const level = (offset: number) => Math.round((parseInt(hex.slice(offset, offset + 2), 16) / 255) * 5);
    const index = 16 + 36 * level(1) + 6 * level(3) + level(5);
    sequence = `\u001b[${layer === 'fg' ? 38 : 48};5;${index}m`;
    escapes.set(key, sequence);
  }
  return sequence;
}

export const RESET = '\u001b[0m';
