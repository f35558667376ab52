import { geometricTrials, streamFromKey, type RandomSource } from '../core/random.js';

/**
 * A split generation's noise flips (split-play.ts): where they fall follows from the noise stream
 * alone, so they are laid into the outcomes before the play, on the command's thread or, for the
 * next generation, on a play thread while the command's thread takes the revision's steps
 * (revision.ts, startRevisionBeside). This file imports only the streams, so that a play thread loads little.
 */

/** Zeroes the first `relationshipRounds` outcomes and sets the bits of the moves play.ts would flip, drawn from `random`. */
export function layFlipsFrom(random: RandomSource, noise: number, outcome: Uint8Array, relationshipRounds: number): void {
  outcome.fill(0, 0, relationshipRounds);
  if (noise <= 0) return;
  const moves = relationshipRounds * 2;
  // play.ts counts moves as (edge * rounds + round) * 2 + side and flips at each skip's end.
  for (let move = geometricTrials(noise, random) - 1; move < moves; move += geometricTrials(noise, random)) {
    const at = Math.floor(move / 2);
    outcome[at] = outcome[at]! | (1 << (move - at * 2));
  }
}

/** What a play thread is sent to lay a generation's flips: the noise stream's key, then `ready[0]` turns 1. */
export interface FlipsJob {
  readonly key: string;
  readonly noise: number;
  readonly outcome: Uint8Array;
  readonly relationshipRounds: number;
  readonly ready: Int32Array;
}

/** Lays the job's flips and marks it ready (on whichever thread). */
export function layFlipsInto(job: FlipsJob): void {
  layFlipsFrom(streamFromKey(job.key), job.noise, job.outcome, job.relationshipRounds);
  Atomics.store(job.ready, 0, 1);
  Atomics.notify(job.ready, 0);
}
