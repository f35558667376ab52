import QRCode from 'qrcode';

/**
 * A QR code in block characters for the teacher's screen: two rows of modules per line (▀ ▄ █),
 * so it is about twice as wide as tall in characters and square on screen. Error correction L
 * (the screen does not get dirty) keeps a LAN address at version 2 or 3: 29 or 33 columns.
 */

/** Modules of light border around the code, which scanners need to find it (the standard asks for 4; 2 reads on a screen). */
const QUIET_ZONE = 2;

export interface QrBlocks {
  readonly lines: readonly string[];
  readonly width: number;
}

/**
 * `ink`: which modules are drawn with the character (the terminal's foreground). 'dark' when the
 * screen paints the code black on white itself; 'light' when it cannot (no colour), so that on
 * the usual light-on-dark terminal the code still reads dark on light.
 */
export function qrBlocks(text: string, ink: 'dark' | 'light'): QrBlocks {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'L' });
  const size = modules.size + 2 * QUIET_ZONE;
  const dark = (row: number, column: number) => {
    const r = row - QUIET_ZONE;
    const c = column - QUIET_ZONE;
    return r >= 0 && c >= 0 && r < modules.size && c < modules.size && modules.get(r, c) === 1;
  };
  const drawn = (row: number, column: number) => row < size && dark(row, column) === (ink === 'dark');
  const lines: string[] = [];
  for (let row = 0; row < size; row += 2) {
    let line = '';
    for (let column = 0; column < size; column++) {
      const top = drawn(row, column);
      // Past the last row of an odd size is more quiet zone: light.
      const bottom = row + 1 < size ? drawn(row + 1, column) : ink === 'light';
      line += top ? (bottom ? '█' : '▀') : bottom ? '▄' : ' ';
    }
    lines.push(line);
  }
  return { lines, width: size };
}
