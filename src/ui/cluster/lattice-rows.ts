import { TIE_CUT, TIE_FORMED, type LiveSnapshot } from '../../cluster/live.js';
import { NO_ACTIVITY } from '../../cluster/round-rules.js';
import { ansi, RESET, scaleColour, type Theme } from '../../theme/theme.js';

export type LatticeView = 'strategy' | 'move' | 'trust' | 'activity' | 'network';
export const VIEWS: readonly LatticeView[] = ['strategy', 'move', 'trust', 'activity', 'network'];

/** The view after `current` on the `v` key: the network view only when firms choose their partners. */
export function nextView(current: LatticeView, snapshot: LiveSnapshot): LatticeView {
  const views = snapshot.network === undefined ? VIEWS.filter((view) => view !== 'network') : VIEWS;
  return views[(views.indexOf(current) + 1) % views.length]!;
}

const CUT_COLOUR = '#e4572e';
const FORMED_COLOUR = '#5b8def';
const ALONE_COLOUR = '#6a6a6a';

/** The network view's glyph of a firm: × lost a tie, + formed one, ± both, · no ties left, else its ties (9 for nine or more). */
export function networkGlyph(snapshot: LiveSnapshot, firm: number): string {
  const network = snapshot.network;
  if (network === undefined) return '?';
  const mark = network.marks[firm]!;
  if (mark === (TIE_CUT | TIE_FORMED)) return '±';
  if (mark === TIE_CUT) return '×';
  if (mark === TIE_FORMED) return '+';
  const ties = network.ties[firm]!;
  return ties === 0 ? '·' : String(Math.min(9, ties));
}

function networkColour(snapshot: LiveSnapshot, firm: number, theme: Theme): string {
  const mark = snapshot.network?.marks[firm] ?? 0;
  if ((mark & TIE_CUT) !== 0) return CUT_COLOUR;
  if (mark === TIE_FORMED) return FORMED_COLOUR;
  if (snapshot.network?.ties[firm] === 0) return ALONE_COLOUR;
  return theme.strategyColours[snapshot.strategyOf[firm]! % theme.strategyColours.length]!;
}

/**
 * The network view: one firm per character at its lattice place (sampled evenly when the lattice
 * is larger than the room), showing what its ties did in the last generation — a tie cut (×),
 * formed (+), both (±) — or how many ties it holds, · for none; in the colour of its strategy
 * unless marked.
 */
export function networkRows(snapshot: LiveSnapshot, columns: number, rows: number, theme: Theme): string[] {
  const { width, height } = snapshot;
  if (columns < 1 || rows < 1) return [];
  const across = Math.max(1, Math.min(width, columns));
  const down = Math.max(1, Math.min(height, rows));
  const lines: string[] = [];
  for (let row = 0; row < down; row++) {
    const y = Math.min(height - 1, Math.floor((row * height) / down));
    let line = '';
    let colour = '';
    for (let column = 0; column < across; column++) {
      const firm = y * width + Math.min(width - 1, Math.floor((column * width) / across));
      if (theme.colour) {
        const next = networkColour(snapshot, firm, theme);
        if (next !== colour) line += ansi((colour = next), 'fg');
      }
      line += networkGlyph(snapshot, firm);
    }
    lines.push(theme.colour ? line + RESET : line);
  }
  return lines;
}

const ACTIVITY_COLOURS = ['#5b8def', '#f3a712', '#a05195', '#76b041', '#e4572e'];
const NO_ACTIVITY_COLOUR = '#3a3a3a';
const TRUST_GLYPHS = ' .:-=+*#%@';

/** The map's size in character cells: the lattice's aspect kept, two firms per cell vertically. */
export function mapSize(width: number, height: number, columns: number, rows: number): { columns: number; rows: number } {
  if (columns <= 0 || rows <= 0) return { columns: 0, rows: 0 };
  // Each cell shows one firm across and two down, so a firm is square on screen.
  const scale = Math.min(columns / width, (rows * 2) / height);
  return {
    columns: Math.max(1, Math.min(columns, Math.round(width * scale))),
    rows: Math.max(1, Math.min(rows, Math.ceil((height * scale) / 2))),
  };
}

function colourOf(snapshot: LiveSnapshot, view: LatticeView, firm: number, theme: Theme): string {
  switch (view) {
    case 'network':
      return networkColour(snapshot, firm, theme);
    case 'strategy':
      return theme.strategyColours[snapshot.strategyOf[firm]! % theme.strategyColours.length]!;
    case 'move':
      return snapshot.cooperation[firm]! >= 0.5 ? theme.cooperate : theme.defect;
    case 'trust':
      return scaleColour(snapshot.trust[firm]!);
    case 'activity': {
      const activity = snapshot.activityOf[firm]!;
      return activity === NO_ACTIVITY ? NO_ACTIVITY_COLOUR : ACTIVITY_COLOURS[activity % ACTIVITY_COLOURS.length]!;
    }
  }
}

