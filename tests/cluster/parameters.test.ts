import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import {
  DEFAULT_PARAMETERS,
  STRUCTURAL_PATHS,
  getPath,
  parseValue,
  validateParameters,
  withParameter,
  type ClusterParameters,
} from '../../src/cluster/parameters.js';
import { TECH, TRAINING } from '../support/cluster.js';
import { inputError } from '../support/errors.js';

const withLadder: ClusterParameters = { ...DEFAULT_PARAMETERS, activities: [TRAINING, TECH] };

describe('DEFAULT_PARAMETERS', () => {
  it('are valid and are Nowak & May: Moore torus with self-interaction, R = 1, T = b, S = P = 0, everything else off', () => {
    expect(validateParameters(DEFAULT_PARAMETERS)).toEqual(DEFAULT_PARAMETERS);
    expect(DEFAULT_PARAMETERS).toMatchObject({
      neighbourhood: 'moore',
      boundary: 'torus',
      selfInteraction: true,
      roundsPerGeneration: 1,
      noise: 0,
      subsidy: 0,
      mutation: 0,
      trust: { initial: 1, gain: 0, loss: 0, decay: 0 },
      sanctions: { detection: 0, fine: 0 },
      crisis: { active: false, windows: [] },
      externalBuyers: { share: 0, bonus: 0 },
      rivalry: { history: 0 },
      update: { rule: 'imitate-best', share: 1, every: 1 },
      exit: { threshold: null },
    });
    expect(DEFAULT_PARAMETERS.activities).toEqual([{ name: 'cooperation', lowRisk: false, R: 1, S: 0, P: 0, cost: 0, trustThreshold: 0, enabled: true }]);
  });

  it('name the structural parameters that cannot change during a run', () => {
    expect([...STRUCTURAL_PATHS].sort()).toEqual(
      [
        'boundary',
        'cooperators',
        'externalBuyers.share',
        'height',
        'init',
        'market',
        'market.education',
        'market.enabled',
        'market.initialFirms',
        'market.size',
        'market.tiers',
        'neighbourhood',
        'partnerChoice',
        'partnerChoice.enabled',
        'partnerChoice.maxTies',
        'rivalry.grievances',
        'rivalry.history',
        'selfInteraction',
        'strategies',
        'trust.initial',
        'width',
      ].sort(),
    );
  });
});

describe('parseValue', () => {
  it('reads numbers, booleans, null, JSON and bare words', () => {
    expect(parseValue('0.5')).toBe(0.5);
    expect(parseValue(' 3 ')).toBe(3);
    expect(parseValue('-2')).toBe(-2);
    expect(parseValue('1e3')).toBe(1000);
    expect(parseValue('true')).toBe(true);
    expect(parseValue('false')).toBe(false);
    expect(parseValue('null')).toBeNull();
    expect(parseValue('[{"from": 1, "to": 3}]')).toEqual([{ from: 1, to: 3 }]);
    expect(parseValue('{"cooperator": 1}')).toEqual({ cooperator: 1 });
    expect(parseValue('"42"')).toBe('42');
    expect(parseValue('fermi')).toBe('fermi');
    expect(parseValue(' von-neumann ')).toBe('von-neumann');
    expect(parseValue('')).toBe('');
    expect(parseValue('Infinity')).toBe('Infinity'); // not a finite number: a word
  });

  it('rejects broken JSON with a message that quotes it', () => {
    expect(inputError(() => parseValue('[1, 2'))).toBe("invalid value '[1, 2': expected a number, true, false, a word or JSON");
    expect(() => parseValue('{cooperator: 1}')).toThrow(InputError);
  });
});

describe('getPath', () => {
  it('reads dotted paths, activities by name', () => {
    expect(getPath(DEFAULT_PARAMETERS, 'temptation')).toBe(1.85);
    expect(getPath(DEFAULT_PARAMETERS, 'trust.gain')).toBe(0);
    expect(getPath(DEFAULT_PARAMETERS, 'exit.threshold')).toBeNull();
    expect(getPath(withLadder, 'activities.tech.trustThreshold')).toBe(0.6);
    expect(getPath(withLadder, 'activities.training')).toEqual(TRAINING);
    expect(getPath(withLadder, 'activities.training.T')).toBe(1.3);
    expect(getPath(DEFAULT_PARAMETERS, 'activities.cooperation.T')).toBeUndefined(); // the model's temptation
    expect(getPath(DEFAULT_PARAMETERS, 'strategies.defector')).toBe(1);
  });

  it('refuses unknown paths', () => {
    expect(() => getPath(DEFAULT_PARAMETERS, 'trust.gian')).toThrow(InputError);
    expect(() => getPath(DEFAULT_PARAMETERS, 'activities.training.enabled')).toThrow("unknown activity 'training'");
  });
});

