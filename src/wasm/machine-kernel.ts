// The tournament's compiled-machine loop in WebAssembly (AssemblyScript; `npm run build:wasm`
// compiles it into src/core/machine-kernel-bytes.ts). WebAssembly code is compiled before it
// runs, so a cold tournament plays at full speed from its first match instead of waiting for
// the JavaScript JIT; the JavaScript loop in src/core/match.ts stays the reference.
//
// It plays whole slices of a tournament's match table: for each match it keys the match's
// streams exactly as src/core/tournament.ts and src/core/random.ts do (seedrandom's Tyche-i,
// seeded from "seed␟low␟high␟repetition␟purpose"), draws the match length, the stochastic
// choices and the noise flips from them in the same order, and plays the machines with the
// same arithmetic, so every outcome is the one the JavaScript loop gives, bit for bit.
//
// Memory is laid out by the host (src/core/machine-wasm.ts); the offsets below are shared with it.

/** V8's Math.log, imported as machine-kernel.hostLog: the geometric draw asks it when this module's logarithm could round the other way. */
declare function hostLog(x: f64): f64;

const SEPARATOR: u32 = 0x1f;

// A contestant's record (CONTESTANT_SIZE bytes).
// Steps, i32[states * 4]: for state s and outcome o (own move first), (t << 4) | choice, where t is
// the next state and choice its move in the contestant's context (0 = C, 1 = D, 2 = drawn). A turn
// is then one load per seat: the step's low bits are the move, the rest point at the next row.
const C_STEPS = 0;
const C_COOPERATE = 8; // f64[states * 8], for a stochastic machine
const C_INITIAL = 12; // (initial << 4) | its choice
const C_STOCHASTIC = 16;
const C_CONTEXT = 20;
const C_KEY = 24; // u16 code units of the strategy's id
const C_KEY_LENGTH = 28;
const C_PREFIX = 32; // Tyche-i state after "seed␟id␟" (16 bytes)
const C_RANK = 48; // the id's place in code-unit order: the lower of a pair takes seat 0
export const CONTESTANT_SIZE = 56;

// A match's outcome: turns, both scores, both defection counts (f64 each), as OUTCOME_* in match.ts.
const OUTCOME_SIZE = 40;

// Tyche-i states: the match's key so far and one per stream.
const streams = memory.data(112);
const MATCH = streams;
const LENGTH_STREAM = streams + 16;
const SEAT0_STREAM = streams + 32;
const SEAT1_STREAM = streams + 48;
const NOISE_STREAM = streams + 64;
const DIGITS = streams + 80; // a repetition's decimal digits and a separator, as UTF-16

/** How often this module's logarithm was too close to call and V8's was asked (for the tests). */
export let hostLogCalls: i32 = 0;

/** Where the host may lay out its data. */
export function heapBase(): usize {
  return __heap_base;
}

// ── Tyche-i, as StreamState in src/core/random.ts ─────────────────────────────────────────────

function reset(state: usize): void {
  store<i32>(state, 0);
  store<i32>(state, 0, 4);
  store<i32>(state, <i32>2654435769, 8);
  store<i32>(state, 1367130551, 12);
}

function copy(to: usize, from: usize): void {
  store<u64>(to, load<u64>(from));
  store<u64>(to, load<u64>(from, 8), 8);
}

function next(state: usize): i32 {
  let a = load<i32>(state);
  let b = load<i32>(state, 4);
  let c = load<i32>(state, 8);
  let d = load<i32>(state, 12);
  b = rotl<i32>(b, 25) ^ c;
  c = c - d;
  d = rotl<i32>(d, 24) ^ a;
  a = a - b;
  b = rotl<i32>(b, 20) ^ c;
  c = c - d;
  d = (d << 16) ^ <i32>(<u32>c >> 16) ^ a;
  a = a - b;
  store<i32>(state, a);
  store<i32>(state, b, 4);
  store<i32>(state, c, 8);
  store<i32>(state, d, 12);
  return a;
}

