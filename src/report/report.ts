import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../core/errors.js';
import { STRATEGY_COLOURS } from '../theme/theme.js';
import { codeBlock, details, figure, htmlPage, paragraph, section, settingsTable, table, type Cell } from './html.js';
import { phaseChart, phaseDiagram, sweepLineChart } from './phase.js';
import { clusterReproduction, reproduceSection, sweepReproduction, tournamentReproduction } from './reproduce.js';
import { cooperationByKindFigure, hasSplitFigures, rungsFigure, runTime, type RunTime } from './cluster-figures.js';
import { reputationFigure } from './reputation-figure.js';
import { marketFigures } from './market-figures.js';
import { domainOf, heatmapChart, lineChart, stackedAreaChart } from './charts.js';
import { chartFigure } from './chart-figure.js';
import { metricColumns } from './sweep-data.js';
import { networkSvg } from './network-svg.js';
import { isSweepFolder, readSweep, readTaskResults, type SweepData, type SweepTaskFile } from '../formats/sweep-files.js';
import { combinationsOf, finalLattices, sweepSeriesFigure } from './sweep-figures.js';
import { parseClassDocument, type ClassDocument } from '../formats/class-results.js';
import { parseClusterRun, parseClusterRuns, type ClusterRunDocument } from '../formats/cluster-run.js';
import { clusterSeedsReport } from './seeds-report.js';
import { parseTournament, type TournamentDocument } from '../formats/tournament-result.js';
import { printable } from '../core/printable.js';
import { readJsonFile } from '../formats/document.js';

/** What `cooplab report` reads: a cluster run's JSON, a tournament's JSON, a class session's class.json, or a sweep folder. */
export type ReportInput =
  | { readonly kind: 'cluster'; readonly source: string; readonly run: ClusterRunDocument }
  | { readonly kind: 'tournament'; readonly source: string; readonly run: TournamentDocument }
  | { readonly kind: 'sweep'; readonly source: string; readonly sweep: SweepData; readonly tasks: readonly SweepTaskFile[] }
  | { readonly kind: 'class'; readonly source: string; readonly run: ClassDocument }
  | { readonly kind: 'cluster-seeds'; readonly source: string; readonly runs: readonly ClusterRunDocument[] };

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Which document a file holds, by the fields only that document has; each is then read through its own schema. */
export async function loadReportInput(path: string): Promise<ReportInput> {
  const shown = printable(path);
  if (!existsSync(path)) throw new InputError(`no run '${shown}': expected a cluster or tournament JSON file (-f json) or a sweep folder`);
  if (statSync(path).isDirectory()) {
    if (!isSweepFolder(path)) throw new InputError(`'${shown}' is not a sweep folder: expected a manifest.json written by cooplab sweep`);
    return { kind: 'sweep', source: path, sweep: readSweep(path), tasks: readTaskResults(path) };
  }
  const document = readJsonFile(path, 'run', path, 'the output of cooplab cluster -f json or cooplab tournament -f json');
  if (isObject(document) && document.kind === 'class' && Array.isArray(document.series) && Array.isArray(document.students)) {
    return { kind: 'class', source: path, run: parseClassDocument(document, path) };
  }
  if (isObject(document) && Array.isArray(document.runs) && document.runs.length > 0) {
    return { kind: 'cluster-seeds', source: path, runs: parseClusterRuns({ runs: document.runs }, path) };
  }
  if (isObject(document) && Array.isArray(document.series) && isObject(document.scenario) && isObject(document.parameters)) {
    return { kind: 'cluster', source: path, run: parseClusterRun(document, path) };
  }
  if (isObject(document) && Array.isArray(document.matrix) && Array.isArray(document.summary) && isObject(document.settings)) {
    return { kind: 'tournament', source: path, run: await parseTournament(document, path) };
  }
  throw new InputError(
    `'${shown}' is neither a cluster run, a tournament nor a class session: expected the JSON of cooplab cluster -f json (with --seeds or without), cooplab tournament -f json or the class.json of cooplab class host`,
  );
}

