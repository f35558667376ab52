import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETERS } from '../../src/cluster/parameters.js';
import { runScenario } from '../../src/cluster/run.js';
import { parseScenario, scenarioDocument, scenarioNameOf, withOverrides, yearOf, type Scenario } from '../../src/cluster/scenario.js';
import { loadScenario, presetNames } from '../../src/formats/scenario-file.js';
import { TECH, TRAINING } from '../support/cluster.js';
import { builtin } from '../support/play.js';
import { inputError } from '../support/errors.js';

const minimal = { name: 'tiny', title: 'Tiny', description: 'A tiny cluster.', seed: 1, generations: 5, parameters: {} };

/** A document with `changes` applied to the minimal one. */
const documentWith = (changes: Record<string, unknown>) => ({ ...minimal, ...changes });

const parseError = (document: unknown) => inputError(() => parseScenario(document, 'tiny.json'));

describe('parseScenario', () => {
  it('reads a minimal document: the defaults and no events', () => {
    const scenario = parseScenario(minimal, 'tiny.json');
    expect(scenario).toEqual({
      name: 'tiny',
      title: 'Tiny',
      description: 'A tiny cluster.',
      source: undefined,
      seed: 1,
      generations: 5,
      parameters: DEFAULT_PARAMETERS,
      events: [],
    });
  });

  it('keeps the source and the timeline', () => {
    const scenario = parseScenario(
      documentWith({
        source: 'Meyer-Stamer (2001)',
        events: [
          { generation: 3, set: { 'crisis.active': true }, label: 'crisis' },
          { generation: 4, set: { noise: 0.1 } },
        ],
      }),
      'tiny.json',
    );
    expect(scenario.source).toBe('Meyer-Stamer (2001)');
    expect(scenario.events).toEqual([
      { generation: 3, set: { 'crisis.active': true }, label: 'crisis' },
      { generation: 4, set: { noise: 0.1 }, label: undefined },
    ]);
  });

  it('names the field, the value and what was expected', () => {
    expect(parseError(documentWith({ name: 'Tiny Cluster' }))).toBe('tiny.json: name: got "Tiny Cluster", expected a kebab-case name');
    expect(parseError(documentWith({ seed: 1.5 }))).toBe('tiny.json: seed: got 1.5, expected a whole number >= 0');
    expect(parseError(documentWith({ generations: -1 }))).toBe('tiny.json: generations: got -1, expected a whole number from 0 to 1000000');
    expect(parseError(documentWith({ events: [{ generation: -1, set: {} }] }))).toBe(
      'tiny.json: events.0.generation: got -1, expected a whole number from 0 to 1000000',
    );
    expect(
      parseError(
        documentWith({
          events: [
            { generation: 1, set: {} },
            { generation: 'soon', set: {} },
          ],
        }),
      ),
    ).toBe('tiny.json: events.1.generation: got "soon", expected a whole number from 0 to 1000000');
    expect(parseError(documentWith({ events: [{ generation: 1 }] }))).toBe(
      'tiny.json: events.0.set: missing: expected an object of parameter paths and values',
    );
    expect(parseError(documentWith({ parameters: 3 }))).toBe('tiny.json: parameters: got 3, expected an object of parameters');
  });

  it('takes the defaults for what a file leaves out: its name from the file name, the title from the name, seed 1, 200 generations', () => {
    expect(parseScenario({}, 'My Cluster.json', 'my-cluster')).toEqual({
      name: 'my-cluster',
      title: 'my-cluster',
      description: '',
      source: undefined,
      seed: 1,
      generations: 200,
      years: undefined,
      parameters: DEFAULT_PARAMETERS,
      events: [],
    });
    expect(scenarioNameOf('/tmp/My Cluster.json')).toBe('my-cluster');
  });

  it('reports every problem of a file at once, on one line', () => {
    const message = parseError({ seed: -1, bogus: 1, parameters: { noise: 2, temptation: 'x' } });
    expect(message).toBe(
      'tiny.json: 4 problems: seed: got -1, expected a whole number >= 0; the file: unknown field \'bogus\': expected only documented fields (see docs/model.md); parameters.temptation: got "x", expected a number from -1000000 to 1000000; parameters.noise: got 2, expected a number from 0 to 1',
    );
    expect(message).not.toContain('\n');
    const many = parseError({
      parameters: Object.fromEntries(['noise', 'mutation', 'temptation', 'width', 'height', 'neighbourhood', 'boundary', 'init'].map((key) => [key, 'x'])),
    });
    expect(many).toMatch(/^tiny\.json: \d+ problems: .*; and \d+ more$/);
  });

  it('reads a time in years, and names a bad or half-given one', () => {
    const dated = parseScenario(documentWith({ startYear: 1990, generationsPerYear: 25 }), 'tiny.json');
    expect(dated.years).toEqual({ startYear: 1990, generationsPerYear: 25 });
    expect(yearOf(dated.years!, 0)).toBe(1990);
    expect(yearOf(dated.years!, 24)).toBe(1990);
    expect(yearOf(dated.years!, 25)).toBe(1991);
    expect(yearOf(dated.years!, 250)).toBe(2000);
    expect(scenarioDocument(dated)).toMatchObject({ startYear: 1990, generationsPerYear: 25 });
    expect(parseScenario(minimal, 'tiny.json').years).toBeUndefined();
    expect(parseError(documentWith({ startYear: 1990 }))).toBe(
      'tiny.json: generationsPerYear: missing; expected it beside startYear (a time in years needs both)',
    );
    expect(parseError(documentWith({ generationsPerYear: 4 }))).toBe(
      'tiny.json: startYear: missing; expected it beside generationsPerYear (a time in years needs both)',
    );
    expect(parseError(documentWith({ startYear: 1990, generationsPerYear: 0 }))).toBe(
      'tiny.json: generationsPerYear: got 0, expected a whole number of generations from 1 to 1000000',
    );
    expect(parseError(documentWith({ startYear: 1990, generationsPerYear: 2.5 }))).toBe(
      'tiny.json: generationsPerYear: got 2.5, expected a whole number of generations from 1 to 1000000',
    );
    expect(parseError(documentWith({ startYear: 'early 1990s', generationsPerYear: 4 }))).toBe(
      'tiny.json: startYear: got "early 1990s", expected a whole number from 1 to 9999',
    );
    expect(parseError(documentWith({ startYear: 10_000, generationsPerYear: 4 }))).toBe(
      'tiny.json: startYear: got 10000, expected a whole number from 1 to 9999',
    );
  });

  it('names an unknown field', () => {
    expect(parseError(documentWith({ colour: 'red' }))).toBe(
      "tiny.json: the file: unknown field 'colour': expected only documented fields (see docs/model.md)",
    );
    expect(parseError(documentWith({ events: [{ generation: 1, set: {}, colour: 'red' }] }))).toBe(
      "tiny.json: events.0: unknown field 'colour': expected only documented fields (see docs/model.md)",
    );
    expect(parseError(documentWith({ parameters: { colour: 'red' } }))).toBe(
      "tiny.json: parameters: unknown field 'colour': expected only documented fields (see docs/model.md)",
    );
    expect(parseError(documentWith({ parameters: { trust: { gian: 0.1 } } }))).toBe(
      "tiny.json: parameters.trust: unknown field 'gian': expected only documented fields (see docs/model.md)",
    );
  });

  it('names a bad parameter inside parameters', () => {
    expect(parseError(documentWith({ parameters: { trust: { gain: 2 } } }))).toBe('tiny.json: parameters.trust.gain: got 2, expected a number from 0 to 1');
    expect(parseError(documentWith({ parameters: { update: { rule: 'best' } } }))).toBe(
      "tiny.json: parameters.update.rule: got \"best\", expected 'imitate-best', 'fermi' or 'moran'",
    );
    expect(parseError(documentWith({ parameters: { width: 2, height: 2 } }))).toBe(
      'tiny.json: parameters.width × height 2×2: a torus needs at least 3×3 firms',
    );
  });

  it('checks every setting of every event against the parameters', () => {
    expect(parseError(documentWith({ events: [{ generation: 2, set: { 'trust.gain': 2 } }] }))).toBe(
      'tiny.json: events.0.set.trust.gain: trust.gain: got 2, expected a number from 0 to 1',
    );
    expect(parseError(documentWith({ events: [{ generation: 2, set: { noise: 0.1, 'trust.gian': 0.1 } }] }))).toContain(
      "tiny.json: events.0.set.trust.gian: unknown parameter 'trust.gian'",
    );
    expect(parseError(documentWith({ events: [{ generation: 2, set: { 'activities.training.enabled': true } }] }))).toBe(
      "tiny.json: events.0.set.activities.training.enabled: unknown activity 'training' in 'activities.training.enabled': expected one of cooperation",
    );
  });

  // Regression test (fixed): (src/cluster/scenario.ts, parseScenario, the events loop): event settings are checked only
  // with withParameter, never against STRUCTURAL_PATHS, so a timeline that sets `width` (or
  // `strategies.<id>`, `rivalry.history`, …) parses, and the run fails only when the event's
  // generation comes (model.ts #applyScheduledEvents), or, for strategies.<id>, not at all.
  // The specification: "Invalid scenarios are rejected with a message that names the bad field."
  it('rejects an event on a structural parameter, naming it', () => {
    expect(parseError(documentWith({ events: [{ generation: 2, set: { width: 5 } }] }))).toContain('events.0.set.width');
  });
});

