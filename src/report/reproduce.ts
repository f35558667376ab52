import { scenarioDocument, withOverrides, type Scenario } from '../cluster/scenario.js';
import { parseValue } from '../cluster/parameters.js';
import { CLASSIC_GAME } from '../core/game.js';
import { DEFAULT_TOURNAMENT } from '../core/tournament.js';
import { builtinStrategies, resolveStrategyList } from '../../strategies/registry.js';
import { loadScenario, presetNames } from '../formats/scenario-file.js';
import { shellQuote } from '../classroom/shell-quote.js';
import type { ClusterRunDocument } from '../formats/cluster-run.js';
import type { SweepManifest } from '../formats/sweep-files.js';
import type { TournamentDocument } from '../formats/tournament-result.js';
import { codeBlock, notes, paragraph, section } from './html.js';

/**
 * The command that reproduces a run, rebuilt from its JSON or manifest: the preset and the
 * --set flags for what differs from it, checked by applying them again. When that cannot be
 * done exactly, the report says so and shows the settings instead.
 */
export interface Reproduction {
  /** The command line, or null when no exact command could be rebuilt. */
  readonly command: string | null;
  /** Why the command is missing or what it needs (a scenario file, strategy modules, another version). */
  readonly notes: readonly string[];
}

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A value as --set writes it: bare when parseValue reads it back unchanged, JSON otherwise. */
function setValue(value: unknown): string {
  if (typeof value === 'string' && parseValue(value) === value) return value;
  return JSON.stringify(value);
}

/** `path=value` for every leaf where `target` differs from `base` (activities are addressed by name). */
function differences(base: unknown, target: unknown, path: string, out: string[]): void {
  if (JSON.stringify(base) === JSON.stringify(target)) return;
  if (path === 'activities' && Array.isArray(base) && Array.isArray(target)) {
    const names = (list: unknown[]) => list.map((entry) => (isPlain(entry) ? entry.name : undefined));
    if (JSON.stringify(names(base)) === JSON.stringify(names(target))) {
      for (const [index, entry] of target.entries()) differences(base[index], entry, `activities.${String(names(target)[index])}`, out);
      return;
    }
  }
  if (isPlain(base) && isPlain(target) && Object.keys(base).every((key) => key in target)) {
    for (const [key, value] of Object.entries(target)) differences(base[key], value, path === '' ? key : `${path}.${key}`, out);
    return;
  }
  out.push(`${path}=${setValue(target)}`);
}

/** Paths the preset's timeline sets that the run's timeline no longer does: they were pinned by --set. */
function pinnedPaths(preset: Scenario, events: readonly unknown[]): string[] {
  const kept = new Set(events.flatMap((event) => (isPlain(event) && isPlain(event.set) ? Object.keys(event.set) : [])));
  return [...new Set(preset.events.flatMap((event) => Object.keys(event.set)))].filter((path) => !kept.has(path));
}

function getLeaf(parameters: unknown, path: string): unknown {
  let node: unknown = parameters;
  for (const key of path.split('.')) {
    if (Array.isArray(node)) node = node.find((entry) => isPlain(entry) && entry.name === key);
    else node = isPlain(node) ? node[key] : undefined;
  }
  return node;
}

export interface ScenarioFlags {
  readonly flags: readonly string[];
  readonly notes: readonly string[];
}

/**
 * `--scenario NAME [--size WxH] [--set path=value …]` that rebuilds `expected` (the run's
 * recorded scenario) from a preset, or null when the preset is unknown or the flags do not give
 * back exactly the same scenario.
 */
