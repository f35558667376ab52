#!/usr/bin/env node
/**
 * postinstall: isolated-vm with patches/isolated-vm+*.patch applied and compiled in.
 *
 * The patch sets a sandbox isolate's stack limit at every synchronous entry from where the entry
 * stands, so how deep a strategy module can recurse does not depend on the frames of the process
 * below it (issue 13, attack 9). isolated-vm's own install script has already compiled (or
 * downloaded) an unpatched binary by the time this runs: apply the patch, rebuild, and check the
 * binary's behaviour. Any failure ends the install with an error, since an unpatched sandbox would
 * quietly make results vary between runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

function fail(message) {
  console.error(`patch-isolated-vm: ${message}`);
  process.exit(1);
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.error !== undefined) fail(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) fail(`${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/**
 * How deep a function can recurse in a synchronous call, entered from host stacks of different
 * depths, before and after the host's code is optimised; and in an asynchronous call, on a thread
 * with a stack of its own (as large as `ulimit -s`). With the patch the synchronous depths are all
 * equal and the asynchronous one is within a few frames of them.
 */
const PROBE = `
const ivm = require(process.argv[1]);
const isolate = new ivm.Isolate({ memoryLimit: 32 });
const context = isolate.createContextSync();
const probe = context.evalSync('(() => { let d = 0; const dive = (l) => { d = l; dive(l + 1); }; return () => { try { dive(0); } catch {} return d; }; })()', { reference: true });
const from = (frames) => (frames === 0 ? probe.applySync(undefined, []) : from(frames - 1) + 0);
const sync = [from(0), from(2000), from(10)];
for (let i = 0; i < 300; i++) from(i * 7);
sync.push(from(0), from(3000));
probe.apply(undefined, []).then((depth) => console.log(JSON.stringify({ sync, async: depth })));
`;

function probeDepths(packageDir) {
  const result = spawnSync(process.execPath, ['--no-node-snapshot', '-e', PROBE, packageDir], { encoding: 'utf8' });
  if (result.status !== 0) return { error: (result.stderr || `exit ${result.status ?? result.signal}`).trim().split('\n').slice(-3).join(' | ') };
  return JSON.parse(result.stdout);
}

function patched(depths) {
  if (depths.error !== undefined) return false;
  const [depth] = depths.sync;
  return depth > 1000 && depths.sync.every((other) => other === depth) && Math.abs(depths.async - depth) < 64;
}

let packageDir;
try {
  packageDir = dirname(require.resolve('isolated-vm/package.json'));
} catch {
  fail('isolated-vm is not installed');
}

run(process.execPath, [require.resolve('patch-package/index.js'), '--error-on-fail'], root);

if (patched(probeDepths(packageDir))) {
  console.log('patch-isolated-vm: the installed binary already has the patch');
  process.exit(0);
}

// npm hands its own node-gyp and settings (nodedir, python) to install scripts through the environment.
const gyp = process.env.npm_config_node_gyp;
const [command, prefix] = gyp !== undefined && existsSync(gyp) ? [process.execPath, [gyp]] : ['node-gyp', []];
console.log(`patch-isolated-vm: compiling isolated-vm with the patch in ${packageDir}`);
run(command, [...prefix, 'rebuild', '--release', '-j', 'max'], packageDir);
run(command, [...prefix, 'clean'], packageDir);

const depths = probeDepths(packageDir);
if (!patched(depths)) fail(`the rebuilt isolated-vm does not behave as patched: ${JSON.stringify(depths)}`);
console.log(`patch-isolated-vm: patched (recursion depth ${depths.sync[0]} in every synchronous call)`);
