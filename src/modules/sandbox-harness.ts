/**
 * The harness the sandbox evaluates inside each strategy module's isolate, before the module
 * itself runs. It is kept as plain JavaScript text (not a compiled function) so nothing the
 * host's toolchain adds (coverage counters, helpers) can end up inside the isolate.
 *
 * It is a script whose completion value is an object of functions the host calls through
 * isolated-vm references; it never puts them on globalThis, so module code cannot reach or
 * replace them. It captures the intrinsics it needs before the module can tamper with them.
 *
 * Protocol (all arguments and results are primitives, so nothing is copied but numbers and
 * short strings):
 * - describe() → JSON text of the strategy's metadata, or of { error } when it is malformed.
 *   Non-finite numbers are encoded as { "$number": "Infinity" | "-Infinity" | "NaN" }.
 * - create(id, parametersJson) → '' once the player exists, 'a' once it exists and speaks (it has an
 *   announce() method), or 'e' + the reason it could not be created.
 * - sync(id, ownLength, ownDefections, ownMoves, opponentLength, opponentDefections, opponentMoves)
 *   → replaces a player's histories (totals over the whole past; the moves strings hold the
 *   most recent moves, 'C'/'D', oldest first).
 * - game(id, R, S, T, P, turns) and cluster(id, present, name, lowRisk, cost, trust, detection,
 *   fine, compensate, generation, reputed, partner, own, good, announcement, promisesBroken) → set
 *   what the view shows until changed again (turns -1 = unknown; reputed false: no standings,
 *   view.cluster.reputation undefined; announcement '' and promisesBroken -1: undefined).
 * - move(id, packed) → 'C' or 'D', or a tagged description of anything else: 'e' + message (it
 *   threw), 's' + string, 'p' (a Promise), 'o' (an object), 'u' (undefined), 'n' (null),
 *   'x' + text (a number, boolean or bigint), 'f' (a function), 'y' + text (a symbol).
 *   packed = round * 8 + (4 if the last round is new to the harness) + ownCode * 2 + opponentCode,
 *   codes 0 = C, 1 = D: two numbers per call, the cheapest crossing. When round === turns the
 *   player is released after the move (its match is over).
 * - announce(id, packed) → the player's announce() (pre-play communication), answered and
 *   contained exactly like move(); the player is never released after it (its move follows).
 * - release(id) → forgets a player.
 *
 * `__cooplabHostRandom` (an isolated-vm Callback: the current player's seeded stream) is read
 * from globalThis and deleted before the module runs. The module's bundle runs inside a try
 * whose catch hands the error to `__cooplabLoadFailed` (see wrapBundle in sandbox.ts), so no
 * error of the module's ever crosses into the host: every call answers with a clipped text.
 */
/** The longest metadata a module may declare (characters; parameters: how many). */
export const METADATA_LIMITS = Object.freeze({ id: 64, name: 100, description: 2000, provenance: 500, parameters: 32 });