/**
 * Takes in `count` characters, each XORed into b before a round (as StreamState.absorb), then
 * runs `rounds` more (20 seal a key). The characters are UTF-16 code units at `units`, or, when
 * `units` is 0, the bytes of `bytes`, lowest first. The state stays in locals throughout: keying
 * is a fifth of a match's work at 200 turns.
 */
function advance(state: usize, units: usize, bytes: u64, count: i32, rounds: i32): void {
  let a = load<i32>(state);
  let b = load<i32>(state, 4);
  let c = load<i32>(state, 8);
  let d = load<i32>(state, 12);
  const total = count + rounds;
  for (let k = 0; k < total; k++) {
    if (k < count) b ^= units !== 0 ? <i32>load<u16>(units + ((<usize>k) << 1)) : <i32>((bytes >> ((<u64>k) << 3)) & 0xff);
    b = rotl<i32>(b, 25) ^ c;
    c = c - d;
    d = rotl<i32>(d, 24) ^ a;
    a = a - b;
    b = rotl<i32>(b, 20) ^ c;
    c = c - d;
    d = (d << 16) ^ <i32>(<u32>c >> 16) ^ a;
    a = a - b;
  }
  store<i32>(state, a);
  store<i32>(state, b, 4);
  store<i32>(state, c, 8);
  store<i32>(state, d, 12);
}

function absorbUnit(state: usize, unit: u32): void {
  advance(state, 0, <u64>unit, 1, 0);
}

function absorbUnits(state: usize, units: usize, length: i32): void {
  advance(state, units, 0, length, 0);
}

function uniform(state: usize): f64 {
  return <f64>(<u32>next(state)) / 4294967296.0;
}

/** The stream `purpose` of the match keyed so far: "length", "seat0", "seat1" or "noise" taken in, then sealed. */
function openStream(stream: usize, purpose: u64, length: i32): void {
  copy(stream, MATCH);
  advance(stream, 0, purpose, length, 20);
}

// "length", "seat0", "seat1", "noise" as bytes, first character lowest.
const LENGTH_KEY: u64 = 0x6874676e656c;
const SEAT0_KEY: u64 = 0x3074616573;
const SEAT1_KEY: u64 = 0x3174616573;
const NOISE_KEY: u64 = 0x6573696f6e;

// ── geometricTrialsWith, with V8's logarithm ──────────────────────────────────────────────────

/**
 * Bernoulli(p) trials up to and including the first success, as geometricTrialsWith: floor(log(u)
 * / log1p(−p)) + 1 with u = 1 − uniform. V8's Math.log and this module's are each within an ulp
 * of the true logarithm, so V8's lies within `slack` of this one; when the whole interval floors
 * to one integer (all but about one draw in 10^10) that is V8's answer too, and otherwise V8's
 * Math.log is asked.
 */
function geometric(p: f64, log1pMinusP: f64, stream: usize): f64 {
  if (p >= 1) return 1;
  if (p <= 0) return Infinity;
  const u = 1 - uniform(stream);
  const logU = Math.log(u);
  const slack = -logU * 9.094947017729282e-13; // 2^-40 of it
  const least = Math.floor((logU + slack) / log1pMinusP);
  if (least === Math.floor((logU - slack) / log1pMinusP)) return least + 1;
  hostLogCalls++;
  return Math.floor(hostLog(u) / log1pMinusP) + 1;
}

/** The turn after `turn` plus a gap, as the loop compares it: a flip beyond any match's end never comes. */
function flipAt(at: f64): i32 {
  return at < 2147483647 ? <i32>at : 2147483647;
}

// ── The match ─────────────────────────────────────────────────────────────────────────────────

// The settings of the slice being played (the same for all its matches).
let fixedTurns: f64 = 0;
let probabilisticEnd = false;
let probEnd: f64 = 0;
let log1pMinusProbEnd: f64 = 0;
let noise: f64 = 0;
let log1pMinusNoise: f64 = 0;
let payoffR: f64 = 0;
let payoffS: f64 = 0;
let payoffT: f64 = 0;
let payoffP: f64 = 0;
let wholePayoffs = false;
let largestPayoff: f64 = 0;

