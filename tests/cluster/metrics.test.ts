import { describe, expect, it } from 'vitest';
import type { GenerationRecord } from '../../src/cluster/model.js';
import { runScenario } from '../../src/cluster/run.js';
import { withOverrides } from '../../src/cluster/scenario.js';
import { loadScenario } from '../../src/formats/scenario-file.js';
import { requireStrategies } from '../../strategies/registry.js';
import type { ClusterParameters } from '../../src/cluster/parameters.js';
import { TECH, TRAINING, firms, type DeepPartial } from '../support/cluster.js';

// The per-generation figures that say what they mean (issue 14, item 4), checked by hand on
// tiny lattices: co-operation by the kind of activity a round was played under, mutual
// co-operation, mean trust and the rungs of the trust ladder. TRAINING is low-risk (threshold 0),
// TECH risky (threshold 0.6); see tests/support/cluster.ts.

const PATHS = [
  [true, 'memory-less kernel'],
  [false, 'relationship by relationship'],
] as const;

describe('a 3×3 lattice whose trust moves within the generation', () => {
  // C D C
  // C C C      von Neumann, fixed edges: 12 pairs, of which 5 hold a defector (firms 1 and 6)
  // D C C      and 7 are pairs of co-operators.
  const layout = ['cooperator', 'defector', 'cooperator', 'cooperator', 'cooperator', 'cooperator', 'defector', 'cooperator', 'cooperator'];
  const settings: DeepPartial<ClusterParameters> = {
    neighbourhood: 'von-neumann',
    activities: [{ ...TRAINING, trustThreshold: 0.2 }, TECH],
    trust: { initial: 0.6, gain: 0, loss: 0.5 },
    roundsPerGeneration: 3,
  };

  // Round 1: every pair at joint trust 0.6 plays TECH: 24 moves, 5 of them D.
  // A co-operator cheated in round 1 halves its trust to 0.3, so round 2 of the 5 mixed pairs is
  // TRAINING (0.3 ≥ 0.2): 10 moves, 5 C. Cheated again, its trust is 0.15: below TRAINING's 0.2,
  // so in round 3 the mixed pairs play TRAINING for want of a better activity, on no rung: 10
  // moves, 5 C. The 7 co-operating pairs play TECH in every round: 14 C a round.
  const record = firms(layout, settings, { width: 3 }).step();

  it('splits co-operation by the kind of activity, over the moves of that kind of round', () => {
    expect(record.cooperation).toBe(57 / 72);
    expect(record.cooperationRisky).toBe((19 + 14 + 14) / 52);
    expect(record.cooperationLowRisk).toBe(10 / 20);
  });

  it('counts mutual co-operation per round and the rounds per activity', () => {
    expect(record.mutualCooperation).toBe(21 / 36);
    expect(record.activities).toEqual([10 / 36, 26 / 36]);
  });

  it('averages trust over the directed neighbour relationships at the end of the generation', () => {
    // 14 sides at 0.6 between co-operators; the 5 cheated sides at 0.075, their 5 cheaters still at 0.6.
    expect(record.meanTrust).toBeCloseTo((19 * 0.6 + 5 * 0.075) / 24, 12);
  });

  it('puts each pair on the rung its joint trust reached in its last round, or on none', () => {
    expect(record.rungs).toEqual([0, 7 / 12]);
    expect(record.noRung).toBe(5 / 12);
    // One round earlier the mixed pairs still stood on TRAINING's rung.
    const twoRounds = firms(layout, { ...settings, roundsPerGeneration: 2 }, { width: 3 }).step();
    expect(twoRounds.rungs).toEqual([5 / 12, 7 / 12]);
    expect(twoRounds.noRung).toBe(0);
  });
});

