import { writeFileSync } from 'node:fs';
import { render } from 'ink';
import type { LiveSnapshot } from '../../cluster/live.js';
import type { Scenario } from '../../cluster/scenario.js';
import { runSummary } from '../../cluster/summary.js';
import { printable } from '../../core/printable.js';
import { latticeCsv, seriesCsv } from '../../formats/cluster-run.js';
import { fullScreen, superviseInk } from '../shared/terminal.js';
import { makeTheme } from '../../theme/theme.js';
import { ClusterApp } from './app.js';
import { WorkerSource } from './source.js';

function writeSeries(snapshot: LiveSnapshot, file: string): void {
  writeFileSync(
    file,
    seriesCsv(
      snapshot.records,
      snapshot.activities.map((activity) => activity.name),
      snapshot.strategies,
      snapshot.scenario.years,
      snapshot.organisers.map((organiser) => organiser.name),
    ),
  );
}

/** Draws the pictures of a snapshot into files named STEM-…; returns the files written (cli passes src/report's). */
export type PictureWriter = (snapshot: LiveSnapshot, stem: string) => Promise<readonly string[]>;

/** Where a snapshot's files go: named after the scenario, the seed and the generation. */
function stemOf(snapshot: LiveSnapshot, directory: string): string {
  return `${directory}/cooplab-${snapshot.scenario.name}-seed${snapshot.seed}-gen${Math.max(0, snapshot.generation)}`;
}

function cannotWrite(directory: string, error: unknown): Error {
  const reason = error instanceof Error && 'code' in error ? String(error.code) : error instanceof Error ? error.message : String(error);
  return new Error(`cannot write to ${directory} (${reason})`);
}

/** Writes the series so far and the current lattice next to where cooplab was started; throws what could not be written and why. */
export function exportSnapshot(snapshot: LiveSnapshot, directory = process.cwd()): string {
  const stem = stemOf(snapshot, directory);
  try {
    writeSeries(snapshot, `${stem}-series.csv`);
    writeFileSync(`${stem}-lattice.csv`, latticeCsv(snapshot));
  } catch (error) {
    throw cannotWrite(directory, error);
  }
  return `exported ${stem}-series.csv and ${stem}-lattice.csv`;
}

/** The CSV export, then the pictures: one line naming the folder and every file written. */
export async function exportWithPictures(snapshot: LiveSnapshot, pictures: PictureWriter, directory = process.cwd()): Promise<string> {
  exportSnapshot(snapshot, directory);
  const stem = stemOf(snapshot, directory);
  let drawn: readonly string[];
  try {
    drawn = await pictures(snapshot, stem);
  } catch (error) {
    throw cannotWrite(directory, error);
  }
  const name = (file: string) => file.slice(directory.length + 1);
  return `exported to ${directory}: ${[`${stem}-series.csv`, `${stem}-lattice.csv`, ...drawn].map(name).join(', ')}`;
}

/** The live cluster view: the simulation in a worker thread, Ink on this one. */
export async function launchCluster(options: {
  scenario: Scenario;
  strategyIds: readonly string[];
  seed: number;
  out?: string | undefined;
  moduleFiles?: readonly string[];
  trusted?: boolean;
  projector?: boolean;
  /** Draws the pictures that `e` exports beside the CSV; without it, `e` writes CSV only. */
  pictures?: PictureWriter;
}): Promise<void> {
  let failure: Error | undefined;
  const input = {
    scenario: options.scenario,
    strategyIds: options.strategyIds,
    seed: options.seed,
    moduleFiles: options.moduleFiles ?? [],
    trusted: options.trusted === true,
  };
  const source = new WorkerSource(input, (error) => {
    failure = error;
    instance.unmount();
  });
  const restore = fullScreen();
  const theme = makeTheme();
  const instance = render(
    <ClusterApp
      source={source}
      theme={theme}
      onExport={(snapshot) => (options.pictures === undefined ? exportSnapshot(snapshot) : exportWithPictures(snapshot, options.pictures))}
      projector={options.projector}
    />,
    {
      exitOnCtrlC: true,
      maxFps: 60,
      patchConsole: false,
    },
  );
  await superviseInk(instance, restore, () => {
    source.stop();
    // Nothing computed is lost on quit: --out gets the series so far.
    if (options.out !== undefined && source.last !== undefined) writeSeries(source.last, options.out);
  });
  if (failure !== undefined) throw failure;
  // What the room saw, in one paragraph, once the terminal is back: something to keep.
  if (source.last !== undefined) process.stdout.write(`${printable(runSummary(source.last), Number.POSITIVE_INFINITY)}\n`);
}