/** The longest match this loop plays; a longer one (a probabilistic end close to 0) is left to the host. */
const MAX_TURNS: f64 = 2147483646;

/**
 * Plays one match, `low` in seat 0, and writes its outcome (seat 0 first) at `out`. The match's
 * key so far is in MATCH. Returns false, writing nothing, for a length this loop cannot play.
 */
function playMatch(low: usize, high: usize, out: usize): bool {
  let turnsDrawn = fixedTurns;
  if (probabilisticEnd) {
    openStream(LENGTH_STREAM, LENGTH_KEY, 6);
    turnsDrawn = geometric(probEnd, log1pMinusProbEnd, LENGTH_STREAM);
  }
  if (!(turnsDrawn >= 0 && turnsDrawn <= MAX_TURNS && Math.floor(turnsDrawn) === turnsDrawn)) return false;
  const turns = <i32>turnsDrawn;
  const stochasticA = load<i32>(low, C_STOCHASTIC) !== 0;
  const stochasticB = load<i32>(high, C_STOCHASTIC) !== 0;
  if (stochasticA) openStream(SEAT0_STREAM, SEAT0_KEY, 5);
  if (stochasticB) openStream(SEAT1_STREAM, SEAT1_KEY, 5);
  const noisy = noise > 0;
  let flipA = -1;
  let flipB = -1;
  if (noisy) {
    openStream(NOISE_STREAM, NOISE_KEY, 5);
    flipA = flipAt(geometric(noise, log1pMinusNoise, NOISE_STREAM) - 1);
    flipB = flipAt(geometric(noise, log1pMinusNoise, NOISE_STREAM) - 1);
  }
  const stepsA = load<usize>(low, C_STEPS);
  const stepsB = load<usize>(high, C_STEPS);
  const initialA = load<i32>(low, C_INITIAL);
  const initialB = load<i32>(high, C_INITIAL);
  const counted = wholePayoffs && largestPayoff * <f64>turns <= 9007199254740991;
  if (counted && !stochasticA && !stochasticB) {
    countDeterministic(stepsA, stepsB, initialA, initialB, turns, flipA, flipB);
  } else {
    const cooperateA = load<usize>(low, C_COOPERATE) + ((<usize>load<i32>(low, C_CONTEXT)) << 3);
    const cooperateB = load<usize>(high, C_COOPERATE) + ((<usize>load<i32>(high, C_CONTEXT)) << 3);
    playGeneral(stepsA, stepsB, cooperateA, cooperateB, initialA, initialB, turns, flipA, flipB);
  }
  // The totals: worked out from the counts (exact, as in runMachines) or summed in play order (as in runMachinesSumming).
  const defectionsA = <f64>defectionsOfA;
  const defectionsB = <f64>defectionsOfB;
  if (counted) {
    const onlyA = <f64>(defectionsOfA - mutualDefections);
    const onlyB = <f64>(defectionsOfB - mutualDefections);
    const mutualCooperations = <f64>(turns - defectionsOfA) - onlyB;
    const both = <f64>mutualDefections;
    store<f64>(out, 0 + mutualCooperations * payoffR + onlyB * payoffS + onlyA * payoffT + both * payoffP, 8);
    store<f64>(out, 0 + mutualCooperations * payoffR + onlyA * payoffS + onlyB * payoffT + both * payoffP, 16);
  } else {
    store<f64>(out, sumA, 8);
    store<f64>(out, sumB, 16);
  }
  store<f64>(out, <f64>turns);
  store<f64>(out, defectionsA, 24);
  store<f64>(out, defectionsB, 32);
  return true;
}

