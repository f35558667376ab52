import { writeFileSync } from 'node:fs';
import { render } from 'ink';
import type { LiveSnapshot } from '../../cluster/live.js';
import type { Scenario } from '../../cluster/scenario.js';
import { runSummary } from '../../cluster/summary.js';
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

/** Writes the series so far and the current lattice next to where cooplab was started; throws what could not be written and why. */
export function exportSnapshot(snapshot: LiveSnapshot, directory = process.cwd()): string {
  const stem = `${directory}/cooplab-${snapshot.scenario.name}-seed${snapshot.seed}-gen${Math.max(0, snapshot.generation)}`;
  try {
    writeSeries(snapshot, `${stem}-series.csv`);
    writeFileSync(`${stem}-lattice.csv`, latticeCsv(snapshot));
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : error instanceof Error ? error.message : String(error);
    throw new Error(`cannot write to ${directory} (${reason})`);
  }
  return `exported ${stem}-series.csv and ${stem}-lattice.csv`;
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
  const instance = render(<ClusterApp source={source} theme={theme} onExport={(snapshot) => exportSnapshot(snapshot)} projector={options.projector} />, {
    exitOnCtrlC: true,
    maxFps: 60,
    patchConsole: false,
  });
  await superviseInk(instance, restore, () => {
    source.stop();
    // Nothing computed is lost on quit: --out gets the series so far.
    if (options.out !== undefined && source.last !== undefined) writeSeries(source.last, options.out);
  });
  if (failure !== undefined) throw failure;
  // What the room saw, in one paragraph, once the terminal is back: something to keep.
  if (source.last !== undefined) process.stdout.write(`${runSummary(source.last)}\n`);
}