describe('static trust: the same figures on both play paths', () => {
  // 1×3: C D C with self-interaction. Neighbour pairs play at the initial trust 0.3: TRAINING, by
  // fallback when its threshold is above 0.3. A firm trusts itself fully: its self-round is TECH.
  for (const [kernel, path] of PATHS) {
    it(`low-risk neighbour rounds, risky self-rounds (${path})`, () => {
      const record = firms(
        ['cooperator', 'defector', 'cooperator'],
        { selfInteraction: true, activities: [TRAINING, TECH], trust: { initial: 0.3 } },
        { kernel },
      ).step();
      // Neighbours: (C, D) and (D, C): 2 C of 4 moves. Self: (C, C), (D, D), (C, C): 4 C of 6.
      expect(record.cooperationLowRisk).toBe(2 / 4);
      expect(record.cooperationRisky).toBe(4 / 6);
      expect(record.cooperation).toBe(6 / 10);
      expect(record.mutualCooperation).toBe(2 / 5);
      expect(record.activities).toEqual([2 / 5, 3 / 5]);
      // Self-relationships are not pairs of firms: the two neighbour pairs stand on TRAINING.
      expect(record.rungs).toEqual([1, 0]);
      expect(record.noRung).toBe(0);
      expect(record.meanTrust).toBeCloseTo(0.3, 12);
    });

    it(`a pair below every threshold plays the lowest activity but stands on no rung (${path})`, () => {
      const record = firms(
        ['cooperator', 'cooperator'],
        { activities: [{ ...TRAINING, trustThreshold: 0.4 }, TECH], trust: { initial: 0.3 } },
        { kernel },
      ).step();
      expect(record.activities).toEqual([1, 0]);
      expect(record.cooperationLowRisk).toBe(1);
      expect(record.rungs).toEqual([0, 0]);
      expect(record.noRung).toBe(1);
    });

    it(`no round of a kind is no figure, not 0 (${path})`, () => {
      const record = firms(['cooperator', 'defector'], { activities: [TRAINING, TECH], trust: { initial: 0.8 } }, { kernel }).step();
      expect(record.cooperationLowRisk).toBeNull();
      expect(record.cooperationRisky).toBe(1 / 2);
      expect(record.rungs).toEqual([0, 1]);
    });

    it(`a disabled rung holds no pair, and with nothing enabled no pair stands anywhere (${path})`, () => {
      const model = firms(['cooperator', 'cooperator'], { activities: [TRAINING, { ...TECH, enabled: false }], trust: { initial: 0.8 } }, { kernel });
      expect(model.step().rungs).toEqual([1, 0]);
      model.set('activities.training.enabled', false);
      const idle = model.step();
      expect(idle.rungs).toEqual([0, 0]);
      expect(idle.noRung).toBe(1);
      expect(idle.cooperationLowRisk).toBeNull();
      expect(idle.cooperationRisky).toBeNull();
    });
  }
});

describe('training-first without trust gain (issue 14: co-operation read 0.70 with no technology exchange)', () => {
  it('shows no risky round once training starts and no pair ever on the technology rung: all co-operation is low-risk', () => {
    const scenario = withOverrides(loadScenario('training-first'), ['width=16', 'height=16', 'trust.gain=0']);
    const records: readonly GenerationRecord[] = runScenario(scenario, requireStrategies(Object.keys(scenario.parameters.strategies)), {
      seed: 1,
      generations: 20,
    }).records;
    const technology = scenario.parameters.activities.findIndex((activity) => !activity.lowRisk);
    const last = records[records.length - 1]!;
    expect(last.cooperation).toBeGreaterThan(0);
    expect(last.cooperationLowRisk).toBe(last.cooperation);
    // Before the programme starts at generation 10, technology exchange is the only activity: every pair plays it, by fallback.
    expect(records[0]!.activities[technology]).toBe(1);
    expect(records[0]!.noRung).toBe(1);
    for (const record of records) expect(record.rungs[technology]).toBe(0);
    for (const record of records.slice(10)) expect(record.cooperationRisky).toBeNull();
  });
});
