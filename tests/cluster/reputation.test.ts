import { describe, expect, it } from 'vitest';
import { memorylessEligible } from '../../src/cluster/kernel.js';
import { DEFAULT_REPUTATION, getPath, reputationSchema, withParameter, type ReputationParameters } from '../../src/cluster/parameters.js';
import { ReputationLayer, stepWeight, verdictOf } from '../../src/cluster/reputation.js';
import { clusterParameters, firms } from '../support/cluster.js';

const ON: ReputationParameters = { ...DEFAULT_REPUTATION, enabled: true };
const never = () => {
  throw new Error('drew a random number with observation 0 or 1');
};

describe('assessment rules', () => {
  it('judge an act by the move and, under the standing norms, by the partner it was made against', () => {
    // [move, partner good] → verdict: C against good, D against good, C against bad, D against bad
    const table = (rule: ReputationParameters['assessment']) =>
      [
        [0, true],
        [1, true],
        [0, false],
        [1, false],
      ].map(([move, good]) => verdictOf(rule, move as number, good as boolean));
    expect(table('image-scoring')).toEqual([1, 0, 1, 0]);
    expect(table('simple-standing')).toEqual([1, 0, 1, 1]);
    expect(table('stern-judging')).toEqual([1, 0, 0, 1]);
  });
});

describe('the reputation layer', () => {
  it('makes a firm seen defecting bad at the end of the generation, at full weight with one step', () => {
    const layer = new ReputationLayer(3, 1);
    layer.beginGeneration();
    layer.witness(0, 1, 1, 0, ON, never);
    layer.witness(1, 2, 0, 0, ON, never);
    expect(Array.from(layer.standing)).toEqual([1, 1, 1]);
    layer.endGeneration(ON);
    expect(Array.from(layer.standing)).toEqual([0, 1, 1]);
    expect(Array.from(layer.balance)).toEqual([-1, 2, 1]);
  });

  it('takes the share of acts judged good as the news, and ignores a firm playing itself', () => {
    const layer = new ReputationLayer(4, 1);
    layer.witness(0, 1, 1, 0, ON, never);
    layer.witness(0, 2, 0, 0, ON, never);
    layer.witness(0, 3, 0, 0, ON, never);
    layer.witness(0, 3, 0, 0, ON, never);
    layer.witness(2, 2, 1, 1, ON, never);
    layer.endGeneration(ON);
    expect(layer.standing[0]).toBeCloseTo(0.75, 6);
    expect(layer.standing[2]).toBe(1);
  });

  it("delays news by delay generations per step (step k arrives k × delay generations after the act's), and spreads it over steps circles that lose weight at each retelling", () => {
    const delayed = { ...ON, delay: 2 };
    const layer = new ReputationLayer(2, 1);
    layer.witness(0, 1, 1, 0, delayed, never);
    const seen: number[] = [];
    for (let generation = 0; generation < 4; generation++) {
      layer.endGeneration(delayed);
      seen.push(layer.standing[0]!);
    }
    expect(seen).toEqual([1, 1, 0, 0]);

    // Two circles, one generation apart, the second told at half the weight: 1/2, then 1/4.
    const spread = { ...ON, steps: 2, loss: 0.5, delay: 1 };
    expect([stepWeight(1, 2, 0.5), stepWeight(2, 2, 0.5)]).toEqual([0.5, 0.25]);
    const word = new ReputationLayer(2, 1);
    word.witness(0, 1, 1, 0, spread, never);
    const steps: number[] = [];
    for (let generation = 0; generation < 3; generation++) {
      word.endGeneration(spread);
      steps.push(word.standing[0]!);
    }
    expect(steps).toEqual([1, 0.5, 0.5 - 0.25 * 0.5]);
  });

  it('fades standing back towards the initial standing', () => {
    const fading = { ...ON, fade: 0.5 };
    const layer = new ReputationLayer(2, 1);
    layer.witness(0, 1, 1, 0, fading, never);
    layer.endGeneration(fading);
    expect(layer.standing[0]).toBe(0);
    layer.endGeneration(fading);
    expect(layer.standing[0]).toBe(0.5);
    layer.endGeneration(fading);
    expect(layer.standing[0]).toBe(0.75);
  });

  it('sees an act with probability observation, one draw per act', () => {
    const half = { ...ON, observation: 0.5 };
    const draws = [0.7, 0.2];
    const layer = new ReputationLayer(2, 1);
    layer.witness(0, 1, 1, 1, half, () => draws.shift()!);
    layer.endGeneration(half);
    // Firm 0's defection went unseen (0.7 ≥ 0.5); firm 1's was seen.
    expect(Array.from(layer.standing)).toEqual([1, 0]);
    expect(draws).toEqual([]);
  });

  it('keeps pending news on time when the queue grows during a run', () => {
    const layer = new ReputationLayer(2, 1);
    const slow = { ...ON, delay: 1 };
    layer.witness(0, 1, 1, 0, slow, never);
    layer.endGeneration(slow);
    expect(layer.standing[0]).toBe(1);
    const slower = { ...ON, delay: 3 };
    layer.endGeneration(slower);
    expect(layer.standing[0]).toBe(0);
  });
});

