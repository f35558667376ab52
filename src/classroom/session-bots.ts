import { COOPERATE, DEFECT } from '../core/history.js';
import { askMove, PlayerView, prepareContestant } from '../core/match.js';
import { deriveStream } from '../core/random.js';
import type { ActivityView, ClusterContext, SanctionsView } from '../core/strategy.js';
import type { OpenRound, Relationship, Seat } from './session-state.js';
import type { ClassSettings } from './session-types.js';

/** A bot's cluster context: one object per bot and partner, updated before each move. */
export class BotContext implements ClusterContext {
  activity: ActivityView = { name: '', lowRisk: false, cost: 0 };
  trust = 0;
  sanctions: SanctionsView = { detection: 0, fine: 0, compensate: false };
  generation = 0;
}

/**
 * A bot's move towards a partner in the open round: its strategy sees the relationship's
 * histories, the round's activity and game, its trust in the partner and the sanctions in force.
 * A strategy that fails plays the session's default move.
 */
export function botMove(settings: ClassSettings, seat: Seat, partner: number, relationship: Relationship, open: OpenRound): number {
  const { table, number: round } = open;
  const strategy = seat.strategy!;
  const mine = relationship.a === seat.index;
  const activity = relationship.activity;
  const game = table.games[activity]!;
  let bot = seat.players.get(partner);
  if (bot === undefined) {
    bot = {
      player: strategy.create(prepareContestant(strategy, game).parameters),
      random: deriveStream(settings.seed, 'class', 'bot', seat.index, partner),
      context: new BotContext(),
    };
    seat.players.set(partner, bot);
  }
  const { context, random } = bot;
  context.activity = { name: table.names[activity]!, lowRisk: table.lowRisk[activity] === 1, cost: table.cost[activity]! };
  context.trust = mine ? relationship.trustA : relationship.trustB;
  context.sanctions = { ...open.parameters.sanctions };
  context.generation = round;
  // The activity, and so the game, can change from round to round: a fresh view over the same histories.
  const view = new PlayerView(
    mine ? relationship.movesA : relationship.movesB,
    mine ? relationship.movesB : relationship.movesA,
    game,
    settings.rounds,
    () => random,
    context,
  );
  view.round = round;
  try {
    return askMove(bot.player, view, strategy.id);
  } catch {
    return settings.defaultMove === 'C' ? COOPERATE : DEFECT;
  }
}
