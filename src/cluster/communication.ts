import { StrategyFault } from '../core/errors.js';
import { askMove } from '../core/match.js';
import type { MoveView, Player } from '../core/strategy.js';
import type { ClusterState } from './state.js';

/**
 * Pre-play communication (docs/model.md, "Communication"): before each round a firm announces the
 * move it intends to play. A strategy that implements `announce()` speaks first and then chooses its
 * move having heard the partner; any other firm decides first and announces what it decided, so
 * its announcement is true. When both announced C, a D (as played, after noise) breaks the
 * announcement (a promise to co-operate binds a firm whose partner promised the same): each side's count of them is remembered on the relationship, the partner
 * sees it, and it costs the share `communication.trustPenalty` of the partner's trust.
 */
export class CommunicationState {
  /** Per relationship side (edge * 2 + side): announcements of C that this side broke (both promised C, it defected). */
  readonly broken: Uint16Array;

  constructor(sides: number) {
    this.broken = new Uint16Array(sides);
  }

  /** Settles a round: counts broken announcements (moves and announcements 0 = C, 1 = D). Returns, per side, whether it broke its word (bit 0: side A, bit 1: side B). */
  settle(edge: number, announcedA: number, announcedB: number, moveA: number, moveB: number): number {
    if ((announcedA | announcedB) !== 0) return 0;
    const brokeA = moveA === 1 ? 1 : 0;
    const brokeB = moveB === 1 ? 2 : 0;
    const broken = this.broken;
    if (brokeA !== 0 && broken[edge * 2]! < 0xffff) broken[edge * 2]!++;
    if (brokeB !== 0 && broken[edge * 2 + 1]! < 0xffff) broken[edge * 2 + 1]!++;
    return brokeA | brokeB;
  }

  /** Moves a relationship's records to another edge index (partner choice keeps its edges dense). */
  move(from: number, to: number): void {
    this.broken[to * 2] = this.broken[from * 2]!;
    this.broken[to * 2 + 1] = this.broken[from * 2 + 1]!;
  }

  /** A new firm on a relationship: the records of both sides start afresh. */
  forget(edge: number): void {
    this.broken[edge * 2] = 0;
    this.broken[edge * 2 + 1] = 0;
  }
}

/** Whether firms talk before this generation's rounds; the first time they do, the records are made. */
export function communicationOn(state: ClusterState): boolean {
  if (!state.parameters.communication?.enabled) return false;
  // With partner choice, room for every edge the network may hold, not only those of the moment.
  state.communication ??= new CommunicationState((state.partners?.network.capacity ?? state.graph.count) * 2);
  return true;
}

/** Whether a player speaks before it decides (it implements announce()). */
export function speaks(player: Player | undefined): boolean {
  return typeof player?.announce === 'function';
}

/** A player's announcement (0 = C, 1 = D); one that throws or says anything but 'C' or 'D' breaks the rules like a bad move. */
export function askAnnouncement(player: Player, view: MoveView, strategyId: string): number {
  try {
    return askMove({ move: (shown) => player.announce!(shown) }, view, strategyId);
  } catch (error) {
    if (error instanceof StrategyFault) throw new StrategyFault(strategyId, `announce() ${error.reason}`);
    throw error;
  }
}
