import type { RandomSource } from '../core/random.js';
import type { ReputationParameters } from './parameters.js';
import type { ClusterState } from './state.js';

/** How an observed act is judged (docs/model.md, "Reputation"). */
export type AssessmentRule = ReputationParameters['assessment'];

/**
 * The verdict on a firm that played `move` (0 = C, 1 = D) against a partner whose standing was
 * good or bad: 1 good, 0 bad.
 * - image scoring (Nowak & Sigmund 1998): co-operating is good, defecting is bad, whoever the partner;
 * - simple standing: co-operating is good; defecting is bad only against a partner in good standing;
 * - stern judging: co-operating with good and defecting against bad are good, the other two bad.
 */
export function verdictOf(rule: AssessmentRule, move: number, partnerGood: boolean): number {
  if (rule === 'image-scoring') return move === 0 ? 1 : 0;
  if (rule === 'simple-standing') return move === 0 || !partnerGood ? 1 : 0;
  return (move === 0) === partnerGood ? 1 : 0;
}

/** The weight of word of mouth's step k (from 1): each of the `steps` circles of the audience holds an equal share, and each retelling loses `loss`. */
export function stepWeight(step: number, steps: number, loss: number): number {
  return (1 - loss) ** (step - 1) / steps;
}

/**
 * Every firm's public standing in [0, 1] (1: spotless), and the news about it on its way.
 *
 * Acts are judged as they are played, against the standings at the start of the generation. An
 * act is seen beyond the pair with probability `observation`; the generation's seen acts of a firm
 * make one piece of news, the share of them judged good. Word of mouth carries it to `steps`
 * circles of the cluster, one circle every `delay` generations (with delay 0, all at the end of the
 * generation), each circle holding 1/steps of
 * the audience and each retelling losing `loss` of its weight; when news of weight w arrives,
 * standing moves the share w of the way to it (several arrivals at once add their weights, up to
 * the whole way). Standing fades towards `initial` at rate `fade` per generation.
 *
 * Typed arrays only: per firm, its standing and this generation's tallies; per delay step of the
 * queue, the weight of the news arriving then and its weighted verdict (8 bytes per firm per step).
 */
export class ReputationLayer {
  /** Per firm: standing, as strategies see it this generation. */
  readonly standing: Float32Array;
  /** Per firm: observed acts this generation, and how many were judged good. */
  readonly #seen: Uint16Array;
  readonly #good: Uint16Array;
  /** Per firm: C moves minus D moves this generation (who counts as a defector in the metrics). */
  readonly balance: Int32Array;
  /** The queue: per generation ahead, per firm, the weight of news arriving and the weight × verdict. */
  readonly #weight: Float32Array[] = [];
  readonly #verdict: Float32Array[] = [];
  #head = 0;

  constructor(size: number, initial: number) {
    this.standing = new Float32Array(size).fill(initial);
    this.#seen = new Uint16Array(size);
    this.#good = new Uint16Array(size);
    this.balance = new Int32Array(size);
  }

  /**
   * Records one round between a and b (moves as played, 0 = C): each act is judged and, if seen,
   * tallied as news about the firm that made it. A firm's round with itself is not judged.
   */
  witness(a: number, b: number, moveA: number, moveB: number, parameters: ReputationParameters, random: RandomSource): void {
    if (a === b) return;
    const standing = this.standing;
    const good = parameters.good;
    this.balance[a]! += 1 - 2 * moveA;
    this.balance[b]! += 1 - 2 * moveB;
    const observation = parameters.observation;
    if (observation <= 0) return;
    if (observation >= 1 || random() < observation) this.#tally(a, verdictOf(parameters.assessment, moveA, standing[b]! >= good));
    if (observation >= 1 || random() < observation) this.#tally(b, verdictOf(parameters.assessment, moveB, standing[a]! >= good));
  }

  #tally(firm: number, verdict: number): void {
    // A firm makes at most a few thousand moves a generation; saturate rather than wrap.
    if (this.#seen[firm] === 0xffff) return;
    this.#seen[firm]!++;
    this.#good[firm]! += verdict;
  }

