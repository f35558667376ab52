import { parentPort, workerData } from 'node:worker_threads';
import { LiveCluster, type LiveCommand } from '../../cluster/live.js';
import { requireStrategies } from '../../strategies/registry.js';
import { SimulationClock, type WorkerInput } from './source.js';

// The live view's simulation thread: the lattice's hot loops never run on the UI thread.
const input = workerData as WorkerInput;
const live = new LiveCluster(input.scenario, requireStrategies(input.strategyIds), input.seed);
const clock = new SimulationClock(live, (snapshot) => {
  const transfer = [snapshot.strategyOf.buffer, snapshot.cooperation.buffer, snapshot.trust.buffer, snapshot.activityOf.buffer] as ArrayBuffer[];
  parentPort!.postMessage(snapshot, transfer);
});
parentPort!.on('message', (command: LiveCommand) => clock.command(command));
clock.start();