describe('withParameter', () => {
  it('returns a validated copy and leaves the original alone', () => {
    const changed = withParameter(DEFAULT_PARAMETERS, 'trust.gain', 0.2);
    expect(changed.trust).toEqual({ ...DEFAULT_PARAMETERS.trust, gain: 0.2 });
    expect(DEFAULT_PARAMETERS.trust.gain).toBe(0);
    expect(withParameter(DEFAULT_PARAMETERS, 'update.rule', 'moran').update.rule).toBe('moran');
    expect(withParameter(DEFAULT_PARAMETERS, 'exit.threshold', -5).exit.threshold).toBe(-5);
    expect(withParameter(DEFAULT_PARAMETERS, 'crisis.windows', [{ from: 2, to: 4 }]).crisis.windows).toEqual([{ from: 2, to: 4 }]);
    expect(withParameter(DEFAULT_PARAMETERS, 'trust', { initial: 0.5, gain: 0.1, loss: 0.2, decay: 0, baseline: 0.5 }).trust.loss).toBe(0.2);
  });

  it('addresses activities by name', () => {
    const off = withParameter(withLadder, 'activities.training.enabled', false);
    expect(off.activities.map((activity) => activity.enabled)).toEqual([false, true]);
    expect(withLadder.activities[0]!.enabled).toBe(true);
    const steeper = withParameter(withLadder, 'activities.tech.trustThreshold', 0.8);
    expect(steeper.activities[1]!.trustThreshold).toBe(0.8);
    // T and description may be set even where the activity leaves them out
    const priced = withParameter(DEFAULT_PARAMETERS, 'activities.cooperation.T', 1.5);
    expect(priced.activities[0]!.T).toBe(1.5);
    expect(withParameter(DEFAULT_PARAMETERS, 'activities.cooperation.description', 'a deal').activities[0]!.description).toBe('a deal');
  });

  it('sets one weight of the strategy mix, possibly a new id', () => {
    expect(withParameter(DEFAULT_PARAMETERS, 'strategies.tit-for-tat', 0.5).strategies).toEqual({ cooperator: 1, defector: 1, 'tit-for-tat': 0.5 });
    expect(withParameter(DEFAULT_PARAMETERS, 'strategies.defector', 0).strategies).toEqual({ cooperator: 1, defector: 0 });
  });

  it('names an unknown path', () => {
    const message = inputError(() => withParameter(DEFAULT_PARAMETERS, 'trust.gian', 0.2));
    expect(message).toContain("unknown parameter 'trust.gian'");
    expect(message).toContain('trust.gain');
    expect(() => withParameter(DEFAULT_PARAMETERS, 'colour', 1)).toThrow("unknown parameter 'colour'");
    expect(() => withParameter(DEFAULT_PARAMETERS, 'trust.gain.more', 1)).toThrow("unknown parameter 'trust.gain.more'");
    expect(() => withParameter(withLadder, 'activities.training.colour', 1)).toThrow("unknown parameter 'activities.training.colour'");
  });

  it('names an unknown activity and the ones there are', () => {
    expect(inputError(() => withParameter(withLadder, 'activities.testing.enabled', true))).toBe(
      "unknown activity 'testing' in 'activities.testing.enabled': expected one of training, tech",
    );
    expect(() => withParameter(withLadder, 'activities.0.enabled', true)).toThrow("unknown activity '0'");
  });

  it('names the path, the bad value and what was expected', () => {
    const cases: [string, unknown, string][] = [
      ['trust.gain', 2, 'trust.gain: got 2, expected a number from 0 to 1'],
      ['trust.gain', 'high', 'trust.gain: got "high", expected a number from 0 to 1'],
      ['width', 2.5, 'width: got 2.5, expected a whole number from 1 to 10000'],
      ['roundsPerGeneration', 0, 'roundsPerGeneration: got 0, expected a whole number from 1 to 1000'],
      ['update.rule', 'best', "update.rule: got \"best\", expected 'imitate-best', 'fermi' or 'moran'"],
      ['update.K', 0, 'update.K: got 0, expected a number > 0'],
      ['sanctions.compensate', 'yes', 'sanctions.compensate: got "yes", expected true or false'],
      ['sanctions.fine', -1, 'sanctions.fine: got -1, expected a number from 0 to 1000000'],
      ['crisis.temptationFactor', 0.5, 'crisis.temptationFactor: got 0.5, expected a number from 1 to 100'],
      ['cooperators', undefined, 'cooperators: missing: expected a number from 0 to 1'],
    ];
    for (const [path, value, message] of cases) expect(inputError(() => withParameter(DEFAULT_PARAMETERS, path, value))).toBe(message);
  });

  it('names the activity of a bad activity value', () => {
    expect(inputError(() => withParameter(withLadder, 'activities.tech.trustThreshold', 1.5))).toMatch(/got 1\.5, expected a number from 0 to 1$/);
  });

  // Regression test (fixed): (src/cluster/parameters.ts, withParameter → validateParameters(copy, '') → describeIssue):
  // the error for a bad value set on an activity by name names the activity by its list index,
  // a path the user never typed and that withParameter itself refuses ("unknown activity '1'"):
  // withParameter(p, 'activities.tech.trustThreshold', 1.5) says
  // "activities.1.trustThreshold: got 1.5, expected a number from 0 to 1";
  // expected "activities.tech.trustThreshold: got 1.5, …" (what --set and model.set users typed).
  it('names a bad activity value by the path as given, with the activity name', () => {
    expect(inputError(() => withParameter(withLadder, 'activities.tech.trustThreshold', 1.5))).toBe(
      'activities.tech.trustThreshold: got 1.5, expected a number from 0 to 1',
    );
  });

  it('checks consistency after the change', () => {
    expect(inputError(() => withParameter(DEFAULT_PARAMETERS, 'width', 2))).toBe('width × height 2×99: a torus needs at least 3×3 firms');
    expect(inputError(() => withParameter(withLadder, 'activities.tech.name', 'training'))).toBe(
      "activities: activity 'training' is listed twice: expected unique names",
    );
  });
});