describe('the overlay of a file on the defaults', () => {
  const parameters = (overrides: Record<string, unknown>) => parseScenario(documentWith({ parameters: overrides }), 'tiny.json').parameters;

  it('merges objects key by key', () => {
    expect(parameters({ trust: { gain: 0.2 } }).trust).toEqual({ ...DEFAULT_PARAMETERS.trust, gain: 0.2 });
    expect(parameters({ exit: { threshold: -5 } }).exit).toEqual({ threshold: -5, spinoffTrust: 0.1 });
    expect(parameters({ crisis: { windows: [{ from: 1, to: 2 }] } }).crisis).toEqual({ ...DEFAULT_PARAMETERS.crisis, windows: [{ from: 1, to: 2 }] });
    expect(parameters({ width: 5 })).toEqual({ ...DEFAULT_PARAMETERS, width: 5 });
  });

  it('replaces lists and the strategy mix', () => {
    expect(parameters({ activities: [TRAINING, TECH] }).activities).toEqual([TRAINING, TECH]);
    expect(parameters({ strategies: { 'tit-for-tat': 1 } }).strategies).toEqual({ 'tit-for-tat': 1 });
    // a list item is not merged with the default activity
    expect(parseError(documentWith({ parameters: { activities: [{ name: 'cooperation', enabled: false }] } }))).toMatch(
      /^tiny\.json: 6 problems: parameters\.activities\.cooperation\.lowRisk: missing: expected true or false; parameters\.activities\.cooperation\.R: missing/,
    );
  });

  it('takes null as a value', () => {
    expect(parameters({ cooperators: null }).cooperators).toBeNull();
  });
});

