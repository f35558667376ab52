import { MACHINE_KERNEL_BASE64 } from './machine-kernel-bytes.js';
import { CONTEXTS, type CompiledMachine } from './machine.js';
import { machineContext, OUTCOME_SIZE, type Contestant, type MatchSettings, type PlaysRemotely } from './match.js';
import { PathSwitch } from './path-switch.js';
import { KEY_SEPARATOR } from './random.js';

/**
 * The tournament's compiled-machine loop in WebAssembly (src/wasm/machine-kernel.ts): whole
 * slices of a match table played with the same streams, draws and arithmetic as the JavaScript
 * loop in match.ts, so the outcomes are identical. WebAssembly is compiled before it runs, so a
 * cold tournament does not spend its first hundreds of thousands of turns in the JIT's slow tiers
 * (docs/benchmarks.md). Where WebAssembly is missing, or a slice has anything but finite-state
 * machines, the JavaScript loop plays.
 */

/** The part of a match table the kernel reads and writes (MatchTable's fields). */
export interface MachineMatchTable {
  readonly repetition: Int32Array;
  readonly first: Int32Array;
  readonly second: Int32Array;
  readonly outcomes: Float64Array;
  readonly disqualified: ReadonlyMap<number, string>;
}

/** The tournament settings the kernel plays with. */
export interface MachineTournamentSettings extends MatchSettings {
  readonly seed: number;
}

interface KernelExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  readonly hostLogCalls: { readonly value: number };
  readonly CONTESTANT_SIZE: { readonly value: number };
  heapBase(): number;
  keyContestants(contestants: number, count: number, seedKey: number, seedKeyLength: number): void;
  configure(
    turns: number,
    endDrawn: boolean,
    end: number,
    log1pMinusEnd: number,
    noise: number,
    log1pMinusNoise: number,
    r: number,
    s: number,
    t: number,
    p: number,
    whole: boolean,
    largest: number,
  ): void;
  playSlice(contestants: number, count: number, first: number, second: number, repetition: number, out: number): number;
}

interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

// A contestant's record in the kernel's memory: the offsets of src/wasm/machine-kernel.ts.
const C_STEPS = 0;
const C_COOPERATE = 8;
const C_INITIAL = 12;
const C_STOCHASTIC = 16;
const C_CONTEXT = 20;
const C_KEY = 24;
const C_KEY_LENGTH = 28;
const C_RANK = 48;

/** Matches per call into the kernel: bounds its memory whatever the table's size. */
const CHUNK = 8192;
/** Machines laid out in the kernel's memory stay there for later slices until they take this much. */
const MACHINE_AREA_BUDGET = 64 << 20;
const PAGE = 65536;

/** Where a machine's tables are in the kernel's memory: its steps by context, and its probabilities of C when it has drawn states. */
interface Placement {
  readonly generation: number;
  readonly steps: Map<number, number>;
  readonly cooperate: number;
}

/** A machine's states are numbered in 28 bits in the kernel's steps (state << 4 | choice). */
const MAX_STATES = 1 << 27;

class MachineKernel {
  private readonly exports: KernelExports;
  private readonly contestantSize: number;
  private readonly machinesStart: number;
  private machinesEnd: number;
  private generation = 0;
  private readonly placements = new WeakMap<CompiledMachine, Placement>();

  constructor(api: WebAssemblyApi) {
    const bytes = Buffer.from(MACHINE_KERNEL_BASE64, 'base64');
    const instance = new api.Instance(new api.Module(bytes), { 'machine-kernel': { hostLog: Math.log } });
    this.exports = instance.exports as KernelExports;
    this.contestantSize = this.exports.CONTESTANT_SIZE.value;
    this.machinesStart = align(this.exports.heapBase(), 16);
    this.machinesEnd = this.machinesStart;
  }

  get hostLogCalls(): number {
    return this.exports.hostLogCalls.value;
  }