export const HARNESS_SOURCE = String.raw`
(() => {
  'use strict';
  const g = globalThis;
  const hostRandom = g.__cooplabHostRandom;
  const hostDraw = g.__cooplabHostDraw;
  const hostCpu = g.__cooplabHostCpu;
  delete g.__cooplabHostRandom;
  delete g.__cooplabHostDraw;
  delete g.__cooplabHostCpu;
  // Shared with the sandbox's process, for a whole match's watchdog (see isolate.ts): the round, the
  // last CPU reading (ms) and its wall time, and the wall time the round's move began.
  const progress = new Float64Array(g.__cooplabProgress);
  delete g.__cooplabProgress;

  const O = Object;
  const freeze = O.freeze;
  const create = O.create;
  const defineProperty = O.defineProperty;
  const getOwnPropertyDescriptor = O.getOwnPropertyDescriptor;
  const apply = Reflect.apply;
  const construct = Reflect.construct;
  const jsonStringify = JSON.stringify;
  const jsonParse = JSON.parse;
  const StringOf = String;
  const mathFloor = Math.floor;
  const mathMax = Math.max;
  const mathMin = Math.min;
  const RealDate = Date;
  const wallNow = RealDate.now;
  const F64 = Float64Array;
  const I32 = Int32Array;
  const PromiseIntrinsic = Promise;
  const ErrorIntrinsic = Error;
  const U8 = Uint8Array;
  const u8Set = Uint8Array.prototype.set;
  const stringCharCodeAt = String.prototype.charCodeAt;
  const stringSlice = String.prototype.slice;
  const isFiniteNumber = Number.isFinite;
  const symbolDescription = getOwnPropertyDescriptor(Symbol.prototype, 'description').get;
  const MOVES = freeze(['C', 'D']);

  // V8 calls Error.prepareStackTrace outside every time budget when an error's stack is
  // formatted: a module must not be able to set it (nor to catch our errors on the way out).
  defineProperty(ErrorIntrinsic, 'prepareStackTrace', { value: undefined, writable: false, configurable: false, enumerable: false });

  /** An error thrown by the module's top-level code, caught by the try around the bundle (see wrapBundle). */
  let loadError = null;
  let loadFailed = false;
  defineProperty(g, '__cooplabLoadFailed', {
    value: function (error) { loadFailed = true; loadError = error; },
    writable: false, configurable: false, enumerable: false,
  });

  // Nothing host-like, nothing that could block or measure time, nothing outside the heap limit.
  for (const name of ['SharedArrayBuffer', 'Atomics', 'WebAssembly', 'setTimeout', 'setInterval', 'setImmediate',
    'clearTimeout', 'clearInterval', 'queueMicrotask', 'performance', 'process', 'require', 'module', 'exports']) {
    try { delete g[name]; } catch {}
  }

  /** The player choosing a move right now, or null outside move(). */
  let current = null;

  function clock() {
    if (current === null) return 0;
    // Deterministic: a millisecond per reading, one second per round.
    return current.round * 1000 + current.ticks++;
  }

  /** The current player's stream: the host's, one number a call, or within a whole match a batch at a time (see playMachine). */
  let nextRandom = hostRandom;

  function seededRandom() {
    if (current === null) {
      throw new ErrorIntrinsic("Math.random() can only be used while choosing a move (it draws from the player's seeded stream)");
    }
    return nextRandom();
  }

  defineProperty(Math, 'random', { value: function random() { return seededRandom(); }, writable: false, configurable: false, enumerable: false });

  // Date: the same API, reading the deterministic clock.
  function SandboxDate(...args) {
    if (new.target === undefined) return apply(RealDate.prototype.toString, construct(RealDate, [clock()]), []);
    return construct(RealDate, args.length === 0 ? [clock()] : args, new.target);
  }
  defineProperty(SandboxDate, 'prototype', { value: RealDate.prototype, writable: false });
  SandboxDate.now = function now() { return clock(); };
  SandboxDate.parse = RealDate.parse;
  SandboxDate.UTC = RealDate.UTC;
  defineProperty(RealDate.prototype, 'constructor', { value: SandboxDate, writable: true, configurable: true, enumerable: false });
  defineProperty(g, 'Date', { value: SandboxDate, writable: true, configurable: true, enumerable: false });
  // Intl formats "now" when given no date: make that the deterministic now too.
  try {
    const DTF = Intl.DateTimeFormat.prototype;
    const formatGetter = getOwnPropertyDescriptor(DTF, 'format').get;
    const formatToParts = DTF.formatToParts;
    defineProperty(DTF, 'format', {
      configurable: true,
      get() {
        const format = apply(formatGetter, this, []);
        return (date) => format(date === undefined ? clock() : date);
      },
    });
    DTF.formatToParts = function (date) { return apply(formatToParts, this, [date === undefined ? clock() : date]); };
  } catch {}

  /** One side's moves as the strategy sees them: totals over the whole past, the moves it was sent. */
  class SandboxHistory {
    #codes = new U8(64);
    #known = 0;
    #base = 0;
    #defections = 0;
    /** The last move as the strategy reads it, kept as it is pushed: reading it from the codes cost a whole move's time again. */
    #last = undefined;

    get length() { return this.#base + this.#known; }
    get defections() { return this.#defections; }
    get cooperations() { return this.#base + this.#known - this.#defections; }
    get last() { return this.#last; }
    at(index) {
      const length = this.#base + this.#known;
      const position = index < 0 ? length + index : index;
      if (position < this.#base || position >= length) return undefined;
      return MOVES[this.#codes[position - this.#base]];
    }
    defectionsInLast(count) {
      const span = mathFloor(count);
      if (!(span > 0)) return 0;
      let found = 0;
      for (let i = mathMax(0, this.#known - span); i < this.#known; i++) found += this.#codes[i];
      return found;
    }
    toArray() {
      const moves = new Array(this.#known);
      for (let i = 0; i < this.#known; i++) moves[i] = MOVES[this.#codes[i]];
      return moves;
    }
    static push(history, code) {
      if (history.#known === history.#codes.length) {
        const grown = new U8(history.#codes.length * 2);
        apply(u8Set, grown, [history.#codes]);
        history.#codes = grown;
      }
      history.#codes[history.#known++] = code;
      history.#defections += code;
      history.#last = code === 0 ? 'C' : 'D';
    }
    static reset(history, length, defections, moves) {
      const known = moves.length;
      history.#codes = new U8(mathMax(64, known * 2));
      for (let i = 0; i < known; i++) history.#codes[i] = apply(stringCharCodeAt, moves, [i]) === 68 ? 1 : 0;
      history.#known = known;
      history.#base = length - known;
      history.#defections = defections;
      history.#last = known === 0 ? undefined : MOVES[history.#codes[known - 1]];
    }
  }
  freeze(SandboxHistory.prototype);
  freeze(SandboxHistory);
  const pushMove = SandboxHistory.push;
  const resetHistory = SandboxHistory.reset;

  /** What the strategy sees: the MoveView API over one player's entry. */
  class SandboxView {
    #entry;
    constructor(entry) { this.#entry = entry; }
    get own() { return this.#entry.own; }
    get opponent() { return this.#entry.opponent; }
    get round() { return this.#entry.round; }
    get game() { return this.#entry.game; }
    get turns() { return this.#entry.turns; }
    get cluster() { return this.#entry.cluster; }
    random() {
      if (current !== this.#entry) throw new ErrorIntrinsic('view.random() can only be used while this player is choosing a move');
      return nextRandom();
    }
  }
  freeze(SandboxView.prototype);
  freeze(SandboxView);

  const CLASSIC = freeze({ R: 3, S: 0, T: 5, P: 1 });
  const LIMITS = freeze(${JSON.stringify(METADATA_LIMITS)});
  const players = create(null);
  let strategy = null;

  /**
   * At most 300 characters of a text. A text far longer is not cut but described: cutting a
   * string built by concatenation would flatten it first (hundreds of megabytes, natively,
   * outside every budget).
   */
  function clip(text) {
    if (typeof text !== 'string') return 'a ' + typeof text;
    if (text.length > 100000) return '(a text of ' + text.length + ' characters)';
    return text.length > 300 ? apply(stringSlice, text, [0, 300]) + '…' : text;
  }

  function errorText(error) {
    try {
      if (error instanceof ErrorIntrinsic) {
        const message = error.message;
        return typeof message === 'string' ? clip(message) : 'an error whose message is not a string';
      }
      if (typeof error === 'string') return clip(error);
      if (typeof error === 'number' || typeof error === 'boolean' || typeof error === 'bigint') return clip(StringOf(error));
      if (error === undefined || error === null) return StringOf(error);
      return 'a thrown ' + typeof error;
    } catch {
      return 'an exception that cannot be described';
    }
  }

  function describeValue(value) {
    if (typeof value === 'string') return 's' + clip(value);
    if (value === undefined) return 'u';
    if (value === null) return 'n';
    if (value instanceof PromiseIntrinsic) return 'p';
    if (typeof value === 'object') return 'o';
    if (typeof value === 'function') return 'f';
    if (typeof value === 'symbol') {
      const description = apply(symbolDescription, value, []);
      return 'y' + clip(description ?? '');
    }
    return 'x' + clip(StringOf(value));
  }

  /** A string field of the metadata, or { $tooLong: length } past \`limit\` (never copied whole). */
  function metadataText(value, limit) {
    if (typeof value === 'string' && value.length > limit) return { $tooLong: value.length };
    return value;
  }

  function plainNumber(value) {
    if (typeof value !== 'number' || isFiniteNumber(value)) return value;
    return { $number: StringOf(value) };
  }

  function describe() {
    current = null;
    try {
      if (loadFailed) return jsonStringify({ error: 'threw while loading: ' + errorText(loadError) });
      const exported = g.__cooplabModule;
      const value = exported === undefined || exported === null ? undefined : exported.default;
      if (value === undefined || value === null) return jsonStringify({ error: 'has no default export: expected ' + '\x60export default\x60 a strategy' });
      if (typeof value !== 'object' && typeof value !== 'function') return jsonStringify({ error: 'has a malformed default export: expected a strategy object, got ' + typeof value });
      const classifier = value.classifier;
      const parameters = value.parameters;
      let specs;
      if (parameters !== undefined && parameters !== null && typeof parameters === 'object') {
        specs = {};
        const keys = O.keys(parameters);
        if (keys.length > LIMITS.parameters) return jsonStringify({ error: 'has a malformed default export at \'parameters\': expected at most ' + LIMITS.parameters + ' parameters, got ' + keys.length });
        for (const key of keys) {
          if (key.length > LIMITS.id) return jsonStringify({ error: 'has a malformed default export at \'parameters\': expected parameter names of at most ' + LIMITS.id + ' characters, got one of ' + key.length });
          const spec = parameters[key];
          specs[key] = spec !== null && typeof spec === 'object'
            ? { default: plainNumber(spec.default), description: metadataText(spec.description, LIMITS.description), min: plainNumber(spec.min), max: plainNumber(spec.max) }
            : { notAnObject: typeof spec };
        }
      } else if (parameters !== undefined) {
        specs = { $invalid: parameters === null ? 'null' : typeof parameters };
      }
      const meta = {
        id: metadataText(value.id, LIMITS.id),
        name: metadataText(value.name, LIMITS.name),
        description: metadataText(value.description, LIMITS.description),
        provenance: metadataText(value.provenance, LIMITS.provenance),
        classifier: classifier !== null && typeof classifier === 'object'
          ? { memoryDepth: plainNumber(classifier.memoryDepth), stochastic: classifier.stochastic }
          : { $invalid: classifier === null ? 'null' : typeof classifier },
        parameters: specs,
        create: typeof value.create,
      };
      strategy = value;
      return jsonStringify(meta, (key, v) =>
        typeof v === 'bigint' || typeof v === 'symbol' || typeof v === 'function' ? { $invalid: typeof v } : typeof v === 'string' && v.length > LIMITS.description ? { $tooLong: v.length } : v);
    } catch (error) {
      return jsonStringify({ error: 'could not be read: ' + errorText(error) });
    }
  }

  /** Creates a player: '' once it exists, or 'e' + why not (nothing the module throws leaves the isolate). */
  function makePlayer(id, parametersJson) {
    current = null;
    let player;
    let speaks = false;
    try {
      const values = freeze(jsonParse(parametersJson));
      player = strategy.create(values);
      if (player === null || (typeof player !== 'object' && typeof player !== 'function') || typeof player.move !== 'function') {
        return 'ecreate() returned ' + (player === null || typeof player !== 'object' ? StringOf(player === null ? 'null' : typeof player === 'undefined' ? 'undefined' : 'a ' + typeof player) : 'an object without a move() method') + ' instead of a player with a move() method';
      }
      speaks = typeof player.announce === 'function';
    } catch (error) {
      return 'e' + errorText(error);
    }
    const entry = { player, own: new SandboxHistory(), opponent: new SandboxHistory(), view: null, round: 0, turns: undefined, game: CLASSIC, cluster: undefined, ticks: 0 };
    entry.view = new SandboxView(entry);
    players[id] = entry;
    return speaks ? 'a' : '';
  }

  function sync(id, ownLength, ownDefections, ownMoves, opponentLength, opponentDefections, opponentMoves) {
    const entry = players[id];
    resetHistory(entry.own, ownLength, ownDefections, ownMoves);
    resetHistory(entry.opponent, opponentLength, opponentDefections, opponentMoves);
  }

  function game(id, R, S, T, P, turns) {
    const entry = players[id];
    entry.game = freeze({ R, S, T, P });
    entry.turns = turns < 0 ? undefined : turns;
  }

  function cluster(id, present, name, lowRisk, cost, trust, detection, fine, compensate, generation, reputed, partner, own, good, announcement, promisesBroken) {
    const reputation = reputed ? freeze({ partner, own, good }) : undefined;
    players[id].cluster = present
      ? freeze({
          activity: freeze({ name, lowRisk, cost }),
          trust,
          sanctions: freeze({ detection, fine, compensate }),
          generation,
          reputation,
          announcement: announcement === 'C' || announcement === 'D' ? announcement : undefined,
          promisesBroken: promisesBroken >= 0 ? promisesBroken : undefined,
        })
      : undefined;
  }

  function move(id, packed) {
    return ask(id, packed, false);
  }

  function announce(id, packed) {
    return ask(id, packed, true);
  }

  /** A player's move, or with \`announcing\` its announcement: the same history step, clock and containment. */
  function ask(id, packed, announcing) {
    const entry = players[id];
    nextRandom = hostRandom;
    const round = mathFloor(packed / 8);
    if ((packed & 4) !== 0) {
      pushMove(entry.own, (packed >> 1) & 1);
      pushMove(entry.opponent, packed & 1);
    }
    entry.round = round;
    entry.ticks = 0;
    current = entry;
    let result;
    try {
      result = announcing ? entry.player.announce(entry.view) : entry.player.move(entry.view);
    } catch (error) {
      current = null;
      return 'e' + errorText(error);
    }
    current = null;
    if (!announcing && round === entry.turns) delete players[id];
    if (result === 'C' || result === 'D') return result;
    return describeValue(result);
  }

  function release(id) {
    delete players[id];
  }

  /** Finite-state built-ins this isolate has been sent, by key: what playMachine plays against. */
  const machines = create(null);

  function defineMachine(key, json) {
    const machine = jsonParse(json);
    machines[key] = freeze({ cooperate: new F64(machine.cooperate), next: new I32(machine.next), initial: machine.initial, contexts: machine.contexts });
  }

  /** A stream of the match drawn from the host a batch at a time (the values are the host's, in its order). */
  function batchedStream(purpose, batch) {
    let buffer = null;
    let next = 0;
    let size = batch;
    return function () {
      if (buffer === null || next === buffer.length) {
        buffer = hostDraw(purpose, size);
        next = 0;
        size = mathMin(size * 2, 65536);
      }
      return buffer[next++];
    };
  }

  /**
   * A whole match's budgets, checked at the end of a block of moves rather than at every move: a
   * reading of the clock costs about a tenth of a microsecond here, more than a simple move. The
   * block doubles (up to 1024 moves) while a block takes under a millisecond and falls back to one
   * move as soon as one takes longer, so a slow module is timed move by move, exactly as a call per
   * move would be. A move over its budget inside a longer block cannot be told from many quicker
   * ones: the watchdog in the sandbox's process (isolate.ts watch) stops it, from the round
   * written to progress before every move. Returns the check: '' or 'b' + round + ':move' | ':match'.
   *
   * progress (shared with that watchdog): [0] the round under way, [1] the last CPU reading (ms,
   * the sandbox process's) and [2] its wall time, [3] the wall time of the last check and [4] the
   * round that began after it (0 while the player is being created).
   */
  function matchBudget(cpuAtStart, moveMs, matchMs, checkpointMs) {
    let checkpointCpu = cpuAtStart;
    let checkpointWall = wallNow();
    const startWall = checkpointWall;
    let blockWall = checkpointWall;
    let blockMoves = 1;
    progress[1] = checkpointCpu;
    progress[2] = checkpointWall;
    progress[3] = checkpointWall;
    progress[4] = 1;
    const budget = {
      /** The next round (1-based) after which the clock is read, and the last round it was read after. */
      due: 1,
      checked: 0,
      check(round) {
        const now = wallNow();
        const wall = now - blockWall;
        const moves = round - budget.checked;
        let verdict = '';
        if (wall > moveMs || now - checkpointWall > checkpointMs) {
          // At most the wall time since the last reading was spent before the block began (one thread runs here).
          const before = checkpointCpu + (blockWall - checkpointWall);
          checkpointCpu = hostCpu();
          checkpointWall = wallNow();
          progress[1] = checkpointCpu;
          progress[2] = checkpointWall;
          if (moves === 1 && checkpointCpu - before > moveMs) verdict = 'b' + round + ':move';
        }
        if (verdict === '' && now - startWall > matchMs) {
          if (now - checkpointWall > checkpointMs) {
            checkpointCpu = hostCpu();
            checkpointWall = wallNow();
            progress[1] = checkpointCpu;
            progress[2] = checkpointWall;
          }
          if (checkpointCpu - cpuAtStart > matchMs) verdict = 'b' + round + ':match';
        }
        blockMoves = wall < 1 ? mathMin(blockMoves * 2, 1024) : 1;
        blockWall = wallNow();
        progress[3] = blockWall;
        progress[4] = round + 1;
        budget.checked = round;
        budget.due = round + blockMoves;
        return verdict;
      },
    };
    return budget;
  }

  /**
   * A whole match of a fresh player id (created here from parametersJson, at seat moduleSeat)
   * against a finite-state machine, in one call: the engine's general path (core/match.ts
   * playGeneral) move for move, with the noise flips drawn on the host beforehand (flipsJson: each
   * seat's flipped turns) and the seats' streams drawn from the host in batches. Budgets: see
   * matchBudget (hostCpu: the sandbox process's CPU time, ms); creating the player has the match
   * budget. Returns 'o' + JSON [turns, score0, score1, defections0, defections1, trace] (trace ''
   * unless record), or 'c' + why the player could not be created (as create() answers), or
   * 'f' + round + ':' + the move tagged as move() tags it, or 'b' + round + ':move' or ':match'
   * when a budget was exceeded ('b0:create' in create()).
   */
  function playMachine(id, parametersJson, moduleSeat, key, context, turns, knownTurns, R, S, T, P, flipsJson, cpuAtStart, moveMs, matchMs, checkpointMs, record) {
    progress[0] = 0;
    progress[4] = 0;
    const createdAt = wallNow();
    const created = makePlayer(id, parametersJson);
    const creation = wallNow() - createdAt;
    if (creation > matchMs && hostCpu() - cpuAtStart > matchMs) {
      delete players[id];
      return 'b0:create';
    }
    if (created !== '' && created !== 'a') return 'c' + apply(stringSlice, created, [1]);
    const entry = players[id];
    const machine = machines[key];
    const flips = jsonParse(flipsJson);
    const moduleFlips = flips[moduleSeat];
    const machineFlips = flips[1 - moduleSeat];
    let moduleFlip = 0;
    let machineFlip = 0;
    entry.game = freeze({ R, S, T, P });
    entry.turns = knownTurns < 0 ? undefined : knownTurns;
    entry.cluster = undefined;
    const payoff = [R, S, T, P];
    const batch = mathMin(4096, mathMax(64, turns + 8));
    const moduleStream = batchedStream(moduleSeat === 0 ? 'seat0' : 'seat1', batch);
    const machineStream = batchedStream(moduleSeat === 0 ? 'seat1' : 'seat0', batch);
    const cooperate = machine.cooperate;
    const nextState = machine.next;
    const contexts = machine.contexts;
    const moduleTrace = record ? new U8(turns) : null;
    const machineTrace = record ? new U8(turns) : null;
    let state = machine.initial;
    let moduleScore = 0;
    let machineScore = 0;
    let moduleDefections = 0;
    let machineDefections = 0;
    const budget = matchBudget(cpuAtStart, moveMs, matchMs, checkpointMs);
    const view = entry.view;
    const player = entry.player;
    nextRandom = moduleStream;
    try {
      for (let turn = 0; turn < turns; turn++) {
        const round = turn + 1;
        entry.round = round;
        entry.ticks = 0;
        progress[0] = round;
        current = entry;
        let result;
        let threw = false;
        try {
          result = player.move(view);
        } catch (error) {
          threw = true;
          result = errorText(error);
        }
        current = null;
        let own;
        if (result === 'C') own = 0;
        else if (result === 'D') own = 1;
        else {
          // A budget passed decides before what the move did, as when each move is a call.
          const verdict = budget.check(round);
          if (verdict !== '') return verdict;
          return 'f' + round + ':' + (threw ? 'e' + result : describeValue(result));
        }
        if (round === budget.due) {
          const verdict = budget.check(round);
          if (verdict !== '') return verdict;
        }
        const p = cooperate[state * contexts + context];
        let other = p >= 1 ? 0 : p <= 0 ? 1 : machineStream() < p ? 0 : 1;
        // Within the arrays' length only: past it an index is looked up on Array.prototype, where the
        // module could have put a getter that flips the built-in's moves (and so the scores).
        if (moduleFlip < moduleFlips.length && turn === moduleFlips[moduleFlip]) {
          own ^= 1;
          moduleFlip++;
        }
        if (machineFlip < machineFlips.length && turn === machineFlips[machineFlip]) {
          other ^= 1;
          machineFlip++;
        }
        moduleScore += payoff[own * 2 + other];
        machineScore += payoff[other * 2 + own];
        moduleDefections += own;
        machineDefections += other;
        pushMove(entry.own, own);
        pushMove(entry.opponent, other);
        state = nextState[state * 4 + other * 2 + own];
        if (record) {
          moduleTrace[turn] = own;
          machineTrace[turn] = other;
        }
      }
      if (budget.checked < turns) {
        const verdict = budget.check(turns);
        if (verdict !== '') return verdict;
      }
      // The module's microtasks run once this call returns: the last round's still, from the last check.
      progress[4] = turns;
    } finally {
      current = null;
      nextRandom = hostRandom;
      delete players[id];
    }
    const trace = record ? traceText(moduleSeat === 0 ? moduleTrace : machineTrace, turns) + '|' + traceText(moduleSeat === 0 ? machineTrace : moduleTrace, turns) : '';
    return 'o' + jsonStringify(moduleSeat === 0
      ? [turns, moduleScore, machineScore, moduleDefections, machineDefections, trace]
      : [turns, machineScore, moduleScore, machineDefections, moduleDefections, trace]);
  }

  /** The moves as letters, joined without an array: the module may have put setters on Array.prototype's indices. */
  function traceText(codes, turns) {
    let text = '';
    for (let i = 0; i < turns; i++) text += MOVES[codes[i]];
    return text;
  }

  return freeze({ describe, create: makePlayer, sync, game, cluster, move, announce, release, defineMachine, playMachine });
})()
`;