/** Nested parameters as dotted paths and values, for a settings table. */
function flatten(value: unknown, path = ''): [string, Cell][] {
  if (isObject(value) && Object.keys(value).length > 0)
    return Object.entries(value).flatMap(([key, entry]) => flatten(entry, path === '' ? key : `${path}.${key}`));
  if (Array.isArray(value) && value.length > 0 && value.every(isObject) && value.every((entry) => typeof entry.name === 'string')) {
    return value.flatMap((entry) => flatten(Object.fromEntries(Object.entries(entry).filter(([key]) => key !== 'name')), `${path}.${String(entry.name)}`));
  }
  return [[path, typeof value === 'number' ? value : JSON.stringify(value)]];
}

const colourAt = (index: number) => STRATEGY_COLOURS[index % STRATEGY_COLOURS.length]!;
const ACTIVITY_COLOURS = ['#76b041', '#29a0b1', '#5b8def', '#a05195', '#f3a712', '#d45087', '#8c8c8c'];

/** What the co-operation and ladder charts read from a cluster run's or a class session's series. */
interface CooperationPoint {
  readonly cooperation: number;
  readonly mutualCooperation: number;
  readonly meanTrust: number;
  readonly activities: Readonly<Record<string, number>>;
}

type Markers = readonly { readonly x: number; readonly label: string }[];

function cooperationFigure(
  series: readonly CooperationPoint[],
  x: readonly number[],
  xLabel: string,
  markers: Markers,
  caption: string,
  years = false,
): Promise<string> {
  return chartFigure(
    lineChart({
      title: 'Co-operation and trust',
      xLabel,
      yLabel: 'share',
      x,
      yDomain: { low: 0, high: 1 },
      markers,
      years,
      series: [
        { name: 'co-operation', colour: '#3fa34d', values: series.map((point) => point.cooperation) },
        { name: 'mutual co-operation', colour: '#1d6f7b', values: series.map((point) => point.mutualCooperation) },
        { name: 'mean trust', colour: '#f3a712', values: series.map((point) => point.meanTrust) },
      ],
    }),
    caption,
  );
}

function ladderFigure(
  series: readonly CooperationPoint[],
  x: readonly number[],
  xLabel: string,
  yLabel: string,
  markers: Markers,
  caption: string,
  years = false,
): Promise<string> {
  const names = Object.keys(series[0]?.activities ?? {});
  return chartFigure(
    stackedAreaChart({
      title: 'Activity ladder',
      xLabel,
      yLabel,
      x,
      markers,
      years,
      series: names.map((name, index) => ({
        name,
        colour: ACTIVITY_COLOURS[index % ACTIVITY_COLOURS.length]!,
        values: series.map((point) => point.activities[name] ?? 0),
      })),
    }),
    caption,
  );
}

/** With organisers (docs/model.md, "Organisers"): their membership and credibility, and their budgets; nothing in a run without. */
function organiserFigures(run: ClusterRunDocument, x: readonly number[], xLabel: string, markers: Markers, years: boolean): Promise<string[]> {
  const names = [...new Set(run.series.flatMap((point) => Object.keys(point.organisers ?? {})))];
  if (names.length === 0) return Promise.resolve([]);
  const value = (name: string, pick: (books: NonNullable<ClusterRunDocument['series'][number]['organisers']>[string]) => number) =>
    run.series.map((point) => {
      const books = point.organisers?.[name];
      return books === undefined ? 0 : pick(books);
    });
  return Promise.all([
    chartFigure(
      lineChart({
        title: 'Organisers: membership and credibility',
        xLabel,
        yLabel: 'share of firms / credibility',
        x,
        yDomain: { low: 0, high: 1 },
        markers,
        years,
        series: names.flatMap((name, index) => [
          { name: `${name}: members`, colour: colourAt(2 * index), values: value(name, (books) => books.members) },
          { name: `${name}: credibility`, colour: colourAt(2 * index + 1), values: value(name, (books) => books.credibility) },
        ]),
      }),
      'Per organiser, the share of firms that are members and its credibility after each generation (0 while it does not work).',
    ),
    chartFigure(
      lineChart({
        title: 'Organisers: budget',
        xLabel,
        yLabel: 'budget',
        x,
        markers,
        years,
        series: names.map((name, index) => ({ name, colour: colourAt(index), values: value(name, (books) => books.budget) })),
      }),
      'Per organiser, its budget after each generation: fees, grant, fines and margin taken in, its instruments paid for.',
    ),
  ]);
}