describe('validateParameters', () => {
  it('catches duplicate activity names', () => {
    expect(inputError(() => validateParameters({ ...DEFAULT_PARAMETERS, activities: [TRAINING, TRAINING] }))).toBe(
      "parameters.activities: activity 'training' is listed twice: expected unique names",
    );
  });

  it('catches a torus smaller than 3×3, and allows small fixed lattices', () => {
    expect(inputError(() => validateParameters({ ...DEFAULT_PARAMETERS, width: 2, height: 2 }))).toBe(
      'parameters.width × height 2×2: a torus needs at least 3×3 firms',
    );
    expect(() => validateParameters({ ...DEFAULT_PARAMETERS, width: 3, height: 2 })).toThrow('a torus needs at least 3×3 firms');
    expect(validateParameters({ ...DEFAULT_PARAMETERS, width: 3, height: 3 }).width).toBe(3);
    expect(validateParameters({ ...DEFAULT_PARAMETERS, width: 2, height: 2, boundary: 'fixed' }).width).toBe(2);
    expect(validateParameters({ ...DEFAULT_PARAMETERS, width: 1, height: 1, boundary: 'fixed' }).height).toBe(1);
  });

  it('catches a mix without any weight, a crisis window that ends before it starts, and no activities', () => {
    expect(inputError(() => validateParameters({ ...DEFAULT_PARAMETERS, strategies: {} }))).toBe(
      'parameters.strategies: expected at least one strategy with a weight > 0',
    );
    expect(() => validateParameters({ ...DEFAULT_PARAMETERS, strategies: { cooperator: 0, defector: 0 } })).toThrow('at least one strategy');
    expect(inputError(() => validateParameters({ ...DEFAULT_PARAMETERS, crisis: { ...DEFAULT_PARAMETERS.crisis, windows: [{ from: 5, to: 3 }] } }))).toBe(
      'parameters.crisis.windows: window from 5 to 3: expected to >= from',
    );
    expect(inputError(() => validateParameters({ ...DEFAULT_PARAMETERS, activities: [] }))).toBe(
      'parameters.activities: got [], expected at least one activity',
    );
  });

  it('names unknown and missing fields', () => {
    expect(inputError(() => validateParameters({ ...DEFAULT_PARAMETERS, colour: 'red' }))).toBe(
      "parameters: unknown field 'colour': expected only documented fields (see docs/model.md)",
    );
    expect(inputError(() => validateParameters({ ...DEFAULT_PARAMETERS, trust: { ...DEFAULT_PARAMETERS.trust, gian: 1 } }))).toBe(
      "parameters.trust: unknown field 'gian': expected only documented fields (see docs/model.md)",
    );
    const { noise: _noise, ...withoutNoise } = DEFAULT_PARAMETERS;
    expect(inputError(() => validateParameters(withoutNoise))).toBe('parameters.noise: missing: expected a number from 0 to 1');
    expect(inputError(() => validateParameters({ ...DEFAULT_PARAMETERS, activities: [{ ...TRAINING, name: 'Joint Training' }] }))).toBe(
      'parameters.activities.0.name: got "Joint Training", expected a kebab-case name such as joint-training',
    );
  });
});
