import { describe, expect, it } from 'vitest';
import { ClusterModel, type GenerationRecord } from '../../src/cluster/model.js';
import type { OrganiserSpec } from '../../src/cluster/organiser-parameters.js';
import { PARTNER_CHOICE_DEFAULTS, withParameter, type ActivitySpec, type ClusterParameters } from '../../src/cluster/parameters.js';
import { inputError } from '../support/errors.js';
import { clusterParameters, DEAL, firms, TECH, TRAINING, trustOf, type DeepPartial } from '../support/cluster.js';
import { builtin } from '../support/play.js';

/** A project only members play: the same dilemma as DEAL with twice the reward. */
const PROJECT: ActivitySpec = { name: 'project', lowRisk: false, R: 6, S: -1, T: 7, P: 0, cost: 0, trustThreshold: 0, enabled: true };

/** An organiser with everything at its default but what a test sets. */
function organiser(overrides: Partial<OrganiserSpec> & Pick<OrganiserSpec, 'name' | 'policy'>): Record<string, unknown> {
  return { members: 1, credibility: 1, churn: 0, ...overrides };
}

const organised = (organisers: readonly Record<string, unknown>[], activities: readonly ActivitySpec[] = [DEAL, PROJECT]) =>
  ({ activities: [...activities], organisers }) as unknown as DeepPartial<ClusterParameters>;

describe('organisers are off by default', () => {
  it('a run without organisers has no organiser state and records nothing for them', () => {
    const model = firms(['cooperator', 'defector']);
    const record = model.step();
    expect(model.membership).toBeUndefined();
    expect('organisers' in record).toBe(false);
    expect(model.parameters.organisers).toBeUndefined();
  });

  it('an organiser not yet founded changes nothing: the same generations as a run without it', () => {
    const parameters = clusterParameters({
      width: 6,
      height: 6,
      boundary: 'torus',
      strategies: { 'tit-for-tat': 1, defector: 1, 'raise-the-stakes': 1 },
      activities: [TRAINING, TECH],
      trust: { initial: 0.2, gain: 0.1, loss: 0.5 },
      noise: 0.05,
      sanctions: { detection: 0.3, fine: 1 },
      update: { share: 1, rule: 'fermi' },
    });
    const pool = ['tit-for-tat', 'defector', 'raise-the-stakes'].map(builtin);
    const dormant = withParameter(parameters, 'organisers', [organiser({ name: 'association', policy: 'moderator', active: false, activities: ['training'] })]);
    const run = (p: typeof parameters): GenerationRecord[] => {
      const model = new ClusterModel({ parameters: p, seed: 3, strategies: pool });
      return Array.from({ length: 15 }, () => model.step());
    };
    expect(run(dormant)).toEqual(run(parameters));
  });
});

describe('an organiser and its instruments', () => {
  it('runs its activities only between its members: two co-operating members play the project, non-members the common deal', () => {
    const members = firms(['cooperator', 'cooperator'], organised([organiser({ name: 'producer', policy: 'passive', activities: ['project'] })]));
    members.step();
    expect(Array.from(members.payoff)).toEqual([6, 6]);
    const outsiders = firms(['cooperator', 'cooperator'], organised([organiser({ name: 'producer', policy: 'passive', activities: ['project'], members: 0 })]));
    outsiders.step();
    expect(Array.from(outsiders.payoff)).toEqual([3, 3]);
  });

  it('charges members its fee, and its budget takes in fees and the grant and pays for its activities', () => {
    const model = firms(
      ['cooperator', 'cooperator'],
      organised([organiser({ name: 'association', policy: 'passive', activities: ['project'], fee: 0.5, grant: 2, budget: 10, activityCost: 4 })]),
    );
    const record = model.step();
    expect(Array.from(model.payoff)).toEqual([5.5, 5.5]);
    const [books] = record.organisers!;
    expect(books).toMatchObject({ name: 'association', members: 1, running: 1, budget: 10 + 1 + 2 - 4 });
    expect(books!.accounts).toMatchObject({ fees: 1, grant: 2, activities: 4, monitoring: 0, mediation: 0, costSharing: 0 });
  });

  it('shares its members’ transaction costs and pays them from its budget', () => {
    const costly = { ...DEAL, cost: 1 };
    const model = firms(['cooperator', 'cooperator'], organised([organiser({ name: 'agency', policy: 'passive', costShare: 0.5, budget: 10 })], [costly]));
    const record = model.step();
    expect(Array.from(model.payoff)).toEqual([2.5, 2.5]);
    expect(record.organisers![0]!.accounts.costSharing).toBe(1);
    expect(record.organisers![0]!.budget).toBe(9);
  });

  it('monitoring catches a member cheating a fellow member; the fine goes to the organiser, and a producer drops the cheat from its next project', () => {
    const spec = organiser({ name: 'producer', policy: 'producer', activities: ['project'], monitoring: 1, fine: 2 });
    const model = firms(['cooperator', 'defector'], organised([spec]));
    const record = model.step();
    // The defector earns T = 7 in the project less the fine; the co-operator S = −1.
    expect(Array.from(model.payoff)).toEqual([-1, 5]);
    expect(record.fines).toBe(2);
    expect(record.organisers![0]!.accounts.fines).toBe(2);
    expect(Array.from(model.membership!.memberOf)).toEqual([0, -1]);
    expect(model.log.at(-1)!.label).toMatch(/producer: 1 dropped from the project for cheating a fellow member; 1 members/);
  });

  it('mediation softens the loss of trust between members after a defection', () => {
    const trust = { initial: 0.8, gain: 0.1, loss: 0.5 };
    const plain = firms(['cooperator', 'defector'], { trust });
    plain.step();
    const mediated = firms(['cooperator', 'defector'], { trust, ...organised([organiser({ name: 'moderator', policy: 'moderator', mediation: 0.5 })]) });
    mediated.step();
    expect(trustOf(plain, 0, 1)).toBeCloseTo(0.4, 12);
    expect(trustOf(mediated, 0, 1)).toBeCloseTo(0.6, 12);
  });

  it('a moderator starts with its low-risk activities and raises the stakes once its members trust each other; a passive association runs all at once', () => {
    const ladder = [TRAINING, { ...TECH, enabled: false }];
    const trust = { initial: 0.2, gain: 0.1, loss: 0.5 };
    const moderator = firms(['cooperator', 'cooperator'], {
      trust,
      ...organised([organiser({ name: 'moderator', policy: 'moderator', activities: ['training', 'tech'] })], ladder),
    });
    const running = Array.from({ length: 12 }, () => moderator.step().organisers![0]!.running);
    // Trust 0.2 grows by a tenth of the gap a round: it reaches the 0.6 threshold after five rounds.
    expect(running.slice(0, 5)).toEqual([1, 1, 1, 1, 1]);
    expect(running.at(-1)).toBe(2);
    const passive = firms(['cooperator', 'cooperator'], {
      trust,
      ...organised([organiser({ name: 'association', policy: 'passive', activities: ['training', 'tech'] })], ladder),
    });
    expect(passive.step().organisers![0]!.running).toBe(2);
  });
});