// What a match's loop leaves: the defection counts, the mutual defections, and the payoffs summed in play order (playGeneral only).
let defectionsOfA = 0;
let defectionsOfB = 0;
let mutualDefections = 0;
let sumA: f64 = 0;
let sumB: f64 = 0;

/**
 * The common case, kept small for the compilers: two deterministic machines, whole-number
 * payoffs. One test a turn for the next flip of either seat; the flips themselves in the
 * JavaScript loop's order (seat 0's first within a turn).
 */
function countDeterministic(stepsA: usize, stepsB: usize, stepA: i32, stepB: i32, turns: i32, flipA: i32, flipB: i32): void {
  let defectionsA = 0;
  let defectionsB = 0;
  let both = 0;
  let nextFlip = min(flipA, flipB);
  if (nextFlip < 0) nextFlip = 2147483647;
  for (let turn = 0; turn < turns; turn++) {
    let moveA = stepA & 3;
    let moveB = stepB & 3;
    if (turn === nextFlip) {
      if (turn === flipA) {
        moveA ^= 1;
        flipA = flipAt(<f64>turn + geometric(noise, log1pMinusNoise, NOISE_STREAM));
      }
      if (turn === flipB) {
        moveB ^= 1;
        flipB = flipAt(<f64>turn + geometric(noise, log1pMinusNoise, NOISE_STREAM));
      }
      nextFlip = min(flipA, flipB);
    }
    defectionsA += moveA;
    defectionsB += moveB;
    both += moveA & moveB;
    stepA = load<i32>(stepsA + <usize>((stepA & ~15) | (moveA << 3) | (moveB << 2)));
    stepB = load<i32>(stepsB + <usize>((stepB & ~15) | (moveB << 3) | (moveA << 2)));
  }
  defectionsOfA = defectionsA;
  defectionsOfB = defectionsB;
  mutualDefections = both;
}

/** Any two machines: drawn choices from the seats' streams, and each turn's payoffs summed as well as counted. */
function playGeneral(stepsA: usize, stepsB: usize, cooperateA: usize, cooperateB: usize, stepA: i32, stepB: i32, turns: i32, flipA: i32, flipB: i32): void {
  let defectionsA = 0;
  let defectionsB = 0;
  let both = 0;
  let scoreA: f64 = 0;
  let scoreB: f64 = 0;
  for (let turn = 0; turn < turns; turn++) {
    let moveA = stepA & 3;
    let moveB = stepB & 3;
    if (moveA === 2) moveA = uniform(SEAT0_STREAM) < load<f64>(cooperateA + ((<usize>(stepA >>> 4)) << 6)) ? 0 : 1;
    if (moveB === 2) moveB = uniform(SEAT1_STREAM) < load<f64>(cooperateB + ((<usize>(stepB >>> 4)) << 6)) ? 0 : 1;
    if (turn === flipA) {
      moveA ^= 1;
      flipA = flipAt(<f64>turn + geometric(noise, log1pMinusNoise, NOISE_STREAM));
    }
    if (turn === flipB) {
      moveB ^= 1;
      flipB = flipAt(<f64>turn + geometric(noise, log1pMinusNoise, NOISE_STREAM));
    }
    scoreA += payoffOf((moveA << 1) + moveB);
    scoreB += payoffOf((moveB << 1) + moveA);
    defectionsA += moveA;
    defectionsB += moveB;
    both += moveA & moveB;
    stepA = load<i32>(stepsA + <usize>((stepA & ~15) | (moveA << 3) | (moveB << 2)));
    stepB = load<i32>(stepsB + <usize>((stepB & ~15) | (moveB << 3) | (moveA << 2)));
  }
  defectionsOfA = defectionsA;
  defectionsOfB = defectionsB;
  mutualDefections = both;
  sumA = scoreA;
  sumB = scoreB;
}

function payoffOf(outcome: i32): f64 {
  return outcome === 0 ? payoffR : outcome === 1 ? payoffS : outcome === 2 ? payoffT : payoffP;
}

// ── The host's calls ──────────────────────────────────────────────────────────────────────────