function glyphOf(snapshot: LiveSnapshot, view: LatticeView, firm: number, theme: Theme): string {
  switch (view) {
    case 'network':
      return networkGlyph(snapshot, firm);
    case 'strategy':
      return theme.strategyGlyphs[snapshot.strategyOf[firm]! % theme.strategyGlyphs.length]!;
    case 'move':
      return snapshot.cooperation[firm]! >= 0.5 ? '.' : '#';
    case 'trust':
      return TRUST_GLYPHS[Math.min(9, Math.floor(Math.max(0, snapshot.trust[firm]!) * 10))]!;
    case 'activity': {
      const activity = snapshot.activityOf[firm]!;
      // The programme's number, as on its key: names may share a first letter.
      return activity === NO_ACTIVITY ? ' ' : String((activity + 1) % 10);
    }
  }
}

/**
 * The lattice as one string per text row: each cell is an upper half block whose foreground
 * is the upper firm and background the lower one, so a row is a single Ink <Text>. Runs of
 * the same colours share one escape sequence. Without colour, one glyph per cell (the upper firm).
 */
export function latticeRows(snapshot: LiveSnapshot, view: LatticeView, columns: number, rows: number, theme: Theme): string[] {
  // Half blocks cannot carry the network's marks: one firm per character instead.
  if (view === 'network') return networkRows(snapshot, columns, rows, theme);
  const { width, height } = snapshot;
  const size = mapSize(width, height, columns, rows);
  const lines: string[] = [];
  const halfRows = size.rows * 2;
  const firmAt = (cellX: number, halfY: number): number => {
    const x = Math.min(width - 1, Math.floor((cellX * width) / size.columns));
    const y = Math.min(height - 1, Math.floor((halfY * height) / halfRows));
    return y * width + x;
  };
  for (let row = 0; row < size.rows; row++) {
    let line = '';
    let foreground = '';
    let background = '';
    for (let column = 0; column < size.columns; column++) {
      const upper = firmAt(column, row * 2);
      if (!theme.colour) {
        line += glyphOf(snapshot, view, upper, theme);
        continue;
      }
      const lowerY = row * 2 + 1;
      const top = colourOf(snapshot, view, upper, theme);
      const bottom = (lowerY * height) / halfRows < height ? colourOf(snapshot, view, firmAt(column, lowerY), theme) : '#000000';
      if (top !== foreground) line += ansi((foreground = top), 'fg');
      if (bottom !== background) line += ansi((background = bottom), 'bg');
      line += '▀';
    }
    lines.push(theme.colour ? line + RESET : line);
  }
  return lines;
}

/**
 * The projector's lattice: fewer, bigger cells, each two characters wide and one row high (a
 * square on most terminals) showing one firm, the lattice's aspect kept. A lattice larger
 * than the room is sampled evenly.
 */
export function bigLatticeRows(snapshot: LiveSnapshot, view: LatticeView, columns: number, rows: number, theme: Theme): string[] {
  const { width, height } = snapshot;
  if (columns < 2 || rows < 1) return [];
  const scale = Math.min(1, Math.floor(columns / 2) / width, rows / height);
  const across = Math.max(1, Math.min(width, Math.round(width * scale)));
  const down = Math.max(1, Math.min(height, Math.round(height * scale)));
  const lines: string[] = [];
  for (let row = 0; row < down; row++) {
    const y = Math.min(height - 1, Math.floor((row * height) / down));
    let line = '';
    let colour = '';
    for (let column = 0; column < across; column++) {
      const firm = y * width + Math.min(width - 1, Math.floor((column * width) / across));
      if (!theme.colour) {
        line += glyphOf(snapshot, view, firm, theme).repeat(2);
        continue;
      }
      const next = colourOf(snapshot, view, firm, theme);
      if (next !== colour) line += ansi((colour = next), 'fg');
      line += '██';
    }
    lines.push(theme.colour ? line + RESET : line);
  }
  return lines;
}

/** What each colour (or glyph) means in a view. */
export function legend(snapshot: LiveSnapshot, view: LatticeView, theme: Theme): { label: string; colour: string; glyph: string }[] {
  switch (view) {
    case 'strategy':
      return snapshot.strategies.map((id, index) => ({
        label: id,
        colour: theme.strategyColours[index % theme.strategyColours.length]!,
        glyph: theme.strategyGlyphs[index % theme.strategyGlyphs.length]!,
      }));
    case 'move':
      return [
        { label: 'mostly co-operated', colour: theme.cooperate, glyph: '.' },
        { label: 'mostly defected', colour: theme.defect, glyph: '#' },
      ];
    case 'trust':
      return [
        { label: 'no trust', colour: scaleColour(0), glyph: ' ' },
        { label: 'some', colour: scaleColour(0.5), glyph: '+' },
        { label: 'full trust', colour: scaleColour(1), glyph: '@' },
      ];
    case 'activity':
      return snapshot.activities.map((activity, index) => ({
        label: `${activity.name}${activity.lowRisk ? ' (low-risk)' : ''}`,
        colour: ACTIVITY_COLOURS[index % ACTIVITY_COLOURS.length]!,
        glyph: String((index + 1) % 10),
      }));
    case 'network':
      return [
        { label: 'tie cut', colour: CUT_COLOUR, glyph: '×' },
        { label: 'tie formed', colour: FORMED_COLOUR, glyph: '+' },
        { label: 'no ties left', colour: ALONE_COLOUR, glyph: '·' },
        { label: '1–9: ties held', colour: theme.strategyColours[0]!, glyph: '8' },
      ];
  }
}
