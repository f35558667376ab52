/**
 * What the host and the sandbox's process (sandbox-child.ts) say to each other: one JSON
 * object a line, the host asking, the process answering. While it answers a call the process
 * may ask for random numbers ({ op: 'random' }), which the host draws from the match's own
 * streams and sends back ({ values }), so every draw is the one the host would have made.
 */
import type { ClusterContext } from '../core/strategy.js';
import type { SandboxLimits } from './isolate.js';

/** One side of a whole match: a module loaded in the process, or a built-in strategy by id. */
export type MatchSide =
  | { readonly module: number; readonly parameters: Record<string, number> }
  | { readonly builtin: string; readonly parameters: Record<string, number> };

/** What the host knows of one side's history since the process last heard: the last round, or everything. */
export type HistoryUpdate =
  | { readonly step: readonly [number, number] }
  | { readonly sync: readonly [number, number, string, number, number, string] }
  | { readonly same: true };

export type Request =
  | { readonly op: 'load'; readonly module: number; readonly bundle: string; readonly file: string; readonly limits: SandboxLimits }
  | { readonly op: 'create'; readonly module: number; readonly player: number; readonly parameters: Record<string, number> }
  | {
      readonly op: 'move';
      readonly player: number;
      readonly round: number;
      readonly turns: number;
      readonly game: readonly [number, number, number, number];
      readonly cluster: ClusterContext | null;
      readonly history: HistoryUpdate;
      /** Ask for the player's announce() (pre-play communication) instead of its move. */
      readonly announce?: boolean;
    }
  | { readonly op: 'release'; readonly players: readonly number[] }
  | { readonly op: 'dispose'; readonly module: number }
  | {
      readonly op: 'match';
      readonly first: MatchSide;
      readonly second: MatchSide;
      readonly game: readonly [number, number, number, number];
      readonly turns: number;
      readonly probEnd: number | null;
      readonly noise: number;
      readonly cluster: ClusterContext | null;
      readonly record: boolean;
    }
  | BatchRequest;

/**
 * Several matches in one crossing (a tournament's consecutive matches of this process): this line,
 * then `count` lines each a { op: 'match' } request, played in that order. The process answers each
 * match as it ends, as it answers a single one, and stops after the first answer that is not an
 * outcome. `drawn[k]` is match k's length and each seat's noise flips, drawn by the host from the
 * match's own streams, or null for the process to draw them as for a single match.
 */
export interface BatchRequest {
  readonly op: 'batch';
  readonly count: number;
  readonly drawn: readonly (MatchDraws | null)[];
}

/** A match's length and the turns whose moves the noise flips, seat 0's then seat 1's. */
export type MatchDraws = readonly [number, readonly number[], readonly number[]];

export interface ModuleMetadata {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly provenance: string;
  readonly classifier: { readonly memoryDepth: number | 'Infinity'; readonly stochastic: boolean };
  readonly parameters?: Record<string, { default: number; description: string; min?: number | string; max?: number | string }>;
}

export type Reply =
  | { readonly op: 'random'; readonly purpose: string; readonly count: number }
  | { readonly ok: true; readonly meta?: ModuleMetadata; readonly speaks?: boolean }
  | { readonly error: string }
  | { readonly move: string }
  | { readonly fault: { readonly id: string; readonly reason: string } }
  | { readonly outcome: [number, number, number, number, number]; readonly trace?: string };

/** What the sandbox process writes on stderr before it ends itself to stop a runaway move (see sandbox-child.ts). */
export const RUNAWAY_NOTE = 'cooplab-sandbox: a move ran away';

/** Numbers JSON cannot carry (Infinity in a memory depth or a bound) travel as strings. */
export function encodeNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

export function decodeNumber(value: number | string): number {
  return typeof value === 'number' ? value : Number(value);
}
