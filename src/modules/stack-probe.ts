/**
 * The replay check on a module's determinism, run in the sandbox's process when a module is first
 * loaded. How deep a module can recurse before V8's RangeError is the one thing it can observe
 * that depends on the machine: its isolate's stack limit is fixed when the isolate is created,
 * but the sandbox process's own frames below each call shrink as V8 optimises them, and when
 * that happens depends on everything the process did before (restarts after crashes, the host's
 * garbage collector). A module that plays on that depth plays differently from run to run.
 *
 * The check: the same short match against Tit For Tat, played in fresh isolates of the module
 * (no state carried over) from three stack depths a few frames apart. A module whose moves or
 * errors differ between them is refused. An honest module pays three isolates and three short
 * matches once, at load; a match that runs into a budget or the memory limit says nothing
 * either way (that module is stopped by the same limit when it plays for real).
 */
import { StrategyFault } from '../core/errors.js';
import { CLASSIC_GAME } from '../core/game.js';
import { playMatch, prepareContestant } from '../core/match.js';
import { deriveStream } from '../core/random.js';
import { findStrategy } from '../../strategies/registry.js';
import { type IsolateStrategy, isolateStrategy, type SandboxLimits } from './isolate.js';

/** Frames of the sandbox process's own added below each replay: one frame catches a parity, tens catch coarser bits. */
export const PROBE_PADDINGS = Object.freeze([0, 1, 29]);
export const PROBE_TURNS = 24;

/** Runs `play` with `frames` more frames of this process's own on the stack. */
function below<T>(frames: number, play: () => T): T {
  return frames === 0 ? play() : below(frames - 1, play);
}

/** A replay's moves, or how it failed; undefined when it ran into a resource limit (no verdict). */
function replay(strategy: IsolateStrategy, frames: number): string | undefined {
  const module = prepareContestant(strategy, CLASSIC_GAME);
  const opponent = prepareContestant(findStrategy('tit-for-tat')!, CLASSIC_GAME);
  try {
    const result = below(frames, () =>
      playMatch(module, opponent, { game: CLASSIC_GAME, turns: PROBE_TURNS, noise: 0 }, (purpose) => deriveStream('stack-probe', purpose), true),
    );
    return result.moves![0].join('');
  } catch (error) {
    if (!(error instanceof StrategyFault)) throw error;
    if (/exceeded its (time budget|memory limit)/.test(error.reason)) return undefined;
    return `fault: ${error.reason}`;
  }
}

/**
 * Why the module must be refused (its replays differ), or undefined. The isolates are all
 * created here, at one stack depth, so that only the depth they are called from differs.
 */
export function stackDependence(bundle: string, file: string, limits: SandboxLimits): string | undefined {
  const probes: IsolateStrategy[] = [];
  try {
    for (let i = 0; i < PROBE_PADDINGS.length; i++) probes.push(isolateStrategy(bundle, file, limits));
    const outcomes: string[] = [];
    for (let i = 0; i < probes.length; i++) {
      const outcome = replay(probes[i]!, PROBE_PADDINGS[i]!);
      if (outcome === undefined) return undefined;
      outcomes.push(outcome);
    }
    if (outcomes.every((outcome) => outcome === outcomes[0])) return undefined;
    return `plays differently when called with a little more or less stack below it (the same ${PROBE_TURNS}-turn match against Tit For Tat, replayed): its moves depend on how deep it can recurse, which varies from run to run`;
  } finally {
    for (const probe of probes) probe.dispose();
  }
}