/** Keys each contestant's prefix: "seed␟" (`seedKey`, UTF-16) then its id and a separator. */
export function keyContestants(contestants: usize, count: i32, seedKey: usize, seedKeyLength: i32): void {
  for (let index = 0; index < count; index++) {
    const record = contestants + <usize>index * CONTESTANT_SIZE;
    const prefix = record + C_PREFIX;
    reset(prefix);
    absorbUnits(prefix, seedKey, seedKeyLength);
    absorbUnits(prefix, load<usize>(record, C_KEY), load<i32>(record, C_KEY_LENGTH));
    absorbUnit(prefix, SEPARATOR);
  }
}

/** The settings every match of the next slices is played with: a length of `turns`, or drawn with probability `end` of ending after each turn when `endDrawn`. */
export function configure(
  turns: f64,
  endDrawn: bool,
  end: f64,
  log1pMinusEnd: f64,
  noiseLevel: f64,
  log1pMinusNoiseLevel: f64,
  r: f64,
  s: f64,
  t: f64,
  p: f64,
  whole: bool,
  largest: f64,
): void {
  fixedTurns = turns;
  probabilisticEnd = endDrawn;
  probEnd = end;
  log1pMinusProbEnd = log1pMinusEnd;
  noise = noiseLevel;
  log1pMinusNoise = log1pMinusNoiseLevel;
  payoffR = r;
  payoffS = s;
  payoffT = t;
  payoffP = p;
  wholePayoffs = whole;
  largestPayoff = largest;
}

/**
 * Plays `count` matches: the i-th between contestants first[i] and second[i] (i32 indices) in
 * repetition repetition[i], the one whose id sorts first in seat 0 (as playMatches), and writes each outcome, first's side first, at out + i * 40. Returns how
 * many it played: fewer than `count` when a match's length is one it leaves to the host.
 */
export function playSlice(contestants: usize, count: i32, first: usize, second: usize, repetition: usize, out: usize): i32 {
  for (let index = 0; index < count; index++) {
    const i = load<i32>(first + ((<usize>index) << 2));
    const j = load<i32>(second + ((<usize>index) << 2));
    const recordI = contestants + <usize>i * CONTESTANT_SIZE;
    const recordJ = contestants + <usize>j * CONTESTANT_SIZE;
    const swap = load<i32>(recordI, C_RANK) > load<i32>(recordJ, C_RANK);
    const low = swap ? recordJ : recordI;
    const high = swap ? recordI : recordJ;
    // The match's key: "seed␟low␟" (kept per contestant), then "high␟repetition␟".
    copy(MATCH, low + C_PREFIX);
    absorbUnits(MATCH, load<usize>(high, C_KEY), load<i32>(high, C_KEY_LENGTH));
    absorbUnit(MATCH, SEPARATOR);
    absorbDecimal(MATCH, load<i32>(repetition + ((<usize>index) << 2)));
    const at = out + <usize>index * OUTCOME_SIZE;
    if (!playMatch(low, high, at)) return index;
    if (swap) {
      const score = load<f64>(at, 8);
      store<f64>(at, load<f64>(at, 16), 8);
      store<f64>(at, score, 16);
      const defections = load<f64>(at, 24);
      store<f64>(at, load<f64>(at, 32), 24);
      store<f64>(at, defections, 32);
    }
  }
  return count;
}

/** Takes in `value` (≥ 0) as its decimal digits, as `${value}` spells it, and a separator. */
function absorbDecimal(state: usize, value: i32): void {
  let digits = 1;
  for (let rest = value / 10; rest > 0; rest /= 10) digits++;
  store<u16>(DIGITS + ((<usize>digits) << 1), <u16>SEPARATOR);
  for (let k = digits - 1; k >= 0; k--) {
    store<u16>(DIGITS + ((<usize>k) << 1), <u16>(48 + (value % 10)));
    value /= 10;
  }
  advance(state, DIGITS, 0, digits + 1, 0);
}
