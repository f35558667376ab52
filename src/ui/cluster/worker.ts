import { parentPort, workerData } from 'node:worker_threads';
import { LiveCluster, type LiveCommand } from '../../cluster/live.js';
import { loadStrategyModules } from '../../modules/modules.js';
import { builtinStrategies, requireStrategies } from '../../../strategies/registry.js';
import { ACKNOWLEDGE, SimulationClock, type WorkerInput, type WorkerSnapshot } from './source.js';

// The live view's simulation thread: the lattice's hot loops never run on the UI thread.
const input = workerData as WorkerInput;
const modules =
  input.moduleFiles === undefined || input.moduleFiles.length === 0
    ? []
    : (await loadStrategyModules(input.moduleFiles, { trusted: input.trusted === true, takenIds: new Set(builtinStrategies.map((strategy) => strategy.id)) }))
        .strategies;
const live = new LiveCluster(input.scenario, requireStrategies(input.strategyIds, [...builtinStrategies, ...modules]), input.seed);
// Records only grow during a run, so each message carries the ones the UI has not seen yet.
let sent = 0;
let run = live.model;
const clock = new SimulationClock(
  live,
  (snapshot) => {
    if (live.model !== run) {
      run = live.model;
      sent = 0;
    }
    const message: WorkerSnapshot = { ...snapshot, records: snapshot.records.slice(sent), recordsFrom: sent };
    sent = snapshot.records.length;
    const transfer = [snapshot.strategyOf.buffer, snapshot.cooperation.buffer, snapshot.trust.buffer, snapshot.activityOf.buffer] as ArrayBuffer[];
    if (snapshot.network !== undefined) transfer.push(snapshot.network.ties.buffer as ArrayBuffer, snapshot.network.marks.buffer as ArrayBuffer);
    parentPort!.postMessage(message, transfer);
  },
  { backpressure: true },
);
parentPort!.on('message', (message: LiveCommand | typeof ACKNOWLEDGE) => {
  if (message === ACKNOWLEDGE) clock.acknowledge();
  else clock.command(message);
});
clock.start();
