import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { LiveSnapshot } from '../cluster/live.js';
import { NO_ACTIVITY } from '../cluster/round-rules.js';
import type { GenerationRecord } from '../cluster/model.js';
import type { ClusterRun } from '../cluster/run.js';
import { scenarioDocument, writtenScenarioSchema, yearOf, type YearScale } from '../cluster/scenario.js';
import { parseOutputDocument, readJsonFile } from './document.js';
import { toFileFields, type KeyRules } from './field-names.js';
import { prettyJson } from './json.js';

/**
 * A cluster run's documents (docs/formats.md): the JSON that `cooplab cluster -f json` writes
 * and `cooplab report` reads, the tidy per-generation CSV (also the live view's export) and the
 * lattice CSV of a snapshot. The CSVs are read by pandas or R, not by cooplab.
 */

/** One row per generation; row 0 is the initial configuration as played. */
export function clusterCsv(run: ClusterRun): string {
  return seriesCsv(
    run.records,
    run.scenario.parameters.activities.map((activity) => activity.name),
    run.model.pool.map((strategy) => strategy.id),
    run.scenario.years,
    (run.scenario.parameters.organisers ?? []).map((organiser) => organiser.name),
  );
}

/** Per organiser, its columns after all others (docs/formats.md). */
const ORGANISER_COLUMNS = [
  'members',
  'budget',
  'credibility',
  'income',
  'spent:activities',
  'spent:monitoring',
  'spent:mediation',
  'spent:cost_sharing',
] as const;

/** An organiser's figures in a generation, in ORGANISER_COLUMNS order; empty cells while it does not work. */
function organiserCells(record: GenerationRecord, name: string): (number | string)[] {
  const books = record.organisers?.find((candidate) => candidate.name === name);
  if (books === undefined) return ORGANISER_COLUMNS.map(() => '');
  const { accounts } = books;
  const income = accounts.fees + accounts.grant + accounts.fines + accounts.margin;
  return [books.members, books.budget, books.credibility, income, accounts.activities, accounts.monitoring, accounts.mediation, accounts.costSharing];
}

/**
 * The per-generation series as tidy CSV (also what the live view exports). The columns added
 * since the first version come last, so readers by position still work: the co-operation by
 * kind of activity, the rungs of the trust ladder, the year when the scenario has years, and the
 * standings when the reputation layer was on, the
 * ties cut and formed and the mean degree when firms choose their partners, and the market
 * layer's figures when it was on.
 */
export function seriesCsv(
  records: readonly GenerationRecord[],
  activityNames: readonly string[],
  strategyIds: readonly string[],
  years?: YearScale | undefined,
  organiserNames: readonly string[] = [],
): string {
  const standing = records.some((record) => record.reputation !== undefined);
  const withTies = records.some((record) => record.ties !== undefined);
  const withMarket = records.some((record) => record.market !== undefined);
  const withBrands = records.some((record) => record.market?.brands !== undefined);
  const columns = [
    'generation',
    'cooperation',
    'mutual_cooperation',
    'mean_trust',
    'mean_payoff',
    'fines',
    'exits',
    ...activityNames.map((name) => `activity:${name}`),
    ...strategyIds.map((id) => `share:${id}`),
    'cooperation_low_risk',
    'cooperation_risky',
    ...activityNames.map((name) => `rung:${name}`),
    'no_rung',
    ...(years === undefined ? [] : ['year']),
    ...organiserNames.flatMap((name) => ORGANISER_COLUMNS.map((column) => `organiser:${name}:${column}`)),
    // Standing, only in runs where the reputation layer was on (empty before it was switched on).
    ...(standing ? REPUTATION_COLUMNS : []),
    ...(withTies ? ['ties_cut', 'ties_formed', 'mean_degree'] : []),
    // The market layer's figures, only in runs with it (docs/model.md, "The market").
    ...(withMarket ? MARKET_COLUMNS : []),
    ...(withBrands ? ['brands'] : []),
  ];
  const rows = records.map((record) => [
    record.generation,
    record.cooperation,
    record.mutualCooperation,
    record.meanTrust,
    record.meanPayoff,
    record.fines,
    record.exits,
    ...record.activities,
    ...record.strategies,
    // No round of that kind: an empty cell, not a false 0.
    record.cooperationLowRisk ?? '',
    record.cooperationRisky ?? '',
    ...record.rungs,
    record.noRung,
    ...(years === undefined ? [] : [yearOf(years, record.generation)]),
    ...organiserNames.flatMap((name) => organiserCells(record, name)),
    ...(standing ? reputationCells(record) : []),
    ...(withTies ? [record.ties?.cut ?? '', record.ties?.formed ?? '', record.ties?.meanDegree ?? ''] : []),
    ...(withMarket ? marketCells(record) : []),
    ...(withBrands ? [record.market?.brands ?? ''] : []),
  ]);
  return stringify(rows, { header: true, columns });
}