/** With partner choice: the ties cut and formed per generation, the mean degree, and the network at the end (when the run holds it). */
async function networkFigures(run: ClusterRunDocument, generations: readonly number[], markers: Markers): Promise<string[]> {
  if (!run.series.some((point) => point.ties !== undefined)) return [];
  const figures = await Promise.all([
    chartFigure(
      lineChart({
        title: 'Ties cut and formed',
        xLabel: 'generation',
        yLabel: 'ties',
        x: generations,
        markers,
        series: [
          { name: 'cut', colour: '#d62728', values: run.series.map((point) => point.ties?.cut ?? 0) },
          { name: 'formed', colour: '#1f77b4', values: run.series.map((point) => point.ties?.formed ?? 0) },
        ],
      }),
      'Ties cut after each generation (by a cheated firm, or because a project ended) and ties formed before it, when firms choose their partners.',
    ),
    chartFigure(
      lineChart({
        title: 'Mean degree',
        xLabel: 'generation',
        yLabel: 'ties per firm',
        x: generations,
        markers,
        series: [{ name: 'mean degree', colour: '#5b8def', values: run.series.map((point) => point.ties?.meanDegree ?? 0) }],
      }),
      'The mean number of ties per firm (a firm playing itself not counted).',
    ),
  ]);
  const network = run.final.network;
  if (network !== undefined) {
    figures.push(
      figure(
        networkSvg({ ...run.final, ties: network.ties, cut: network.cut }),
        "The network at the end, at the firms' lattice places: grey ties from the start, blue ties formed during the run, dashed red the ties cut after the last generation; dots in the colour of the firm's strategy.",
      ),
    );
  }
  return figures;
}

export async function clusterReport(run: ClusterRunDocument, source: string, version: string): Promise<string> {
  const time: RunTime = runTime(run);
  const { x, label: xLabel, markers, years } = time;
  const split = hasSplitFigures(run);
  const strategyIds = Object.keys(run.series[0]?.strategies ?? {});
  const last = run.series[run.series.length - 1];
  const size = isObject(run.parameters) ? `${String(run.parameters.width)} × ${String(run.parameters.height)}` : '?';
  const charts = (
    await Promise.all([
      cooperationFigure(
        run.series,
        x,
        xLabel,
        markers,
        'Share of moves that co-operate, of pairs that co-operate mutually, and the mean trust between neighbours, per generation. Dashed lines: the events of the log, numbered.',
        years,
      ),
      ...(split ? [cooperationByKindFigure(run, time)] : []),
      ladderFigure(
        run.series,
        x,
        xLabel,
        'share of rounds',
        markers,
        'Share of the rounds played in each joint activity, stacked, from the low-risk ones up to the risky, rewarding ones.',
        years,
      ),
      ...(split ? [rungsFigure(run, time)] : []),
      chartFigure(
        stackedAreaChart({
          title: 'Strategy shares',
          xLabel,
          yLabel: 'share of firms',
          x,
          yDomain: { low: 0, high: 1 },
          markers,
          years,
          series: strategyIds.map((id, index) => ({ name: id, colour: colourAt(index), values: run.series.map((point) => point.strategies[id] ?? 0) })),
        }),
        'Share of the firms that play each strategy, stacked.',
      ),
      chartFigure(
        lineChart({
          title: 'Mean payoff',
          xLabel,
          yLabel: 'payoff per firm',
          x,
          markers,
          years,
          series: [{ name: 'mean payoff', colour: '#5b8def', values: run.series.map((point) => point.meanPayoff) }],
        }),
        'The mean payoff per firm and generation.',
      ),
      reputationFigure(run, markers),
    ])
  ).filter((chart) => chart !== '');
  charts.push(...(await organiserFigures(run, x, xLabel, markers, years)));
  charts.push(...(await networkFigures(run, x, markers)));
  charts.push(...(await marketFigures(run, markers)));
  const settings: [string, Cell][] = [
    ['scenario', run.scenario.name],
    ['title', run.scenario.title ?? ''],
    ['seed', run.seed],
    ['generations', run.generations],
    ['lattice', size],
    ['cooplab', run.cooplab],
  ];
  const reproduction = clusterReproduction(run, version);
  const scenarioFile = details('The scenario as a file (scenario.json)', codeBlock(`${JSON.stringify(run.scenario, null, 2)}\n`));
  return htmlPage({
    title: `Cluster run: ${run.scenario.title ?? run.scenario.name}`,
    ...(typeof run.scenario.description === 'string' ? { lead: run.scenario.description } : {}),
    meta: `cooplab ${run.cooplab} · scenario ${run.scenario.name} · seed ${run.seed} · ${run.generations} generations · from ${basename(source)}`,
    sections: [
      reproduceSection(reproduction, scenarioFile),
      section('Settings', settingsTable(settings), details('Parameters that differ from the defaults', settingsTable(flatten(run.scenario.parameters)))),
      section(
        'Result',
        last === undefined
          ? paragraph('The run recorded no generations.')
          : table(
              [
                'generation',
                'co-operation',
                'mutual co-operation',
                'mean trust',
                'mean payoff',
                'fines',
                'exits',
                ...(split ? ['in low-risk activities', 'in risky activities', 'pairs on no rung'] : []),
                ...(time.yearOf === undefined ? [] : ['year']),
              ],
              [
                [
                  last.generation,
                  last.cooperation,
                  last.mutualCooperation,
                  last.meanTrust,
                  last.meanPayoff,
                  last.fines,
                  last.exits,
                  // No round of that kind: an empty cell.
                  ...(split ? [last.cooperationLowRisk, last.cooperationRisky, last.noRung] : []),
                  ...(time.yearOf === undefined ? [] : [time.yearOf(last.generation)]),
                ],
              ],
            ),
      ),
      section('Charts', ...charts),
      section(
        'Event log',
        run.log.length === 0
          ? paragraph('No events.')
          : time.yearOf === undefined
            ? table(
                ['#', 'generation', 'event'],
                run.log.map((entry, index) => [index + 1, entry.generation, entry.label]),
              )
            : table(
                ['#', 'year', 'generation', 'event'],
                run.log.map((entry, index) => [index + 1, time.yearOf!(entry.generation), entry.generation, entry.label]),
              ),
      ),
    ],
  });
}