  play(table: MachineMatchTable, contestants: readonly Contestant[], settings: MachineTournamentSettings, from: number, to: number): number {
    const machines = contestants.map((contestant) => contestant.machine!);
    const contexts = machines.map((machine) => machineContext(machine, settings.game, settings.cluster));
    if (this.machinesEnd - this.machinesStart > MACHINE_AREA_BUDGET) {
      this.generation++;
      this.machinesEnd = this.machinesStart;
    }
    const placements = machines.map((machine) => this.place(machine));
    const steps = machines.map((machine, index) => this.stepsOf(machine, placements[index]!, contexts[index]!));
    const n = contestants.length;
    const seedKey = [settings.seed, ''].join(KEY_SEPARATOR);
    const ids = contestants.map((contestant) => contestant.strategy.id);
    const records = align(this.machinesEnd, 16);
    let keys = records + n * this.contestantSize;
    const chunk = align(keys + 2 * (seedKey.length + ids.reduce((sum, id) => sum + id.length, 0)), 16);
    this.reserve(chunk + CHUNK * (12 + OUTCOME_SIZE * 8));
    const buffer = this.exports.memory.buffer;
    const words = new Int32Array(buffer);
    const units = new Uint16Array(buffer);
    const ranks = rankByCodeUnits(ids);
    const seedKeyAt = keys;
    keys = writeUnits(units, keys, seedKey);
    for (let index = 0; index < n; index++) {
      const machine = machines[index]!;
      const placement = placements[index]!;
      const at = (records + index * this.contestantSize) >> 2;
      const context = contexts[index]!;
      words[at + (C_STEPS >> 2)] = steps[index]!;
      words[at + (C_COOPERATE >> 2)] = placement.cooperate;
      words[at + (C_INITIAL >> 2)] = (machine.initial << 4) | machine.choice[machine.initial * CONTEXTS + context]!;
      words[at + (C_STOCHASTIC >> 2)] = machine.stochastic ? 1 : 0;
      words[at + (C_CONTEXT >> 2)] = context;
      words[at + (C_KEY >> 2)] = keys;
      words[at + (C_KEY_LENGTH >> 2)] = ids[index]!.length;
      words[at + (C_RANK >> 2)] = ranks[index]!;
      keys = writeUnits(units, keys, ids[index]!);
    }
    const kernel = this.exports;
    kernel.keyContestants(records, n, seedKeyAt, seedKey.length);
    const { game, probEnd, noise } = settings;
    const whole = Number.isInteger(game.R) && Number.isInteger(game.S) && Number.isInteger(game.T) && Number.isInteger(game.P);
    const largest = Math.max(Math.abs(game.R), Math.abs(game.S), Math.abs(game.T), Math.abs(game.P));
    const endDrawn = probEnd !== undefined;
    kernel.configure(
      settings.turns,
      endDrawn,
      endDrawn ? probEnd : 0,
      endDrawn ? Math.log1p(-probEnd) : 0,
      noise,
      Math.log1p(-noise),
      game.R,
      game.S,
      game.T,
      game.P,
      whole,
      largest,
    );
    const firstAt = chunk;
    const secondAt = firstAt + CHUNK * 4;
    const repetitionAt = secondAt + CHUNK * 4;
    const outAt = repetitionAt + CHUNK * 4;
    for (let start = from; start < to; start += CHUNK) {
      const count = Math.min(CHUNK, to - start);
      words.set(table.first.subarray(start, start + count), firstAt >> 2);
      words.set(table.second.subarray(start, start + count), secondAt >> 2);
      words.set(table.repetition.subarray(start, start + count), repetitionAt >> 2);
      const played = kernel.playSlice(records, count, firstAt, secondAt, repetitionAt, outAt);
      table.outcomes.set(new Float64Array(buffer, outAt, played * OUTCOME_SIZE), start * OUTCOME_SIZE);
      if (played < count) return start + played;
    }
    return to;
  }