const REPUTATION_COLUMNS = ['reputation_cooperators', 'reputation_defectors', 'bad_standing'];

const MARKET_COLUMNS = [
  'firms',
  'entries',
  'spinoffs',
  'market_exits',
  'absorbed',
  'mean_price',
  'mean_quality',
  'quality_spread',
  'mean_profit',
  'innovator_profit',
  'innovations',
  'imitations',
  'mean_size',
  'mean_education',
];

function marketCells(record: GenerationRecord): (number | string)[] {
  const market = record.market;
  if (market === undefined) return MARKET_COLUMNS.map(() => '');
  return [
    market.firms,
    market.entries,
    market.spinoffs,
    market.exits,
    market.absorbed,
    market.meanPrice,
    market.meanQuality,
    market.qualitySpread,
    market.meanProfit,
    // No firm has innovated yet: an empty cell, not a false 0.
    market.innovatorProfit ?? '',
    market.innovations,
    market.imitations,
    market.meanSize,
    market.meanEducation,
  ];
}

function reputationCells(record: GenerationRecord): (number | null)[] {
  const summary = record.reputation;
  return summary === undefined ? [null, null, null] : [summary.cooperators, summary.defectors, summary.badStanding];
}

/** Every firm's state, one row per firm, for a snapshot export. */
export function latticeCsv(snapshot: LiveSnapshot): string {
  const rows: (string | number)[][] = [];
  for (let firm = 0; firm < snapshot.width * snapshot.height; firm++) {
    const activity = snapshot.activityOf[firm]!;
    rows.push([
      firm % snapshot.width,
      Math.floor(firm / snapshot.width),
      snapshot.strategies[snapshot.strategyOf[firm]!]!,
      snapshot.cooperation[firm]!,
      snapshot.trust[firm]!,
      activity === NO_ACTIVITY ? '' : snapshot.activities[activity]!.name,
    ]);
  }
  return stringify(rows, { header: true, columns: ['x', 'y', 'strategy', 'cooperation', 'trust', 'activity'] });
}