export async function tournamentReport(run: TournamentDocument, source: string, version: string): Promise<string> {
  const { settings } = run;
  const length = settings.probEnd === null ? `${String(settings.turns)} turns` : `ends with probability ${settings.probEnd} per round`;
  const game = settings.payoffs;
  const cells = run.matrix.map((row) => row.map((value) => (value === null ? null : value)));
  const heatmap = heatmapChart({
    title: 'Score matrix',
    xLabel: 'opponent',
    yLabel: 'player',
    xTicks: run.strategies,
    yTicks: run.strategies,
    cells,
    domain: domainOf(cells.flat()),
    valueLabel: 'score/match',
    firstRow: 'top',
  });
  const ranking = run.summary.map((entry) => [
    entry.rank,
    entry.id,
    entry.meanPerTurn,
    entry.ci95 === null ? null : `${entry.ci95[0].toFixed(3)} – ${entry.ci95[1].toFixed(3)}`,
    entry.wins,
    entry.cooperationRate !== null && Number.isFinite(entry.cooperationRate) ? `${(entry.cooperationRate * 100).toFixed(1)}%` : null,
  ]);
  const scores = await scoreStrip(run);
  const matrix = await chartFigure(heatmap, 'Mean total score of the row strategy against the column strategy per match; grey: not played.');
  return htmlPage({
    title: `Tournament: ${run.strategies.length} strategies`,
    lead: `Round-robin, ${length}, ${settings.repetitions} repetitions, noise ${settings.noise}; winner: ${run.ranking[0] ?? '–'}.`,
    meta: `cooplab ${run.cooplab} · seed ${run.seed} · from ${basename(source)}`,
    sections: [
      reproduceSection(tournamentReproduction(run, version)),
      section(
        'Settings',
        settingsTable([
          ['strategies', run.strategies.join(', ')],
          ['match length', length],
          ['repetitions', settings.repetitions],
          ['noise', settings.noise],
          ['payoffs', `R=${game.R} S=${game.S} T=${game.T} P=${game.P}`],
          ['self-play', settings.selfPlay ? 'on' : 'off'],
          ['seed', run.seed],
          ['cooplab', run.cooplab],
        ]),
      ),
      section('Ranking', table(['rank', 'strategy', 'score/turn', '95% CI', 'wins', 'co-operation'], ranking), scores),
      section('Score matrix', matrix),
      run.disqualified.length === 0
        ? ''
        : section(
            'Disqualified',
            table(
              ['strategy', 'file', 'reason'],
              run.disqualified.map((entry) => [entry.id ?? '(did not build)', entry.file ?? '', entry.reason]),
            ),
          ),
    ].filter((part) => part !== ''),
  });
}

