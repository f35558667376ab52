import { PathSwitch } from '../core/path-switch.js';
import type { StreamState } from '../core/random.js';
import type { PackedTorus } from './kernel.js';
import { hasPairTable } from './step-tables.js';
import { SEQUENTIAL_KERNEL_BASE64 } from './sequential-kernel-bytes.js';

/**
 * The sequential rules' steps on packed entries in WebAssembly (src/wasm/sequential-kernel.ts):
 * the loops of packed-steps.ts with the same draws, doubles and adoptions, so the same strategies
 * and the same stream afterwards. A step takes 0.5–0.86× the JavaScript loop's time, in cache
 * and beyond it (docs/benchmarks.md, "Lattice against C", sixth session). The entries are copied
 * into the kernel's memory and back (under 0.5 ms at 2000² against 140–360 ms of steps); the
 * stream's state goes in and comes back out. Where WebAssembly is missing, or the
 * revision holds no stream state, the JavaScript loops play.
 */

/** A sequential rule's steps as the kernel takes them (packed-steps.ts, PackedSteps, with the stream's state). */
export interface KernelSteps {
  readonly packed: PackedTorus;
  readonly steps: number;
  readonly mutation: number;
  readonly poolSize: number;
  readonly K: number;
  readonly stream: StreamState;
}

type StepsExport = (
  moran: boolean,
  entries: number,
  wide: boolean,
  cooperates: number,
  width: number,
  height: number,
  degree: number,
  steps: number,
  mutation: number,
  poolSize: number,
  value: number,
  table: number,
  span: number,
  inverseK: number,
) => void;

interface KernelExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  readonly MOST_DEGREE: { readonly value: number };
  heapBase(): number;
  streamAt(): number;
  offsetsAt(): number;
  readonly revise: StepsExport;
}

interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

const PAGE = 65536;
const align = (at: number, to: number): number => Math.ceil(at / to) * to;

class SequentialKernel {
  private readonly exports: KernelExports;
  private readonly start: number;

  constructor(api: WebAssemblyApi) {
    const bytes = Buffer.from(SEQUENTIAL_KERNEL_BASE64, 'base64');
    const instance = new api.Instance(new api.Module(bytes), { 'sequential-kernel': { hostExp: Math.exp } });
    this.exports = instance.exports as KernelExports;
    this.start = align(this.exports.heapBase(), 16);
  }

  takes(revision: KernelSteps): boolean {
    return revision.packed.dxs.length <= this.exports.MOST_DEGREE.value && revision.steps < 2 ** 31;
  }

  run(rule: 'fermi' | 'moran', revision: KernelSteps): void {
    const { packed, steps, mutation, poolSize, K, stream } = revision;
    const { entry, value, cooperates, width, height, dxs, dys } = packed;
    const span = value.length;
    const tabled = hasPairTable(span);
    const valueAt = this.start;
    const tableAt = valueAt + span * 8;
    const cooperatesAt = tableAt + (tabled ? span * span * 8 : 0);
    const entriesAt = align(cooperatesAt + cooperates.length, 16);
    this.reserve(entriesAt + entry.byteLength);
    const buffer = this.exports.memory.buffer;
    new Float64Array(buffer, valueAt, span).set(value);
    new Uint8Array(buffer, cooperatesAt, cooperates.length).set(cooperates);
    const offsets = new Int32Array(buffer, this.exports.offsetsAt(), 2 * this.exports.MOST_DEGREE.value);
    offsets.set(dxs);
    offsets.set(dys, this.exports.MOST_DEGREE.value);
    const wide = entry instanceof Uint16Array;
    const entries = wide ? new Uint16Array(buffer, entriesAt, entry.length) : new Uint8Array(buffer, entriesAt, entry.length);
    entries.set(entry);
    const state = new Int32Array(buffer, this.exports.streamAt(), 4);
    stream.saveTo(state);
    this.exports.revise(
      rule === 'moran',
      entriesAt,
      wide,
      cooperatesAt,
      width,
      height,
      dxs.length,
      steps,
      mutation,
      poolSize,
      valueAt,
      tabled ? tableAt : 0,
      span,
      1 / K,
    );
    entry.set(entries);
    stream.loadFrom(state);
  }

  private reserve(end: number): void {
    const memory = this.exports.memory;
    const missing = end - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / PAGE));
  }
}

let kernel: SequentialKernel | null | undefined;
const kernelSwitch = new PathSwitch();
let runs = 0;

function sequentialKernel(): SequentialKernel | null {
  if (kernel === undefined) {
    const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
    kernel = api === undefined ? null : new SequentialKernel(api);
  }
  return kernel;
}

/**
 * Takes a sequential rule's steps in the kernel, leaving the entries and the stream as the
 * JavaScript loop would (strategyOf is left to the caller, as the loops leave it); false, having
 * done nothing, where the kernel does not play (no stream state, no WebAssembly, switched off).
 */
export function stepsInKernel(rule: 'fermi' | 'moran', revision: Omit<KernelSteps, 'stream'> & { readonly stream?: StreamState | undefined }): boolean {
  const { stream } = revision;
  if (!kernelSwitch.on || stream === undefined) return false;
  const available = sequentialKernel();
  const steps = { ...revision, stream };
  if (available === null || !available.takes(steps)) return false;
  available.run(rule, steps);
  runs++;
  return true;
}

/** Runs `body` with the kernel switched off, so that the JavaScript loops play (the tests compare the two). */
export function withoutSequentialKernel<T>(body: () => T): T {
  return kernelSwitch.without(body);
}

/** How many revisions the kernel has taken in this process (for the tests). */
export function sequentialKernelRuns(): number {
  return runs;
}