/** The JSON of a cluster run. The scenario part is the scenario file schema (src/cluster/scenario.ts). */
const clusterRunSchema = z.object({
  cooplab: z.string(),
  scenario: writtenScenarioSchema,
  seed: z.number().int().min(0),
  generations: z.number().int().min(0),
  /** Every parameter as the model used it (docs/model.md); kept as recorded, whatever version wrote it. */
  parameters: z.record(z.string(), z.unknown()),
  /** The events of the timeline as they happened (`year` only when the scenario has years). */
  log: z.array(z.object({ generation: z.number().int().min(0), year: z.number().int().optional(), label: z.string() })),
  series: z.array(
    z.object({
      generation: z.number().int().min(0),
      cooperation: z.number(),
      mutualCooperation: z.number(),
      meanTrust: z.number(),
      meanPayoff: z.number(),
      fines: z.number(),
      exits: z.number(),
      activities: z.record(z.string(), z.number()),
      strategies: z.record(z.string(), z.number()),
      // Added later: a run written before them has none of these (docs/formats.md).
      cooperationLowRisk: z.number().nullable().optional(),
      cooperationRisky: z.number().nullable().optional(),
      rungs: z.record(z.string(), z.number()).optional(),
      noRung: z.number().optional(),
      year: z.number().int().optional(),
      /** Present only in a run with organisers (docs/model.md, "Organisers"). */
      organisers: z
        .record(
          z.string(),
          z.object({
            members: z.number(),
            budget: z.number(),
            credibility: z.number(),
            running: z.number(),
            /** Members' mean payoff less non-members'; null while either group is empty. */
            benefit: z.number().nullable(),
            accounts: z.record(z.string(), z.number()),
          }),
        )
        .optional(),
      /** Standing at the end of the generation, while the reputation layer was on. */
      reputation: z.object({ cooperators: z.number().nullable(), defectors: z.number().nullable(), badStanding: z.number() }).optional(),
      ties: z.object({ cut: z.number().int().min(0), formed: z.number().int().min(0), meanDegree: z.number().min(0) }).optional(),
      /** The market layer's figures, in a run with it (docs/model.md, "The market"). */
      market: z
        .object({
          firms: z.number().int().min(0),
          entries: z.number().int().min(0),
          spinoffs: z.number().int().min(0),
          exits: z.number().int().min(0),
          absorbed: z.number().int().min(0),
          meanPrice: z.number(),
          meanQuality: z.number(),
          qualitySpread: z.number(),
          meanProfit: z.number(),
          innovatorProfit: z.number().nullable(),
          innovations: z.number().int().min(0),
          imitations: z.number().int().min(0),
          meanSize: z.number(),
          meanEducation: z.number(),
          /** Firms that sold under a brand, while brands were on (market.brand.premium > 0). */
          brands: z.number().int().min(0).optional(),
        })
        .optional(),
    }),
  ),
  final: z.object({
    generation: z.number().int().min(0),
    width: z.number().int().min(1),
    height: z.number().int().min(1),
    strategies: z.array(z.string()),
    /** lattice[y][x]: index into `strategies` of the firm at (x, y) after the last revision. */
    lattice: z.array(z.array(z.number().int().min(0))),
    /** With the market layer: quality[y][x], the quality level of the firm at (x, y) at the end; null where the site stands empty. */
    quality: z.array(z.array(z.number().int().min(0).nullable())).optional(),
    /** When firms choose their partners, on lattices of at most NETWORK_FIRMS firms: the ties at the end. */
    network: z
      .object({
        /** Each tie between two firms as [a, b, generation formed] (−1: a lattice tie from the start); firm = y × width + x. */
        ties: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0), z.number().int().min(-1)])),
        /** The ties cut after the last generation, as [a, b]. */
        cut: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])),
      })
      .optional(),
  }),
});

/**
 * Where a run's JSON holds names rather than field names: the scenario and its parameters keep
 * the scenario file's spelling, and activity, strategy and organiser names are data.
 */
export const CLUSTER_RUN_KEYS: KeyRules = {
  scenario: 'verbatim',
  parameters: 'verbatim',
  'series.*.activities': 'data',
  'series.*.strategies': 'data',
  'series.*.rungs': 'data',
  'series.*.organisers': 'data',
};

/** The most firms whose final network a run's JSON holds (a 100 × 100 lattice: some 40,000 ties). */
export const NETWORK_FIRMS = 10_000;

/** A cluster run as its JSON holds it. */
export type ClusterRunDocument = z.infer<typeof clusterRunSchema>;

export function clusterRunDocument(run: ClusterRun, version: string): ClusterRunDocument {
  const { model, scenario } = run;
  const activityNames = scenario.parameters.activities.map((activity) => activity.name);
  const ids = model.pool.map((strategy) => strategy.id);
  const { width, height } = model.space;
  const years = scenario.years;
  const yearField = (generation: number) => (years === undefined ? {} : { year: yearOf(years, generation) });
  const lattice: number[][] = [];
  for (let y = 0; y < height; y++) lattice.push(Array.from(model.strategyOf.subarray(y * width, (y + 1) * width)));
  return {
    cooplab: version,
    scenario: scenarioDocument(scenario),
    seed: run.seed,
    generations: run.generations,
    parameters: scenario.parameters,
    log: model.log.map((entry) => ({ generation: entry.generation, ...yearField(entry.generation), label: entry.label })),
    series: run.records.map((record) => ({
      generation: record.generation,
      cooperation: record.cooperation,
      mutualCooperation: record.mutualCooperation,
      meanTrust: record.meanTrust,
      meanPayoff: record.meanPayoff,
      fines: record.fines,
      exits: record.exits,
      activities: Object.fromEntries(activityNames.map((name, index) => [name, record.activities[index]!])),
      strategies: Object.fromEntries(ids.map((id, index) => [id, record.strategies[index]!])),
      cooperationLowRisk: record.cooperationLowRisk,
      cooperationRisky: record.cooperationRisky,
      rungs: Object.fromEntries(activityNames.map((name, index) => [name, record.rungs[index]!])),
      noRung: record.noRung,
      ...yearField(record.generation),
      ...(record.organisers === undefined ? {} : { organisers: organiserSeries(record) }),
      ...(record.reputation === undefined ? {} : { reputation: record.reputation }),
      ...(record.ties === undefined ? {} : { ties: { ...record.ties } }),
      ...(record.market === undefined ? {} : { market: { ...record.market } }),
    })),
    final: { generation: model.generation, width, height, strategies: ids, lattice, ...finalQuality(model), ...finalNetwork(model) },
  };
}