describe('withOverrides', () => {
  const scenario = parseScenario(
    documentWith({
      parameters: { width: 3, height: 3, activities: [{ ...TRAINING, enabled: false }, TECH], strategies: { cooperator: 1, defector: 1 } },
      events: [
        { generation: 2, set: { 'activities.training.enabled': true, 'sanctions.fine': 1 }, label: 'programme and fines' },
        { generation: 4, set: { 'activities.training.enabled': false }, label: 'programme ends' },
        { generation: 4, set: { 'trust.gain': 0.5 }, label: 'trust grows faster' },
      ],
    }),
    'tiny.json',
  );

  it('sets the parameters and pins them: events on the same path are dropped', () => {
    const pinned = withOverrides(scenario, ['activities.training.enabled=true', ' trust.gain = 0.2 ']);
    expect(pinned.parameters.activities.map((activity) => activity.enabled)).toEqual([true, true]);
    expect(pinned.parameters.trust.gain).toBe(0.2);
    expect(pinned.events).toEqual([{ generation: 2, set: { 'sanctions.fine': 1 }, label: 'programme and fines' }]);
    // the scenario itself is left alone
    expect(scenario.parameters.activities[0]!.enabled).toBe(false);
    expect(scenario.events).toHaveLength(3);
  });

  it('leaves everything else as it was', () => {
    const overridden = withOverrides(scenario, ['noise=0.01']);
    expect(overridden.parameters).toEqual({ ...scenario.parameters, noise: 0.01 });
    expect(overridden.events).toEqual(scenario.events);
    expect(withOverrides(scenario, [])).toEqual(scenario);
  });

  it('keeps a pinned parameter for the whole run', () => {
    const pinned = withOverrides(scenario, ['activities.training.enabled=true']);
    const run = runScenario(pinned, [builtin('cooperator'), builtin('defector')], { seed: 1, generations: 5 });
    expect(run.records).toHaveLength(6);
    expect(run.model.log).toEqual([
      { generation: 2, label: 'programme and fines' },
      { generation: 4, label: 'trust grows faster' },
    ]);
    expect(run.model.parameters.activities[0]!.enabled).toBe(true);
    expect(run.model.parameters.sanctions.fine).toBe(1);
    // and without the pin the timeline switches the programme on and off
    const free = runScenario(scenario, [builtin('cooperator'), builtin('defector')], { seed: 1, generations: 5 });
    expect(free.model.log.map((event) => event.label)).toEqual(['programme and fines', 'programme ends', 'trust grows faster']);
    expect(free.model.parameters.activities[0]!.enabled).toBe(false);
  });

  it('refuses a malformed assignment, an unknown path and a bad value', () => {
    expect(inputError(() => withOverrides(scenario, ['trust.gain']))).toBe("invalid --set 'trust.gain': expected path=value, such as trust.gain=0.2");
    expect(inputError(() => withOverrides(scenario, ['=0.2']))).toBe("invalid --set '=0.2': expected path=value, such as trust.gain=0.2");
    expect(inputError(() => withOverrides(scenario, ['trust.gain=2']))).toBe('trust.gain: got 2, expected a number from 0 to 1');
    expect(inputError(() => withOverrides(scenario, ['trust.gian=0.2']))).toContain("unknown parameter 'trust.gian'");
    expect(inputError(() => withOverrides(scenario, ['update.every=[1,']))).toContain("invalid value '[1,'");
  });
});

