import type { Command } from 'commander';
import { checkGame, CLASSIC_GAME, type Game } from '../core/game.js';
import { InputError } from '../core/errors.js';
import type { InteractiveMatchSettings } from '../core/interactive-match.js';
import type { ClusterContext, Strategy } from '../core/strategy.js';
import { interactive } from '../ui/shared/terminal.js';
import type { PlaySetup } from '../ui/play/launch.js';
import { warn } from '../formats/output.js';
import { endProbability, payoffs, positiveInteger, seedValue } from './options.js';

export interface PlayOptions {
  opponent?: string;
  rounds?: number;
  probEnd?: number;
  payoffs?: Game;
  activity?: string;
  allowAnyGame: boolean;
  seed?: number;
  /** Where a hidden opponent is drawn from (an exercise's pool); default every built-in. */
  pool?: readonly Strategy[];
}

export const DEFAULT_PLAY_ROUNDS = 10;

/** The scenario whose activities --activity names. */
export const PLAY_SCENARIO = 'training-first';

/** Resolves and checks the options (no terminal needed): an InputError names what was expected. */
export async function preparePlay(options: PlayOptions, freshSeed: () => number): Promise<PlaySetup> {
  if (options.rounds !== undefined && options.probEnd !== undefined) {
    throw new InputError('--rounds and --prob-end both given: expected one of them (a fixed number of rounds, or a chance of ending after each round)');
  }
  if (options.activity !== undefined && options.payoffs !== undefined) {
    throw new InputError(`--activity and --payoffs both given: expected one of them (the activity '${options.activity}' has its own payoffs)`);
  }
  const { builtinStrategies, requireStrategies } = await import('../../strategies/registry.js');
  const seed = options.seed ?? freshSeed();
  let game = options.payoffs ?? CLASSIC_GAME;
  let cluster: ClusterContext | undefined;
  let activity: PlaySetup['activity'];
  if (options.activity !== undefined) {
    const { loadScenario } = await import('../formats/scenario-file.js');
    const { parameters } = loadScenario(PLAY_SCENARIO);
    const spec = parameters.activities.find((candidate) => candidate.name === options.activity);
    if (spec === undefined) {
      throw new InputError(
        `unknown activity '${options.activity}': expected one of ${parameters.activities.map((candidate) => `'${candidate.name}'`).join(', ')} (the activities of the ${PLAY_SCENARIO} scenario)`,
      );
    }
    game = { R: spec.R, S: spec.S, T: spec.T ?? parameters.temptation, P: spec.P };
    activity = { name: spec.name, lowRisk: spec.lowRisk, description: spec.description };
    cluster = {
      activity: { name: spec.name, lowRisk: spec.lowRisk, cost: spec.cost },
      trust: 0.5,
      sanctions: { detection: 0, fine: 0, compensate: false },
      generation: 0,
    };
  }
  const { errors, warnings } = checkGame(game);
  if (errors.length > 0 && !options.allowAnyGame) throw new InputError(`${errors[0]} (pass --allow-any-game to play it anyway)`);
  for (const message of warnings) warn(message);
  const settings: InteractiveMatchSettings = {
    game,
    rounds: options.rounds ?? DEFAULT_PLAY_ROUNDS,
    probEnd: options.probEnd,
    cluster,
    seed,
  };
  let opponent: Strategy;
  if (options.opponent !== undefined) {
    [opponent] = requireStrategies([options.opponent], builtinStrategies, '--opponent') as [Strategy];
  } else {
    const { pickOpponent } = await import('../core/interactive-match.js');
    opponent = pickOpponent(seed, options.pool ?? builtinStrategies);
  }
  return {
    opponent,
    hidden: options.opponent === undefined,
    settings,
    activity,
    others: builtinStrategies.filter((strategy) => strategy.id !== opponent.id),
  };
}

export function addPlayCommand(program: Command): void {
  program
    .command('play')
    .description('play repeated rounds against a strategy, C and D by key, and find out at the end who it was')
    .option('--opponent <id>', 'the strategy to play against (default: a built-in drawn at random from the seed, kept hidden)')
    .option('--rounds <n>', `rounds to play (default ${DEFAULT_PLAY_ROUNDS})`, positiveInteger)
    .option('--prob-end <p>', 'instead of a fixed number of rounds, end after each round with probability p', endProbability)
    .option('--payoffs <R,S,T,P>', 'payoff matrix (default 3,0,5,1)', payoffs)
    .option('--activity <name>', `play a joint activity of the ${PLAY_SCENARIO} scenario with its payoffs: training (low-risk) or technology-exchange (risky)`)
    .option('--allow-any-game', "accept payoffs that are not a prisoner's dilemma (T > R > P > S)", false)
    .option('--seed <n>', 'seed of the hidden opponent and every random stream (default: a fresh one, shown at the end)', seedValue)
    .action(async (options: PlayOptions) => {
      const { randomInt } = await import('node:crypto');
      const setup = await preparePlay(options, () => randomInt(1, 1_000_000));
      if (!interactive()) throw new InputError('play needs an interactive terminal');
      // Ink and React load only here; React's production build, as for every live view.
      process.env.NODE_ENV ??= 'production';
      const { launchPlay } = await import('../ui/play/launch.js');
      await launchPlay(setup);
    });
}
