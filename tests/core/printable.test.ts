import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPrintable, PRINTABLE_LIMIT, printable } from '../../src/core/printable.js';

const DANGEROUS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('printable', () => {
  it('leaves ordinary names and messages alone, accents and other scripts included', () => {
    for (const text of ['Ana', 'Zoë Müller', '李雷', 'tit-for-tat', 'threw on round 3: boom', 'Ω 😀']) {
      expect(printable(text)).toBe(text);
      expect(isPrintable(text)).toBe(true);
    }
  });

  it('writes escape sequences, OSC 52, BEL, CR, newlines and bidirectional overrides as visible escapes', () => {
    expect(printable('\u001b[2J\u001b]0;pwned\u0007X')).toBe('\\u001b[2J\\u001b]0;pwned\\u0007X');
    expect(printable('\u001b]52;c;aGk=\u0007')).toBe('\\u001b]52;c;aGk=\\u0007');
    expect(printable('a\rb\nc\td')).toBe('a\\u000db\\u000ac\\u0009d');
    expect(printable('abc\u202Efed')).toBe('abc\\u202efed');
    expect(printable('\u009b31m')).toBe('\\u009b31m');
    expect(isPrintable('\u001b[31mRED')).toBe(false);
  });

  it('cuts long text and says how much was left out', () => {
    const text = 'x'.repeat(1_000_000);
    const shown = printable(text);
    expect(shown.length).toBeLessThan(PRINTABLE_LIMIT + 40);
    expect(shown.endsWith(`… (${1_000_000 - PRINTABLE_LIMIT} more characters)`)).toBe(true);
    expect(printable('abcdef', 3)).toBe('abc… (3 more characters)');
  });

  it('never lets a control or bidirectional character through, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const shown = printable(text);
        expect(DANGEROUS.test(shown)).toBe(false);
        expect(shown.length).toBeLessThanOrEqual(PRINTABLE_LIMIT * 6 + 40);
      }),
    );
  });
});