export function scenarioFlags(name: string, parameters: unknown, events: readonly unknown[], expected: (scenario: Scenario) => boolean): ScenarioFlags | null {
  if (!presetNames().includes(name)) return null;
  let preset: Scenario;
  try {
    preset = loadScenario(name);
  } catch {
    return null;
  }
  const sets: string[] = [];
  differences(preset.parameters, parameters, '', sets);
  for (const path of pinnedPaths(preset, events)) {
    if (!sets.some((assignment) => assignment.startsWith(`${path}=`))) sets.push(`${path}=${setValue(getLeaf(parameters, path))}`);
  }
  const size = isPlain(parameters) ? { width: parameters.width, height: parameters.height } : {};
  const sized = sets.some((assignment) => /^(width|height)=/.test(assignment));
  const rest = sets.filter((assignment) => !/^(width|height)=/.test(assignment));
  const flags = [
    '--scenario',
    name,
    ...(sized ? ['--size', `${String(size.width)}x${String(size.height)}`] : []),
    ...rest.flatMap((assignment) => ['--set', assignment]),
  ];
  try {
    const rebuilt = withOverrides(preset, [...(sized ? [`width=${String(size.width)}`, `height=${String(size.height)}`] : []), ...rest]);
    if (!expected(rebuilt)) return null;
  } catch {
    return null;
  }
  return { flags, notes: [] };
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function versionNote(version: unknown, current: string): string[] {
  return typeof version === 'string' && version !== current
    ? [`made with cooplab ${version}; this is cooplab ${current}: another version may give other numbers`]
    : [];
}

function unknownStrategies(ids: readonly string[]): string[] {
  const known = new Set(builtinStrategies.map((strategy) => strategy.id));
  return ids.filter((id) => !known.has(id));
}

/** The command that gives this run again; with `seeds`, the runs of seeds run.seed … run.seed + seeds − 1. */
export function clusterReproduction(run: ClusterRunDocument, current: string, seeds = 1): Reproduction {
  const name = run.scenario.name;
  const events = run.scenario.events;
  const notes = versionNote(run.cooplab, current);
  const modules = unknownStrategies(Object.keys(isPlain(run.parameters.strategies) ? run.parameters.strategies : {}));
  if (modules.length > 0) notes.push(`needs the strategy modules ${modules.join(', ')}: add --strategy FILE for each`);
  const flags = scenarioFlags(name, run.parameters, events, (scenario) => sameJson(scenarioDocument(scenario), run.scenario));
  const tail = [
    '--seed',
    String(run.seed),
    ...(seeds > 1 ? ['--seeds', String(seeds)] : []),
    '--generations',
    String(run.generations),
    '-f',
    'json',
    '-o',
    seeds > 1 ? 'runs.json' : 'run.json',
  ];
  if (flags !== null) return { command: ['cooplab', 'cluster', ...flags.flags, ...tail].map(shellQuote).join(' '), notes };
  return {
    command: ['cooplab', 'cluster', '--scenario', 'scenario.json', ...tail].map(shellQuote).join(' '),
    notes: [...notes, `the scenario is not a preset with --set changes: save the scenario of the settings below as scenario.json`],
  };
}

export function tournamentReproduction(run: TournamentDocument, current: string): Reproduction {
  const { settings } = run;
  const notes = versionNote(run.cooplab, current);
  const args = ['cooplab', 'tournament'];
  const builtin = run.strategies.filter((id) => !unknownStrategies([id]).length);
  const classic = resolveStrategyList('classic').map((strategy) => strategy.id);
  const files = run.disqualified.flatMap((entry) => (entry.file === null ? [] : [entry.file]));
  const modules = unknownStrategies(run.strategies);
  if (!sameJson(builtin, classic) || modules.length > 0) {
    if (builtin.length > 0) args.push('--strategies', builtin.join(','));
  }
  if (modules.length > 0) notes.push(`needs the strategy modules ${modules.join(', ')}: add --strategy FILE for each (or --submissions DIR)`);
  for (const file of files) args.push('--strategy', file);
  if (settings.probEnd !== null) args.push('--prob-end', String(settings.probEnd));
  else if (settings.turns !== null && settings.turns !== DEFAULT_TOURNAMENT.turns) args.push('--turns', String(settings.turns));
  if (settings.repetitions !== DEFAULT_TOURNAMENT.repetitions) args.push('--repetitions', String(settings.repetitions));
  if (settings.noise !== DEFAULT_TOURNAMENT.noise) args.push('--noise', String(settings.noise));
  const game = settings.payoffs;
  if (!sameJson([game.R, game.S, game.T, game.P], [CLASSIC_GAME.R, CLASSIC_GAME.S, CLASSIC_GAME.T, CLASSIC_GAME.P])) {
    args.push('--payoffs', `${game.R},${game.S},${game.T},${game.P}`);
    if (!(game.T > game.R && game.R > game.P && game.P > game.S)) args.push('--allow-any-game');
  }
  if (!settings.selfPlay) args.push('--no-self-play');
  args.push('--seed', String(run.seed), '-f', 'json', '-o', 'tournament.json');
  return { command: args.map(shellQuote).join(' '), notes };
}

export function sweepReproduction(manifest: SweepManifest, current: string, out = 'sweep'): Reproduction {
  const notes = versionNote(manifest.cooplab, current);
  const expected = (scenario: Scenario) => sameJson({ ...scenarioDocument(scenario), parameters: scenario.parameters }, manifest.scenario);
  const flags = scenarioFlags(manifest.scenario.name, manifest.scenario.parameters, manifest.scenario.events, expected);
  const grid = manifest.grid.flatMap((axis) => [
    '--grid',
    `${axis.path}=${axis.values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(',')}`,
  ]);
  const modules = manifest.strategyModules.flatMap((file) => ['--strategy', file]);
  const tail = [
    ...grid,
    '--seeds',
    String(manifest.seeds),
    '--generations',
    String(manifest.generations),
    '--seed',
    String(manifest.rootSeed),
    ...modules,
    '--out',
    out,
  ];
  if (flags !== null) return { command: ['cooplab', 'sweep', ...flags.flags, ...tail].map(shellQuote).join(' '), notes };
  return {
    command: ['cooplab', 'sweep', '--scenario', 'scenario.json', ...tail].map(shellQuote).join(' '),
    notes: [...notes, 'the scenario is not a preset with --set changes: save the scenario of the manifest as scenario.json'],
  };
}

/** The "Reproduce" section of a report: the command, notes on what it needs, and `extra` (the scenario as a file). */
export function reproduceSection(reproduction: Reproduction, extra = ''): string {
  return section(
    'Reproduce',
    reproduction.command === null ? paragraph('No exact command could be rebuilt; the settings below describe the run.') : codeBlock(reproduction.command),
    notes(reproduction.notes),
    extra,
  );
}