/** The mean score per turn of each strategy in rank order, as a one-row heatmap. */
function scoreStrip(run: TournamentDocument): Promise<string> {
  const ids = run.summary.map((entry) => entry.id);
  const scores = run.summary.map((entry) => entry.meanPerTurn);
  return chartFigure(
    heatmapChart({
      title: 'Score per turn, in rank order',
      xLabel: 'strategy',
      yLabel: '',
      xTicks: ids,
      yTicks: ['score/turn'],
      cells: [scores],
      domain: domainOf(scores),
      valueLabel: 'score/turn',
      firstRow: 'top',
      showValues: true,
    }),
    "Each strategy's mean score per turn over all its matches.",
  );
}

export async function sweepReport(sweep: SweepData, source: string, version: string, tasks: readonly SweepTaskFile[] = []): Promise<string> {
  const { manifest } = sweep;
  const axes = manifest.grid;
  const metric = sweep.columns.includes('final_cooperation') ? 'final_cooperation' : (metricColumns(sweep)[0] ?? 'final_cooperation');
  const charts: string[] = [];
  if (axes.length === 1) {
    charts.push(await chartFigure(sweepLineChart(sweep, metric, axes[0]!), `The mean ${metric} for each value of ${axes[0]!.path}.`));
  } else {
    for (let i = 0; i < axes.length; i++) {
      for (let j = i + 1; j < axes.length; j++) {
        const diagram = phaseDiagram(sweep, metric, axes[i]!, axes[j]!);
        charts.push(await chartFigure(phaseChart(diagram), `Phase diagram: ${diagram.subtitle}.`));
      }
    }
  }
  const combinations = combinationsOf(
    tasks,
    axes.map((axis) => axis.path),
  );
  const overTime = await sweepSeriesFigure(combinations, manifest.seeds);
  if (overTime !== '') charts.push(overTime);
  const lattices = finalLattices(combinations);
  const scenario = manifest.scenario;
  const parameterColumns = axes.map((axis) => axis.path);
  const shown = ['task', ...parameterColumns, 'seed_index', 'seed', ...metricColumns(sweep)];
  const rows = sweep.rows.map((row) =>
    shown.map((column) => {
      const value = row[column] ?? '';
      return value !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
    }),
  );
  return htmlPage({
    title: `Sweep: ${scenario.title ?? scenario.name}`,
    ...(typeof scenario.description === 'string' ? { lead: scenario.description } : {}),
    meta: `cooplab ${manifest.cooplab} · scenario ${scenario.name} · ${manifest.tasks} tasks · from ${basename(source)}`,
    sections: [
      reproduceSection(
        sweepReproduction(manifest, version, source),
        details('The scenario as a file (scenario.json)', codeBlock(`${JSON.stringify(scenario, null, 2)}\n`)),
      ),
      section(
        'Settings',
        settingsTable([
          ['scenario', scenario.name],
          ...axes.map((axis): [string, Cell] => [`grid: ${axis.path}`, axis.values.map(String).join(', ')]),
          ['seeds per combination', manifest.seeds],
          ['root seed', manifest.rootSeed],
          ['generations', manifest.generations],
          ['tasks', manifest.tasks],
          ['rows in results.csv', sweep.rows.length],
          ['strategy modules', manifest.strategyModules.length === 0 ? 'none' : manifest.strategyModules.join(', ')],
          ['cooplab', manifest.cooplab],
        ]),
        details('Parameters of every run (before the grid)', settingsTable(flatten(scenario.parameters))),
      ),
      section('Charts', ...(charts.length === 0 ? [paragraph('The grid is empty: nothing to plot.')] : charts)),
      ...(lattices.length > 0 ? [section('Final lattices', ...lattices)] : []),
      section('Results', paragraph(`One row per task, from results.csv.`), table(shown, rows, { scroll: true })),
    ],
  });
}

