import { basename } from 'node:path';
import type { ClusterRunDocument } from '../formats/cluster-run.js';
import { codeBlock, details, htmlPage, paragraph, section, settingsTable, table, type Cell } from './html.js';
import { clusterReproduction, reproduceSection } from './reproduce.js';
import { runTime } from './cluster-figures.js';
import { chartFigure } from './chart-figure.js';
import { lineChart, type LineSeries } from './charts.js';
import { acrossRuns, type AcrossRuns } from './across-runs.js';

/**
 * The report of one scenario run over several seeds (`cooplab cluster --seeds K -f json`): each
 * metric as its mean across the seeds with a band from the lowest to the highest seed, and the
 * final figures seed by seed. A conclusion drawn from one seed is an anecdote; this page shows
 * how far the seeds agree.
 */

type Point = ClusterRunDocument['series'][number];

/** A metric of every run, generation by generation, with its spread across the seeds. */
export function acrossSeeds(runs: readonly ClusterRunDocument[], metric: (point: Point) => number | null): AcrossRuns {
  return acrossRuns(runs.map((run) => run.series.map(metric)));
}

function banded(name: string, colour: string, figures: AcrossRuns): LineSeries {
  return { name, colour, values: figures.mean, band: { low: figures.low, high: figures.high } };
}

const round = (value: number) => Number(value.toFixed(3));

export async function clusterSeedsReport(runs: readonly ClusterRunDocument[], source: string, version: string): Promise<string> {
  const first = runs[0]!;
  const time = runTime(first);
  const x = time.x.slice(0, Math.min(...runs.map((run) => run.series.length)));
  const cooperation = acrossSeeds(runs, (point) => point.cooperation);
  const mutual = acrossSeeds(runs, (point) => point.mutualCooperation);
  const trust = acrossSeeds(runs, (point) => point.meanTrust);
  const payoff = acrossSeeds(runs, (point) => point.meanPayoff);
  const seeds = runs.map((run) => run.seed);
  const charts = await Promise.all([
    chartFigure(
      lineChart({
        title: `Co-operation and trust over ${runs.length} seeds`,
        xLabel: time.label,
        yLabel: 'share',
        x,
        yDomain: { low: 0, high: 1 },
        markers: time.markers,
        years: time.years,
        series: [banded('co-operation', '#3fa34d', cooperation), banded('mutual co-operation', '#1d6f7b', mutual), banded('mean trust', '#f3a712', trust)],
      }),
      `Lines: the mean across seeds ${seeds[0]}–${seeds[seeds.length - 1]}; bands: from the lowest to the highest seed at each generation. Dashed lines: the events of the first seed's log.`,
    ),
    chartFigure(
      lineChart({
        title: 'Mean payoff',
        xLabel: time.label,
        yLabel: 'payoff per firm',
        x,
        markers: time.markers,
        years: time.years,
        series: [banded('mean payoff', '#5b8def', payoff)],
      }),
      'The mean payoff per firm and generation: the mean across seeds, and the band from the lowest to the highest seed.',
    ),
  ]);
  const last = (run: ClusterRunDocument) => run.series[run.series.length - 1]!;
  const finals: (readonly Cell[])[] = runs.map((run) => [
    run.seed,
    round(last(run).cooperation),
    round(last(run).mutualCooperation),
    round(last(run).meanTrust),
    round(last(run).meanPayoff),
  ]);
  const summary = (pick: (point: Point) => number): string => {
    const values = runs.map((run) => pick(last(run)));
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    return `${round(mean)} (${round(Math.min(...values))}–${round(Math.max(...values))})`;
  };
  const reproduction = clusterReproduction(first, version, runs.length);
  const size = `${String(first.parameters.width)} × ${String(first.parameters.height)}`;
  return htmlPage({
    title: `Cluster runs over ${runs.length} seeds: ${first.scenario.title}`,
    lead: first.scenario.description,
    meta: `cooplab ${first.cooplab} · scenario ${first.scenario.name} · seeds ${seeds[0]}–${seeds[seeds.length - 1]} · ${first.generations} generations · from ${basename(source)}`,
    sections: [
      reproduceSection(reproduction, details('The scenario as a file (scenario.json)', codeBlock(`${JSON.stringify(first.scenario, null, 2)}\n`))),
      section(
        'Settings',
        settingsTable([
          ['scenario', first.scenario.name],
          ['seeds', `${seeds.join(', ')}`],
          ['generations', first.generations],
          ['lattice', size],
          ['cooplab', first.cooplab],
        ]),
      ),
      section(
        'Result',
        paragraph(
          `At generation ${last(first).generation}, over ${runs.length} seeds (mean, lowest–highest): co-operation ${summary((point) => point.cooperation)}, mutual co-operation ${summary((point) => point.mutualCooperation)}, mean trust ${summary((point) => point.meanTrust)}, mean payoff ${summary((point) => point.meanPayoff)}.`,
        ),
        ...charts,
        table(['seed', 'co-operation', 'mutual co-operation', 'mean trust', 'mean payoff'], finals),
      ),
    ],
  });
}