describe('scenarioDocument', () => {
  const scenario = parseScenario(
    documentWith({
      source: 'a test',
      parameters: {
        width: 9,
        height: 7,
        cooperators: null,
        strategies: { 'tit-for-tat': 0.5, defector: 0.5 },
        activities: [TRAINING, TECH],
        trust: { initial: 0.2, gain: 0.1 },
        exit: { threshold: -3 },
        crisis: { windows: [{ from: 3, to: 4 }] },
      },
      events: [
        { generation: 2, set: { 'activities.training.enabled': false }, label: 'programme ends' },
        { generation: 3, set: { 'sanctions.fine': 2, 'sanctions.detection': 0.5 } },
      ],
    }),
    'tiny.json',
  );

  it('holds only what differs from the defaults', () => {
    const document = scenarioDocument(scenario);
    expect(document.parameters).toEqual({
      width: 9,
      height: 7,
      cooperators: null,
      strategies: { 'tit-for-tat': 0.5, defector: 0.5 },
      activities: [TRAINING, TECH],
      trust: { initial: 0.2, gain: 0.1 },
      exit: { threshold: -3 },
      crisis: { windows: [{ from: 3, to: 4 }] },
    });
    expect(document.events).toEqual([
      { generation: 2, set: { 'activities.training.enabled': false }, label: 'programme ends' },
      { generation: 3, set: { 'sanctions.fine': 2, 'sanctions.detection': 0.5 } },
    ]);
    expect(scenarioDocument(parseScenario(minimal, 'tiny.json'))).toEqual({ ...minimal, events: [] });
  });

  it('round-trips: parseScenario(scenarioDocument(s)) equals s, also through JSON', () => {
    expect(parseScenario(scenarioDocument(scenario), 'copy.json')).toEqual(scenario);
    expect(parseScenario(JSON.parse(JSON.stringify(scenarioDocument(scenario))), 'copy.json')).toEqual(scenario);
    const overridden = withOverrides(scenario, ['activities.training.enabled=true', 'temptation=1.5']);
    expect(parseScenario(scenarioDocument(overridden), 'copy.json')).toEqual(overridden);
  });

  it('round-trips every preset', () => {
    const names = presetNames();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const preset: Scenario = loadScenario(name);
      expect(parseScenario(JSON.parse(JSON.stringify(scenarioDocument(preset))), name)).toEqual(preset);
    }
  });
});
