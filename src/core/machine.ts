import { StrategyFault } from './errors.js';
import type { Game } from './game.js';
import type { FiniteStateMachine, MachineContext, ParameterValues, Strategy } from './strategy.js';

/** A machine state's choice is tabulated for each of the 2 × 2 × 2 contexts. */
export const CONTEXTS = 8;
const LOW_RISK = 1;
const TRUSTED = 2;
const DETERRED = 4;

/** The context of a plain tournament: risky, trusted, not deterred. */
export const TOURNAMENT_CONTEXT = TRUSTED;

export function contextIndex(lowRisk: boolean, trusted: boolean, deterred: boolean): number {
  return (lowRisk ? LOW_RISK : 0) | (trusted ? TRUSTED : 0) | (deterred ? DETERRED : 0);
}

/** Whether the expected fine for defecting against a co-operator at least cancels the gain. */
export function isDeterred(game: Game, detection: number, fine: number): boolean {
  return detection * fine >= game.T - game.R;
}

function contextOf(index: number): MachineContext {
  return { lowRisk: (index & LOW_RISK) !== 0, trusted: (index & TRUSTED) !== 0, deterred: (index & DETERRED) !== 0 };
}

/** A finite-state machine laid out on typed arrays for the fast paths. */
export interface CompiledMachine {
  readonly initial: number;
  readonly states: number;
  /** cooperate[state * CONTEXTS + context]: probability of C. */
  readonly cooperate: Float64Array;
  /** next[state * 4 + outcome] */
  readonly next: Int32Array;
  /** choice[state * CONTEXTS + context]: the move code when it is certain (0 = C, 1 = D), CHOICE_DRAWN when it is drawn. */
  readonly choice: Uint8Array;
  readonly trustThreshold: number;
  readonly stochastic: boolean;
}

/** A state's choice in `CompiledMachine.choice` that is drawn from the player's stream. */
export const CHOICE_DRAWN = 2;

export function compileMachine(strategy: Pick<Strategy, 'id'>, machine: FiniteStateMachine): CompiledMachine {
  const states = machine.cooperate.length;
  const fail = (why: string): never => {
    throw new StrategyFault(strategy.id, `declares an invalid finite-state machine: ${why}`);
  };
  if (states === 0) fail('it has no states');
  if (machine.next.length !== states) fail(`${states} states but ${machine.next.length} transition rows`);
  if (!Number.isInteger(machine.initial) || machine.initial < 0 || machine.initial >= states) {
    fail(`initial state ${machine.initial} is not one of 0..${states - 1}`);
  }
  const trustThreshold = machine.trustThreshold ?? 0.5;
  if (!(trustThreshold >= 0 && trustThreshold <= 1)) fail(`trustThreshold ${trustThreshold} is outside [0, 1]`);
  const cooperate = new Float64Array(states * CONTEXTS);
  const next = new Int32Array(states * 4);
  const codes = new Uint8Array(states * CONTEXTS);
  let stochastic = false;
  for (let s = 0; s < states; s++) {
    const choice = machine.cooperate[s]!;
    for (let context = 0; context < CONTEXTS; context++) {
      const p = typeof choice === 'function' ? choice(contextOf(context)) : choice;
      if (!(p >= 0 && p <= 1)) fail(`state ${s} co-operates with probability ${p}, expected a number in [0, 1]`);
      if (p > 0 && p < 1) stochastic = true;
      cooperate[s * CONTEXTS + context] = p;
      // The order of the tests is the hot loop's: p >= 1 is C, p <= 0 is D, anything between is drawn.
      codes[s * CONTEXTS + context] = p >= 1 ? 0 : p <= 0 ? 1 : CHOICE_DRAWN;
    }
    const row = machine.next[s]!;
    for (let outcome = 0; outcome < 4; outcome++) {
      const target = row[outcome]!;
      if (!Number.isInteger(target) || target < 0 || target >= states) fail(`state ${s} goes to unknown state ${target}`);
      next[s * 4 + outcome] = target;
    }
  }
  return { initial: machine.initial, states, cooperate, next, choice: codes, trustThreshold, stochastic };
}

/** Outcome index of a round from one side: own move code first (0 = C, 1 = D). */
export function outcomeOf(ownCode: number, otherCode: number): number {
  return ownCode * 2 + otherCode;
}

/** Compiled machines by builder (a strategy's finiteState), then by parameters and payoffs. Bounded: a builder rarely sees more than a few settings. */
const compiledMachines = new WeakMap<object, Map<string, CompiledMachine>>();
const MACHINES_PER_BUILDER = 64;

function settingsKey(parameters: ParameterValues, game: Game): string {
  // Object.is keeps -0 apart from 0: a builder may tell them apart.
  const text = (value: number) => (Object.is(value, -0) ? '-0' : String(value));
  let key = `${text(game.R)},${text(game.S)},${text(game.T)},${text(game.P)}`;
  for (const name of Object.keys(parameters)) key += `;${name}=${text(parameters[name]!)}`;
  return key;
}

/**
 * The compiled machine of `build` for these parameters and payoffs, compiled once and then
 * shared: every player and every contestant of a strategy uses the same one (compiling
 * tullock's 3,071 states for each match cost a fifth of an all-strategies tournament).
 * `builder` (the strategy's finiteState function) identifies the machine; `build` builds it.
 * A builder must be a pure function of its parameters and the game, as the Strategy
 * interface asks; a machine that does not compile is never kept, so it fails each time.
 */
export function compiledMachineFor(
  strategy: Pick<Strategy, 'id'>,
  builder: object,
  parameters: ParameterValues,
  game: Game,
  build: () => FiniteStateMachine,
): CompiledMachine {
  let byKey = compiledMachines.get(builder);
  if (byKey === undefined) {
    byKey = new Map();
    compiledMachines.set(builder, byKey);
  }
  const key = settingsKey(parameters, game);
  let machine = byKey.get(key);
  if (machine === undefined) {
    machine = compileMachine(strategy, build());
    if (byKey.size >= MACHINES_PER_BUILDER) byKey.clear();
    byKey.set(key, machine);
  }
  return machine;
}