  /** Ends the generation: its news enters the queue, standing fades, and the news due now arrives. */
  endGeneration(parameters: ReputationParameters): void {
    const { steps, loss, delay, fade, initial } = parameters;
    const slots = steps * delay + 1;
    if (this.#weight.length < slots) this.#lengthen(slots);
    const length = this.#weight.length;
    const size = this.standing.length;
    const seen = this.#seen;
    const goodCount = this.#good;
    for (let step = 1; step <= steps; step++) {
      const slot = (this.#head + step * delay) % length;
      const weight = this.#weight[slot]!;
      const verdict = this.#verdict[slot]!;
      const share = stepWeight(step, steps, loss);
      for (let firm = 0; firm < size; firm++) {
        const count = seen[firm]!;
        if (count === 0) continue;
        weight[firm]! += share;
        verdict[firm]! += (share * goodCount[firm]!) / count;
      }
    }
    seen.fill(0);
    goodCount.fill(0);
    const standing = this.standing;
    const weight = this.#weight[this.#head]!;
    const verdict = this.#verdict[this.#head]!;
    for (let firm = 0; firm < size; firm++) {
      let value = standing[firm]!;
      if (fade > 0) value += fade * (initial - value);
      const w = weight[firm]!;
      if (w > 0) {
        value += Math.min(1, w) * (verdict[firm]! / w - value);
        weight[firm] = 0;
        verdict[firm] = 0;
      }
      standing[firm] = value < 0 ? 0 : value > 1 ? 1 : value;
    }
    this.#head = (this.#head + 1) % length;
  }

  /** A longer queue (more steps or a longer delay): pending news keeps its arrival times. */
  #lengthen(slots: number): void {
    const order = (queue: Float32Array[]) => [...queue.slice(this.#head), ...queue.slice(0, this.#head)];
    const weight = order(this.#weight);
    const verdict = order(this.#verdict);
    while (weight.length < slots) {
      weight.push(new Float32Array(this.standing.length));
      verdict.push(new Float32Array(this.standing.length));
    }
    this.#weight.splice(0, this.#weight.length, ...weight);
    this.#verdict.splice(0, this.#verdict.length, ...verdict);
    this.#head = 0;
  }

  /** Starts the tallies of a generation. */
  beginGeneration(): void {
    this.balance.fill(0);
  }

  /** A new firm on this site (a spin-off): its standing starts afresh and old news about the site is dropped. */
  reset(firm: number, initial: number): void {
    this.standing[firm] = initial;
    this.#seen[firm] = 0;
    this.#good[firm] = 0;
    for (let slot = 0; slot < this.#weight.length; slot++) {
      this.#weight[slot]![firm] = 0;
      this.#verdict[slot]![firm] = 0;
    }
  }
}

/** What the metrics read about standing at the end of a generation. */
export interface ReputationSummary {
  /** Mean standing of the firms that co-operated at least as often as they defected this generation; null if none. */
  readonly cooperators: number | null;
  /** Mean standing of the firms that defected more often than they co-operated; null if none. */
  readonly defectors: number | null;
  /** Share of firms below `reputation.good`. */
  readonly badStanding: number;
}

export function summarise(layer: ReputationLayer, good: number): ReputationSummary {
  const { standing, balance } = layer;
  let cooperatorSum = 0;
  let cooperators = 0;
  let defectorSum = 0;
  let defectors = 0;
  let bad = 0;
  for (let firm = 0; firm < standing.length; firm++) {
    const value = standing[firm]!;
    if (value < good) bad++;
    if (balance[firm]! < 0) {
      defectorSum += value;
      defectors++;
    } else {
      cooperatorSum += value;
      cooperators++;
    }
  }
  return {
    cooperators: cooperators > 0 ? cooperatorSum / cooperators : null,
    defectors: defectors > 0 ? defectorSum / defectors : null,
    badStanding: standing.length > 0 ? bad / standing.length : 0,
  };
}

/**
 * Whether the reputation layer plays this generation; on the first generation it is on, the
 * layer is made (every firm at `reputation.initial`). Starts the generation's tallies.
 */
export function reputationOn(state: ClusterState): boolean {
  const parameters = state.parameters.reputation;
  if (parameters === undefined || !parameters.enabled) return false;
  state.reputation ??= new ReputationLayer(state.space.size, parameters.initial);
  state.reputation.beginGeneration();
  return true;
}

/** Ends the generation's reputation: news enters the queue, standing fades and news due arrives; returns what the metrics read then. */
export function settleReputation(state: ClusterState): ReputationSummary {
  const parameters = state.parameters.reputation!;
  const layer = state.reputation!;
  layer.endGeneration(parameters);
  return summarise(layer, parameters.good);
}