  /** Where `machine`'s tables are in the kernel's memory, copied there on first use. */
  private place(machine: CompiledMachine): Placement {
    const known = this.placements.get(machine);
    if (known !== undefined && known.generation === this.generation) return known;
    let cooperate = 0;
    if (machine.stochastic) {
      cooperate = align(this.machinesEnd, 8);
      this.machinesEnd = cooperate + machine.cooperate.length * 8;
      this.reserve(this.machinesEnd);
      new Float64Array(this.exports.memory.buffer, cooperate, machine.cooperate.length).set(machine.cooperate);
    }
    const placement = { generation: this.generation, steps: new Map<number, number>(), cooperate };
    this.placements.set(machine, placement);
    return placement;
  }

  /** Where `machine`'s steps in `context` are (state s, outcome o: the next state t as t << 4, with t's choice in the low bits), laid out on first use. */
  private stepsOf(machine: CompiledMachine, placement: Placement, context: number): number {
    const known = placement.steps.get(context);
    if (known !== undefined) return known;
    const at = align(this.machinesEnd, 16);
    this.machinesEnd = at + machine.next.length * 4;
    this.reserve(this.machinesEnd);
    const steps = new Int32Array(this.exports.memory.buffer, at, machine.next.length);
    const { next, choice } = machine;
    for (let k = 0; k < next.length; k++) steps[k] = (next[k]! << 4) | choice[next[k]! * CONTEXTS + context]!;
    placement.steps.set(context, at);
    return at;
  }

  private reserve(end: number): void {
    const memory = this.exports.memory;
    const missing = end - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / PAGE));
  }
}

function align(offset: number, to: number): number {
  return Math.ceil(offset / to) * to;
}

function writeUnits(units: Uint16Array, at: number, text: string): number {
  for (let k = 0; k < text.length; k++) units[(at >> 1) + k] = text.charCodeAt(k);
  return at + text.length * 2;
}

/** Each id's place in the order of `<` on strings (equal ids share one), so that rank i > rank j exactly when id i > id j. */
function rankByCodeUnits(ids: readonly string[]): Int32Array {
  const order = ids.map((_, index) => index).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  const ranks = new Int32Array(ids.length);
  for (let position = 1; position < order.length; position++) {
    const previous = order[position - 1]!;
    const index = order[position]!;
    ranks[index] = ranks[previous]! + (ids[index] === ids[previous] ? 0 : 1);
  }
  return ranks;
}

let kernel: MachineKernel | null | undefined;
const kernelSwitch = new PathSwitch();

/** The kernel, instantiated on first use; null where this JavaScript engine has no WebAssembly. */
function machineKernel(): MachineKernel | null {
  if (kernel === undefined) {
    const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
    kernel = api === undefined ? null : new MachineKernel(api);
  }
  return kernel;
}

/**
 * Plays matches [from, to) of the table in the WebAssembly loop when every contestant is a
 * finite-state machine played here, and returns where the JavaScript loop must carry on: `to`
 * when the kernel played them all, `from` when it played none (not all machines, a
 * disqualification already recorded, no WebAssembly), or the first match whose drawn length it
 * leaves to the JavaScript loop.
 */
export function playMachineMatches(
  table: MachineMatchTable,
  contestants: readonly Contestant[],
  settings: MachineTournamentSettings,
  from: number,
  to: number,
): number {
  if (!kernelSwitch.on || from >= to || table.disqualified.size > 0) return from;
  const playable = (contestant: Contestant) =>
    contestant.machine !== undefined && contestant.machine.states < MAX_STATES && (contestant.strategy as PlaysRemotely).remoteMatches === undefined;
  if (!contestants.every(playable)) return from;
  const available = machineKernel();
  return available === null ? from : available.play(table, contestants, settings, from, to);
}

/** Runs `body` with the WebAssembly loop switched off, so that the JavaScript loop plays (the tests compare the two). */
export function withoutMachineKernel<T>(body: () => T): T {
  return kernelSwitch.without(body);
}

/** How often the kernel asked V8's Math.log because its own was too close to call (for the tests). */
export function machineKernelHostLogCalls(): number {
  return machineKernel()?.hostLogCalls ?? 0;
}
