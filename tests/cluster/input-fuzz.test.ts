import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { parseScenario, withOverrides, type Scenario } from '../../src/cluster/scenario.js';

/**
 * Property-based fuzz of what users and files feed the cluster model (issue 12): any JSON document
 * as a scenario file, any `path=value` as a --set override. Each is either accepted with finite
 * parameters, or refused with an InputError of one printable line — never another exception, a
 * stack overflow or a prototype change.
 */

const PATHS = [
  'noise',
  'temptation',
  'width',
  'height',
  'trust.gain',
  'trust.initial',
  'sanctions.fine',
  'sanctions.detection',
  'crisis.windows',
  'crisis.windows.0.from',
  'crisis.windows.length',
  'activities.cooperation.R',
  'activities.cooperation.cost',
  'activities.nothing.R',
  'strategies.tit-for-tat',
  'strategies.__proto__',
  '__proto__.toString',
  'trust.__proto__.hasOwnProperty',
  'constructor',
  'update.rule',
  'update.K',
  'exit.threshold',
  'rivalry.history',
  'a..b',
  '',
  '.',
];

const deepValue = fc.integer({ min: 1, max: 3000 }).map((depth) => `${'['.repeat(depth)}1${']'.repeat(depth)}`);
const valueText = fc.oneof(
  fc.constantFrom('0', '1', '-1', '0.5', '1e308', '-1e308', 'NaN', 'Infinity', 'true', 'null', '{}', '[]', '"x"', '{"__proto__":{"a":1}}', '\u001b[2J', '[[1'),
  fc.double().map(String),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'null'),
  fc.string({ maxLength: 20 }),
  deepValue,
);

function expectOneLineInputError(error: unknown): void {
  expect(error).toBeInstanceOf(InputError);
  const message = (error as Error).message;
  expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
  expect(message.length).toBeLessThan(1000);
}

function expectFinite(scenario: Scenario): void {
  const numbers: number[] = [];
  const stack: unknown[] = [scenario.parameters];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value === 'number') numbers.push(value);
    else if (value !== null && typeof value === 'object') stack.push(...Object.values(value));
  }
  expect(numbers.every(Number.isFinite)).toBe(true);
  expect(Object.getPrototypeOf(scenario.parameters)).toBe(Object.prototype);
}

const base = parseScenario({ name: 'base', title: 't', description: 'd', seed: 1, generations: 2, parameters: { width: 6, height: 6 } }, 'base');

describe('fuzzing the cluster model inputs', () => {
  it('any --set assignment is applied with finite parameters or refused in one line', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATHS), valueText, (path, value) => {
        try {
          expectFinite(withOverrides(base, [`${path}=${value}`]));
        } catch (error) {
          expectOneLineInputError(error);
        }
        expect(({} as Record<string, unknown>).a).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });

  it('any JSON document is a valid scenario or is refused in one line', () => {
    const parameterObject = fc.dictionary(
      fc.constantFrom(...PATHS.filter((path) => !path.includes('.')), 'trust', 'sanctions', '__proto__'),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const document = fc.oneof(
      fc.jsonValue({ maxDepth: 5 }),
      fc.record({
        name: fc.constantFrom('x', 'Bad Name', ''),
        title: fc.string(),
        description: fc.string(),
        seed: fc.oneof(fc.integer(), fc.double()),
        generations: fc.oneof(fc.integer({ min: -5, max: 2_000_000 }), fc.double()),
        parameters: parameterObject,
        events: fc.array(
          fc.record({ generation: fc.integer({ min: -1, max: 100 }), set: fc.dictionary(fc.constantFrom(...PATHS), fc.jsonValue({ maxDepth: 2 })) }),
          {
            maxLength: 4,
          },
        ),
      }),
      deepValue.map((text) => ({ name: 'x', title: 't', description: 'd', seed: 1, generations: 1, parameters: { noise: JSON.parse(text) as unknown } })),
    );
    fc.assert(
      fc.property(document, (candidate) => {
        try {
          expectFinite(parseScenario(JSON.parse(JSON.stringify(candidate)) as unknown, 'fuzz.json'));
        } catch (error) {
          expectOneLineInputError(error);
        }
      }),
      { numRuns: 400 },
    );
  });
});
