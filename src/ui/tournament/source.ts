import type { TournamentProgress } from '../../core/progressive-tournament.js';

/** What the view needs of a running tournament (ProgressiveTournament is one). */
export interface TournamentSource {
  readonly progress: TournamentProgress;
  subscribe(listener: (progress: TournamentProgress) => void): () => void;
  stop(): void;
}