describe('a producer that re-forms project teams', () => {
  /** Twenty co-operators in a row whose ties end with their project half the time; a search looks one step away, never through partners. */
  const row = (introductions: number) =>
    firms(
      Array.from({ length: 20 }, () => 'cooperator'),
      {
        activities: [DEAL, PROJECT],
        partnerChoice: { ...PARTNER_CHOICE_DEFAULTS, enabled: true, distance: 1, viaPartners: 0, turnover: 0.5 },
        organisers: [organiser({ name: 'producer', policy: 'producer', activities: ['project'], introductions })],
      } as unknown as DeepPartial<ClusterParameters>,
      { width: 20 },
    );
  /** The ties a search of its own could not have formed: between firms more than one step apart. */
  const farTies = (model: ClusterModel): number => {
    const network = model.network!;
    let far = 0;
    for (let edge = 0; edge < network.count; edge++) if (Math.abs(network.firmA[edge]! - network.firmB[edge]!) > 1) far++;
    return far;
  };

  it('introduces a member looking for a partner to a fellow member anywhere in the cluster; without introductions ties stay local', () => {
    const introduced = row(1);
    const alone = row(0);
    for (let generation = 0; generation < 5; generation++) {
      introduced.step();
      alone.step();
    }
    expect(farTies(introduced)).toBeGreaterThan(0);
    expect(farTies(alone)).toBe(0);
  });
});

describe('budget, credibility and membership', () => {
  it('an organiser whose budget cannot pay for its plan drops what it cannot pay, says so, and loses credibility', () => {
    const model = firms(
      ['cooperator', 'cooperator'],
      organised([
        organiser({ name: 'centre', policy: 'passive', activities: ['project'], budget: 25, activityCost: 10, credibility: 0.5, credibilityRate: 0.2 }),
      ]),
    );
    const records = Array.from({ length: 3 }, () => model.step());
    expect(records.map((record) => record.organisers![0]!.running)).toEqual([1, 1, 0]);
    expect(Array.from(model.payoff)).toEqual([3, 3]);
    const credibility = records.map((record) => record.organisers![0]!.credibility);
    expect(credibility[0]).toBeCloseTo(0.6, 12);
    expect(credibility[2]).toBeCloseTo(credibility[1]! * 0.8, 12);
    expect(model.log.map((entry) => entry.label)).toContain('centre cannot pay for all it promised (budget 5.00): its credibility falls');
  });

  it('firms join when the promised benefit, weighed by credibility, beats the fee; with too little credibility they do not', () => {
    const join = (credibility: number) => {
      const model = firms(
        ['cooperator', 'cooperator', 'cooperator', 'cooperator'],
        organised([organiser({ name: 'association', policy: 'passive', members: 0, promise: 1, fee: 0.5, churn: 1, credibility, credibilityRate: 0 })]),
      );
      model.step();
      return Array.from(model.membership!.memberOf);
    };
    expect(join(0.8)).toEqual([0, 0, 0, 0]);
    expect(join(0.4)).toEqual([-1, -1, -1, -1]);
  });

  it('members leave when what members earn over non-members is below the fee', () => {
    // On a 3×3 torus every co-operator earns the same; members of an association that gives them nothing see a benefit of 0, below the fee.
    const model = firms(
      Array.from({ length: 9 }, () => 'cooperator'),
      { boundary: 'torus', ...organised([organiser({ name: 'association', policy: 'passive', members: 0.5, fee: 0.2, churn: 1 })]) },
      { seed: 2, width: 3 },
    );
    model.step();
    expect(model.membership!.memberOf.every((slot) => slot === -1)).toBe(true);
    expect(model.log.at(-1)!.label).toMatch(/^association: \d+ left \(members earn 0.00 more than non-members: less than a fee of 0.20\); 0 members$/);
  });

  it('with no credibility members do not take up its activities', () => {
    const model = firms(['cooperator', 'cooperator'], organised([organiser({ name: 'agency', policy: 'passive', activities: ['project'], credibility: 0 })]));
    model.step();
    expect(Array.from(model.payoff)).toEqual([3, 3]);
  });
});

