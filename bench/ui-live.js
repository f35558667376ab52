// The live cluster view at 120 × 40 with a 200 × 70 lattice, simulation in its worker thread,
// Ink rendering to an in-memory terminal: frames per second at full speed, and the delay from
// a key press to the first frame that shows its effect.
import { EventEmitter } from 'node:events';

process.env.NODE_ENV ??= 'production'; // as bin/cooplab.js sets it, before React loads
const { createElement } = await import('react');
const { render } = await import('ink');
const { loadScenario } = await import('../dist/src/formats/scenario-file.js');
const { withOverrides } = await import('../dist/src/cluster/scenario.js');
const { ClusterApp } = await import('../dist/src/ui/cluster/app.js');
const { WorkerSource } = await import('../dist/src/ui/cluster/source.js');
const { makeTheme } = await import('../dist/src/theme/theme.js');

class Terminal extends EventEmitter {
  columns = 120;
  rows = 40;
  isTTY = true;
  frames = [];
  write = (frame) => {
    this.frames.push({ at: performance.now(), frame });
    return true;
  };
}
class Keyboard extends EventEmitter {
  isTTY = true;
  data = null;
  write = (data) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  read = () => {
    const { data } = this;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// No end: the live run pauses at its scenario's last generation, which would stop the frames being counted.
const scenario = { ...withOverrides(loadScenario('training-first'), ['width=200', 'height=70']), generations: Number.MAX_SAFE_INTEGER };
const source = new WorkerSource({ scenario, strategyIds: Object.keys(scenario.parameters.strategies), seed: 1 }, (error) => {
  throw error;
});
const stdout = new Terminal();
const stdin = new Keyboard();
const instance = render(createElement(ClusterApp, { source, theme: makeTheme(true), onExport: () => '' }), {
  stdout,
  stdin,
  stderr: new Terminal(),
  exitOnCtrlC: false,
  patchConsole: false,
  maxFps: 60,
});
await sleep(1500); // worker start-up and JIT
for (let i = 0; i < 8; i++) source.send({ type: 'speed', delta: 1 }); // full speed
await sleep(1000);
const from = stdout.frames.length;
const started = performance.now();
await sleep(3000);
// Count whole frames (Ink also writes cursor controls between them).
const fps = stdout.frames.slice(from).filter((entry) => entry.frame.includes('firms by strategy')).length / ((performance.now() - started) / 1000);

// Key to frame: switch the view and wait for the first frame that names the new one.
const delays = [];
const views = ['move', 'trust', 'activity', 'strategy'];
for (let press = 0; press < 12; press++) {
  const target = `view: ${views[press % views.length]}`;
  const seen = stdout.frames.length;
  const pressed = performance.now();
  stdin.write('v');
  for (;;) {
    const hit = stdout.frames.slice(seen).find((entry) => entry.frame.includes(target));
    if (hit !== undefined) {
      delays.push(hit.at - pressed);
      break;
    }
    if (performance.now() - pressed > 2000) {
      delays.push(Infinity);
      break;
    }
    await sleep(1);
  }
  await sleep(150);
}
instance.unmount();
source.stop();
delays.sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({ fps, keyToFrame: { median: delays[Math.floor(delays.length / 2)], worst: delays[delays.length - 1] } })}\n`);
process.exit(0);
