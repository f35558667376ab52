import chalk from 'chalk';
import { render } from 'ink-testing-library';
import QRCode from 'qrcode';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClassSession, type ClassSnapshot } from '../../src/classroom/session.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { makeTheme, type Theme } from '../../src/theme/theme.js';
import { qrBlocks } from '../../src/ui/class/qr.js';
import { TeacherApp, type TeacherAppProps } from '../../src/ui/class/teacher-app.js';
import { requireStrategies } from '../../strategies/registry.js';

// The teacher's lobby: the web page's address and its QR code in block characters, or a line
// saying how large the terminal must be for it.

const URL = 'http://192.168.1.20:4321/';
const TARGET = `${URL}#K7QXM`;
const NOW = 1_700_000_000_000;
const level = chalk.level;

beforeAll(() => {
  chalk.level = 3; // as in a colour terminal: NO_COLOR must still give plain frames
});
afterAll(() => {
  chalk.level = level;
});

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function lobby(): ClassSnapshot {
  const session = new ClassSession(
    {
      mode: 'pairwise',
      rounds: 6,
      timeLimit: 30,
      defaultMove: 'D',
      scenario: loadScenario('rivalry'),
      seed: 1,
      fill: requireStrategies(['tit-for-tat']),
      seats: 0,
      sanctions: { fine: 3, detection: 1 },
    },
    () => 'token',
  );
  for (const name of ['Ana', 'Ben']) session.join(name, undefined);
  return session.snapshot();
}

function frame(snapshot: ClassSnapshot, columns: number, rows: number, theme: Theme = makeTheme(false), overrides: Partial<TeacherAppProps> = {}): string {
  const props: TeacherAppProps = {
    snapshot,
    addresses: ['192.168.1.20:4321'],
    pageUrls: [URL],
    code: 'K7QXM',
    holding: false,
    log: [],
    now: NOW,
    theme,
    columns,
    rows,
    onCommand: vi.fn(),
    onStart: vi.fn(),
    onNext: vi.fn(),
    onHold: vi.fn(),
    onQuit: vi.fn(),
    ...overrides,
  };
  const view = render(<TeacherApp {...props} />);
  cleanups.push(view.unmount);
  return view.lastFrame()!;
}

/** The modules the frame draws, read back from its half blocks: true for a dark module. */
function modulesOnScreen(lines: readonly string[], lightDrawn: boolean): boolean[][] {
  const grid: boolean[][] = [];
  for (const line of lines) {
    const cells = [...line];
    const top = cells.map((cell) => cell === '█' || cell === '▀');
    const bottom = cells.map((cell) => cell === '█' || cell === '▄');
    grid.push(
      top.map((drawn) => drawn !== lightDrawn),
      bottom.map((drawn) => drawn !== lightDrawn),
    );
  }
  return grid;
}

describe("the teacher's lobby: the web page's address and QR code", () => {
  it('draws a QR code that holds the address with the room code, beside the room code', () => {
    const shown = frame(lobby(), 120, 40);
    expect(shown).toContain(`or open in a browser: ${URL} (code K7QXM)`);
    expect(shown).toContain('cooplab class join 192.168.1.20:4321 --code K7QXM');
    expect(shown).toContain('joined (2): Ana · Ben');
    const lines = shown.split('\n');
    const caption = lines.findIndex((line) => line.includes('scan to join'));
    expect(caption).toBeGreaterThan(0);
    const { width, lines: drawn } = qrBlocks(TARGET, 'light');
    const start = [...lines[caption]!].length - [...lines[caption]!.trimStart()].length;
    const picture = lines.slice(caption - drawn.length, caption).map((line) => [...line].slice(start, start + width).join(''));
    expect(picture).toEqual(drawn);
    // Read back module by module: the code of the address with the room code, with a 2-module quiet zone.
    const { modules } = QRCode.create(TARGET, { errorCorrectionLevel: 'L' });
    const screen = modulesOnScreen(picture, true);
    for (let row = 0; row < modules.size + 4; row++)
      for (let column = 0; column < modules.size + 4; column++) {
        const inside = row >= 2 && column >= 2 && row < modules.size + 2 && column < modules.size + 2;
        expect(screen[row]![column], `module ${row},${column}`).toBe(inside && modules.get(row - 2, column - 2) === 1);
      }
    // The whole lobby still fits: no line wider than the terminal, no more lines than its rows.
    expect(lines.length).toBeLessThanOrEqual(40);
    expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(120);
  });

  it('paints the code black on white in colour, right on a dark or a light terminal', () => {
    const shown = frame(lobby(), 120, 40, makeTheme(true));
    const { lines } = qrBlocks(TARGET, 'dark');
    expect(shown).toContain(lines[3]);
    // 24-bit white background and black foreground, or their 256-colour equivalents.
    expect(shown).toMatch(/\u001b\[(48;2;255;255;255|48;5;(15|231))m/);
    expect(shown).toMatch(/\u001b\[(38;2;0;0;0|38;5;(0|16))m/);
  });

  it('says how large the terminal must be when the QR code does not fit, and keeps the address', () => {
    for (const [columns, rows] of [
      [80, 24],
      [60, 40],
    ] as const) {
      const shown = frame(lobby(), columns, rows);
      expect(shown).not.toContain('scan to join');
      expect(shown.replace(/\s+/g, ' ')).toMatch(/\(enlarge the terminal to 72×\d+ or more to show the QR code\)/);
      expect(shown.replace(/\s+/g, ' ')).toContain(`or open in a browser: ${URL}`);
      const lines = shown.split('\n');
      expect(lines.length).toBeLessThanOrEqual(rows);
      expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(columns);
    }
    const needed = /to 72×(\d+) or more/.exec(frame(lobby(), 80, 24))![1]!;
    // At the size it names, it is there.
    expect(frame(lobby(), 80, Number(needed))).toContain('scan to join');
    expect(frame(lobby(), 72, Number(needed))).toContain('scan to join');
  });

  it('shows the address the teacher gave (--public-url) and none without a web page', () => {
    expect(frame(lobby(), 120, 40, makeTheme(false), { pageUrls: ['http://203.0.113.5:8080/class/'] })).toContain(
      'or open in a browser: http://203.0.113.5:8080/class/ (code K7QXM)',
    );
    const none = frame(lobby(), 120, 40, makeTheme(false), { pageUrls: [] });
    expect(none).not.toContain('or open in a browser');
    expect(none).not.toContain('QR code');
  });
});