function organiserSeries(record: GenerationRecord): NonNullable<ClusterRunDocument['series'][number]['organisers']> {
  return Object.fromEntries(
    (record.organisers ?? []).map((books) => [
      books.name,
      {
        members: books.members,
        budget: books.budget,
        credibility: books.credibility,
        running: books.running,
        benefit: Number.isNaN(books.benefit) ? null : books.benefit,
        accounts: { ...books.accounts },
      },
    ]),
  );
}

/** The quality lattice at the end of a run with the market layer (null: an empty site). */
function finalQuality(model: ClusterRun['model']): { quality?: (number | null)[][] } {
  const market = model.market;
  if (market === undefined) return {};
  const { width, height } = model.space;
  const quality: (number | null)[][] = [];
  for (let y = 0; y < height; y++) {
    const row: (number | null)[] = [];
    for (let site = y * width; site < (y + 1) * width; site++) row.push(market.vacant[site] === 1 ? null : market.quality[site]!);
    quality.push(row);
  }
  return { quality };
}

/** The ties at the end of a run with partner choice, when the lattice is small enough to draw them. */
function finalNetwork(model: ClusterRun['model']): { network?: NonNullable<ClusterRunDocument['final']['network']> } {
  const network = model.network;
  if (network === undefined || network.size > NETWORK_FIRMS) return {};
  const ties: [number, number, number][] = [];
  for (let edge = 0; edge < network.count; edge++) {
    const a = network.firmA[edge]!;
    const b = network.firmB[edge]!;
    if (a !== b) ties.push([Math.min(a, b), Math.max(a, b), network.bornAt[edge]!]);
  }
  ties.sort((left, right) => left[0] - right[0] || left[1] - right[1]);
  const cut: [number, number][] = [];
  const lastCut = model.lastCut;
  for (let k = 0; k < lastCut.length; k += 2) cut.push([lastCut[k]!, lastCut[k + 1]!]);
  return { network: { ties, cut } };
}

export function clusterJson(run: ClusterRun, version: string): string {
  return prettyJson(toFileFields(clusterRunDocument(run, version), CLUSTER_RUN_KEYS));
}

/** Several seeds' runs (`--seeds N -f json`) as one document, `{ "runs": [ … ] }`, each run as clusterJson wrote it. */
export function clusterRunsJson(runs: readonly string[]): string {
  return `{\n"runs": [\n${runs.map((text) => text.trimEnd()).join(',\n')}\n]\n}\n`;
}

/** Several seeds' CSVs (`--seeds N`) as one table: a seed column in front, one header. */
export function clusterRunsCsv(seeds: readonly number[], csvs: readonly string[]): string {
  return csvs
    .map((text, index) => {
      const [header, ...rows] = text.trimEnd().split('\n');
      return [...(index === 0 ? [`seed,${header}`] : []), ...rows.map((row) => `${seeds[index]},${row}`)].join('\n');
    })
    .join('\n')
    .concat('\n');
}

/** A cluster run's JSON (already parsed), checked; `file` names it in messages. */
export function parseClusterRun(document: unknown, file: string): ClusterRunDocument {
  return parseOutputDocument(clusterRunSchema, document, 'cluster run', file, CLUSTER_RUN_KEYS);
}

/** The runs of `cooplab cluster --seeds N -f json` (already parsed), each checked; `file` names it in messages. */
export function parseClusterRuns(document: { readonly runs: readonly unknown[] }, file: string): ClusterRunDocument[] {
  return document.runs.map((run, index) => parseClusterRun(run, `${file} (run ${index + 1})`));
}

/** Reads the JSON of `cooplab cluster -f json`; a bad file is refused in one line. */
export function readClusterRun(file: string): ClusterRunDocument {
  return parseClusterRun(readJsonFile(file, 'cluster run'), file);
}