describe('several organisers', () => {
  it('coexist, each with its own members: a pair of one organiser plays its project, a pair across two the common deal', () => {
    const layout = Array.from({ length: 8 }, () => 'cooperator');
    const model = firms(
      layout,
      organised([
        organiser({ name: 'agency', policy: 'passive', activities: ['project'], members: 0.5 }),
        organiser({ name: 'association', policy: 'passive', activities: ['project'] }),
      ]),
      { seed: 4 },
    );
    const record = model.step();
    const { memberOf, names } = model.membership!;
    expect(names).toEqual(['agency', 'association']);
    expect(memberOf.every((slot) => slot === 0 || slot === 1)).toBe(true);
    expect(new Set(memberOf).size).toBe(2);
    expect(record.organisers!.map((books) => books.members).reduce((a, b) => a + b)).toBe(1);
    for (let firm = 0; firm < layout.length; firm++) {
      const neighbours = [firm - 1, firm + 1].filter((other) => other >= 0 && other < layout.length);
      const expected = neighbours.reduce((sum, other) => sum + (memberOf[other] === memberOf[firm] ? 6 : 3), 0);
      expect(model.payoff[firm]).toBe(expected);
    }
  });

  it('an organiser is founded by an event and closed by another, which releases its members', () => {
    // While it works its project is played only by its members, whatever `enabled` says; before and after, `enabled` holds.
    const parameters = organised(
      [organiser({ name: 'association', policy: 'passive', active: false, activities: ['project'] })],
      [DEAL, { ...PROJECT, enabled: false }],
    );
    const model = firms(['cooperator', 'cooperator'], parameters, {
      events: [
        { generation: 1, set: { 'organisers.association.active': true } },
        { generation: 2, set: { 'organisers.association.active': false } },
      ],
    });
    const payoffs = Array.from({ length: 3 }, () => (model.step(), model.payoff[0]));
    expect(payoffs).toEqual([3, 6, 3]);
    expect(model.log.map((entry) => entry.label)).toEqual([
      'organisers.association.active = true',
      'association founded (passive; fee 0.00): 2 firms join at once',
      'organisers.association.active = false',
      'association closes: its 2 members are released',
    ]);
  });
});

describe('organiser parameters', () => {
  it('are addressed by name, like activities', () => {
    const parameters = clusterParameters(organised([organiser({ name: 'association', policy: 'passive' })]));
    expect(withParameter(parameters, 'organisers.association.fee', 0.3).organisers![0]!.fee).toBe(0.3);
    expect(withParameter(clusterParameters(), 'organisers', [{ name: 'agency', policy: 'moderator' }]).organisers![0]).toMatchObject({
      name: 'agency',
      active: true,
      fee: 0,
    });
  });

  it('refuse an unknown organiser, an unknown activity, a duplicate name and a bad policy in one line', () => {
    const parameters = clusterParameters(organised([organiser({ name: 'association', policy: 'passive' })]));
    expect(inputError(() => withParameter(parameters, 'organisers.guild.fee', 1))).toBe(
      "unknown organiser 'guild' in 'organisers.guild.fee': expected one of association",
    );
    expect(inputError(() => clusterParameters(organised([organiser({ name: 'association', policy: 'passive', activities: ['lobbying'] })])))).toBe(
      "parameters.organisers.association.activities: unknown activity 'lobbying': expected one of deal, project",
    );
    expect(inputError(() => clusterParameters(organised([organiser({ name: 'a', policy: 'passive' }), organiser({ name: 'a', policy: 'producer' })])))).toBe(
      "parameters.organisers: organiser 'a' is listed twice: expected unique names",
    );
    expect(inputError(() => withParameter(parameters, 'organisers.association.policy', 'lobbyist'))).toBe(
      `organisers.association.policy: got "lobbyist", expected 'passive', 'moderator' or 'producer'`,
    );
  });
});