describe('reputation on the lattice', () => {
  it('is off by default, and a scenario without it is unchanged by switching it off explicitly', () => {
    expect(clusterParameters().reputation).toBeUndefined();
    const layout = ['tit-for-tat', 'defector', 'good-standing', 'cooperator'];
    const plain = firms(layout, { noise: 0.1 });
    const off = firms(layout, { noise: 0.1, reputation: { enabled: false } });
    for (let generation = 0; generation < 5; generation++) expect(off.step()).toEqual(plain.step());
    expect(plain.standing).toBeUndefined();
  });

  it('is set by path from a scenario that has none, with its defaults, and validated', () => {
    const parameters = withParameter(clusterParameters(), 'reputation.assessment', 'stern-judging');
    expect(parameters.reputation).toEqual({ ...DEFAULT_REPUTATION, assessment: 'stern-judging' });
    expect(getPath(clusterParameters(), 'reputation.steps')).toBe(1);
    expect(() => withParameter(clusterParameters(), 'reputation.steps', 9)).toThrow(/reputation\.steps: got 9, expected a whole number from 1 to 8/);
    expect(() => withParameter(clusterParameters(), 'reputation.assessment', 'gossip')).toThrow(/reputation\.assessment: got "gossip"/);
    expect(reputationSchema.parse({})).toEqual(DEFAULT_REPUTATION);
  });

  it('keeps the memory-less kernel out while it is on', () => {
    const model = firms(['cooperator', 'defector'], { reputation: { enabled: true } });
    expect(memorylessEligible(model.parameters, [], true)).toBe(false);
    expect(memorylessEligible(clusterParameters(), [], true)).toBe(true);
  });

  it('lets good-standing refuse a defector from the generation after it was seen; image scoring then marks the refuser, simple standing does not', () => {
    const run = (assessment: ReputationParameters['assessment']) => {
      const model = firms(['defector', 'good-standing', 'good-standing'], { reputation: { enabled: true, assessment, good: 0.6 } });
      const cooperation = [model.step().cooperation, model.step().cooperation, model.step().cooperation];
      return { cooperation, standing: Array.from(model.standing!) };
    };
    // Generation 0: firm 1 co-operates with both neighbours, firm 2 with firm 1: 3 of 4 moves are C;
    // the defector's standing falls to 0. Generation 1: firm 1 refuses the defector: 2 of 4.
    // Image scoring judges that refusal bad: firm 1 ends at 0.5 (one good act of two), below good
    // (0.6), so in generation 2 firm 2 refuses firm 1 as well (1 of 4) and is marked in turn.
    const image = run('image-scoring');
    expect(image.cooperation).toEqual([0.75, 0.5, 0.25]);
    expect(image.standing).toEqual([0, 0.5, 0]);
    // Simple standing: refusing a firm in bad standing is justified; firm 1 stays good.
    const standing = run('simple-standing');
    expect(standing.cooperation).toEqual([0.75, 0.5, 0.5]);
    expect(standing.standing).toEqual([0, 1, 1]);
  });

  it('gives a spin-off a fresh standing', () => {
    const model = firms(['defector', 'good-standing'], { reputation: { enabled: true }, exit: { threshold: 0.5, spinoffTrust: 0.1 } });
    model.step();
    // Firm 1 was exploited (payoff −1 < 0.5) and exits; firm 0 earned 4 and stays.
    expect(Array.from(model.standing!)).toEqual([0, 1]);
  });
});
