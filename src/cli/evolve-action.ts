import { stringify } from 'csv-stringify/sync';
import { ecological, generational, moranGame, type PopulationRun, type PopulationSettings } from '../population/dynamics.js';
import { builtinStrategies, requireStrategies } from '../../strategies/registry.js';
import { cooplabVersion } from '../version.js';
import type { EvolveOptions } from './evolve-command.js';
import { toFileFields, type KeyRules } from '../formats/field-names.js';
import { prettyJson } from '../formats/json.js';
import { emit, warn } from '../formats/output.js';
import { checkedGame } from './tournament-command.js';

/** Strategy ids key the population and each generation's shares. */
const EVOLVE_KEYS: KeyRules = { 'settings.population': 'data', 'series.*.shares': 'data' };

/** Wilson's 95% interval for a share of `successes` in `trials`. */
function wilson(successes: number, trials: number): [number, number] {
  const z = 1.959963984540054;
  const share = successes / trials;
  const centre = (share + (z * z) / (2 * trials)) / (1 + (z * z) / trials);
  const half = (z / (1 + (z * z) / trials)) * Math.sqrt((share * (1 - share)) / trials + (z * z) / (4 * trials * trials));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export async function runEvolveCommand(options: EvolveOptions): Promise<void> {
  const modules =
    options.strategy === undefined && options.submissions === undefined
      ? []
      : await (async () => {
          const { loadStrategyModules, moduleFilesFrom } = await import('../modules/modules.js');
          const loaded = await loadStrategyModules(moduleFilesFrom(options), {
            trusted: options.trusted === true,
            takenIds: new Set(builtinStrategies.map((strategy) => strategy.id)),
          });
          for (const problem of loaded.problems) warn(`strategy module ${problem.file} refused: ${problem.reason}`);
          return loaded.strategies;
        })();
  const strategies = requireStrategies(
    options.population.map((entry) => entry.id),
    [...builtinStrategies, ...modules],
    '--population',
  );
  const counts = options.population.map((entry) => entry.count);
  const settings: PopulationSettings = {
    game: checkedGame(options.payoffs, options.allowAnyGame),
    turns: options.turns,
    probEnd: options.probEnd,
    noise: options.noise,
    seed: options.seed,
  };
  const ids = strategies.map((strategy) => strategy.id);
  const describe = {
    dynamics: options.dynamics,
    population: Object.fromEntries(options.population.map((entry) => [entry.id, entry.count])),
    generations: options.generations,
    turns: options.probEnd === undefined ? options.turns : null,
    probEnd: options.probEnd ?? null,
    noise: options.noise,
    payoffs: settings.game,
    seed: options.seed,
    ...(options.dynamics === 'moran' ? { order: options.order, mutation: options.mutation, graph: options.graph, runs: options.runs } : {}),
    ...(options.dynamics === 'generational' ? { cull: options.cull } : {}),
  };
  const moranOptions = { order: options.order, mutation: options.mutation, graph: options.graph };
  if (options.dynamics === 'moran' && options.runs > 1) {
    const fixations = new Array<number>(ids.length).fill(0);
    for (let run = 0; run < options.runs; run++) {
      const result = moranGame(strategies, counts, settings, options.generations, moranOptions, run);
      if (result.fixated !== undefined) fixations[result.fixated]!++;
    }
    const rows = ids.map((id, index) => {
      const [low, high] = wilson(fixations[index]!, options.runs);
      return { strategy: id, fixations: fixations[index]!, runs: options.runs, share: fixations[index]! / options.runs, ci95: [low, high] as [number, number] };
    });
    const text =
      options.format === 'json'
        ? prettyJson(toFileFields({ cooplab: cooplabVersion(), settings: describe, fixation: rows }, EVOLVE_KEYS))
        : options.format === 'csv'
          ? stringify(
              rows.map((row) => [row.strategy, row.fixations, row.runs, row.share, row.ci95[0], row.ci95[1]]),
              { header: true, columns: ['strategy', 'fixations', 'runs', 'share', 'ci95_low', 'ci95_high'] },
            )
          : `Moran fixation over ${options.runs} runs (${options.order}, ${options.graph} graph, seed ${options.seed})\n\n${rows
              .map(
                (row) =>
                  `${row.strategy.padEnd(24)} ${String(row.fixations).padStart(6)}  ${(row.share * 100).toFixed(1).padStart(5)}%  95% CI ${(row.ci95[0] * 100).toFixed(1)}–${(row.ci95[1] * 100).toFixed(1)}%`,
              )
              .join('\n')}\n`;
    emit(text, options.out);
    return;
  }
  const run: PopulationRun =
    options.dynamics === 'ecological'
      ? ecological(strategies, counts, settings, options.generations)
      : options.dynamics === 'moran'
        ? moranGame(strategies, counts, settings, options.generations, moranOptions)
        : generational(strategies, counts, settings, options.generations, options.cull);
  const winner = run.fixated === undefined ? null : ids[run.fixated]!;
  if (options.view === true) {
    process.env.NODE_ENV ??= 'production';
    const { launchEvolve } = await import('../ui/evolve/launch.js');
    await launchEvolve(`${options.dynamics} dynamics · seed ${options.seed}`, ids, run.shares, winner);
    return;
  }
  if (options.format === 'csv') {
    emit(
      stringify(
        run.shares.map((shares, generation) => [generation, ...shares]),
        { header: true, columns: ['generation', ...ids.map((id) => `share:${id}`)] },
      ),
      options.out,
    );
  } else if (options.format === 'json') {
    emit(
      prettyJson(
        toFileFields(
          {
            cooplab: cooplabVersion(),
            settings: describe,
            strategies: ids,
            series: run.shares.map((shares, generation) => ({ generation, shares: Object.fromEntries(ids.map((id, index) => [id, shares[index]])) })),
            winner,
          },
          EVOLVE_KEYS,
        ),
      ),
      options.out,
    );
  } else {
    const final = run.shares[run.shares.length - 1]!;
    const order = ids.map((id, index) => ({ id, share: final[index]! })).sort((a, b) => b.share - a.share);
    emit(
      `${options.dynamics} dynamics, ${run.shares.length - 1} generations, seed ${options.seed}\n\n${order
        .map((entry) => `${entry.id.padEnd(24)} ${(entry.share * 100).toFixed(1).padStart(6)}%  ${'█'.repeat(Math.round(entry.share * 40))}`)
        .join('\n')}\n\n${winner === null ? 'no strategy has taken over' : `${winner} took over the population`}\n`,
      options.out,
    );
  }
}