export async function classReport(run: ClassDocument, source: string): Promise<string> {
  const rounds = run.series.map((point) => point.round);
  // A change announced after round r holds from round r + 1: the marker sits between the two.
  const first = rounds[0] ?? 1;
  const lastRound = rounds[rounds.length - 1] ?? 1;
  const markers = run.log.map((entry) => ({ x: Math.min(lastRound, Math.max(first, entry.from - 0.5)), label: entry.label }));
  const charts = await Promise.all([
    cooperationFigure(
      run.series,
      rounds,
      'round',
      markers,
      "Share of moves that co-operate, of pairs that co-operate mutually, and the mean trust between partners, per round. Dashed lines: the teacher's interventions, numbered as in the event log.",
    ),
    ladderFigure(
      run.series,
      rounds,
      'round',
      'share of pairs',
      markers,
      'Share of the pairs playing each joint activity, stacked: joint trust decides which one a pair plays.',
    ),
  ]);
  const { settings } = run;
  return htmlPage({
    title: `Class session: ${run.mode === 'lattice' ? 'the class lattice' : 'pairwise rounds'}`,
    lead: `${run.students.filter((student) => student.kind === 'student').length} students played ${run.roundsPlayed} rounds as the firms of the '${settings.scenario}' cluster.`,
    meta: `cooplab ${run.cooplab} · ${run.mode} · seed ${run.seed} · ${run.roundsPlayed} of ${settings.rounds} rounds · from ${basename(source)}`,
    sections: [
      section(
        'Settings',
        settingsTable([
          ['mode', run.mode],
          ['scenario', settings.scenario],
          ['rounds played', `${run.roundsPlayed} of ${settings.rounds}`],
          ['time to answer', `${settings.timeLimit} s`],
          ['default move', settings.defaultMove],
          ['seats filled by', settings.fill.length === 0 ? 'nobody' : settings.fill.join(', ')],
          ['sanctions when switched on', `fine ${settings.sanctions.fine}, detection ${settings.sanctions.detection}`],
          ['seed', run.seed],
          ['moves recorded', run.moves.length],
        ]),
        paragraph('A class session is played by people, so it cannot be rerun; every move is in class.json and moves.csv.'),
      ),
      section('Charts', ...(run.series.length === 0 ? [paragraph('No round was played.')] : charts)),
      section(
        'Leaderboard',
        table(
          ['rank', 'firm', 'kind', 'score', 'co-operation', 'answered', 'defaulted'],
          run.students.map((student) => [
            student.rank,
            student.name,
            student.strategy === null ? student.kind : `bot: ${student.strategy}`,
            student.score,
            student.cooperation,
            student.answered,
            student.defaulted,
          ]),
        ),
      ),
      section(
        'Rounds',
        table(
          ['round', 'co-operation', 'mutual co-operation', 'mean trust', 'fines', 'no answer'],
          run.series.map((point) => [point.round, point.cooperation, point.mutualCooperation, point.meanTrust, point.fines, point.defaulted]),
        ),
      ),
      section(
        'Event log',
        run.log.length === 0
          ? paragraph('No events.')
          : table(
              ['#', 'from round', 'event', 'why'],
              run.log.map((entry, index) => [index + 1, entry.from, entry.label, entry.why]),
            ),
      ),
    ],
  });
}

export function buildReport(input: ReportInput, version: string): Promise<string> {
  switch (input.kind) {
    case 'cluster':
      return clusterReport(input.run, input.source, version);
    case 'tournament':
      return tournamentReport(input.run, input.source, version);
    case 'sweep':
      return sweepReport(input.sweep, input.source, version, input.tasks);
    case 'class':
      return classReport(input.run, input.source);
    case 'cluster-seeds':
      return clusterSeedsReport(input.runs, input.source, version);
  }
}
