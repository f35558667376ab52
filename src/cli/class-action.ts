import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { InputError } from '../core/errors.js';
import { printable } from '../core/printable.js';
import { ClassClient, sessionUrl } from '../classroom/client.js';
import { ClassHost } from '../classroom/host.js';
import { isRoomCode } from '../classroom/protocol.js';
import { classDocument, classJson, movesCsv } from '../formats/class-results.js';
import { NAME_EXPECTED, NAME_PATTERN, type ClassCommand, type ClassSettings, type ClassSnapshot } from '../classroom/session.js';
import type { SentView } from '../classroom/protocol.js';
import { withOverrides } from '../cluster/scenario.js';
import { buildReport } from '../report/report.js';
import { builtinStrategies, requireStrategies } from '../../strategies/registry.js';
import { interactive } from '../ui/shared/terminal.js';
import { cooplabVersion } from '../version.js';
import type { ClassHostOptions, ClassJoinOptions } from './class-command.js';
import { emit } from '../formats/output.js';
import { loadScenario } from '../formats/scenario-file.js';

const percent = (share: number) => `${Math.round(share * 100)}%`;

function checkedCode(code: string): string {
  const upper = code.trim().toUpperCase();
  if (!isRoomCode(upper)) throw new InputError(`room code '${code}': expected the 5 letters or digits the teacher shows, such as K7QXM`);
  return upper;
}

export function classSettings(options: ClassHostOptions): ClassSettings {
  const scenario = withOverrides(loadScenario(options.scenario), options.set);
  const fill =
    options.fill === undefined
      ? []
      : requireStrategies(
          options.fill
            .split(',')
            .map((id) => id.trim())
            .filter((id) => id !== ''),
          builtinStrategies,
          '--fill',
        );
  return {
    mode: options.mode,
    rounds: options.rounds,
    timeLimit: options.timeLimit,
    defaultMove: options.default,
    scenario,
    seed: options.seed,
    fill,
    seats: options.seats,
    sanctions: { fine: options.fine, detection: options.detection },
  };
}

/** The report's charts are drawn asynchronously (Vega): the session's end waits for it before the process exits. */
let reportWriting: Promise<void> = Promise.resolve();

/** Writes class.json, moves.csv and (asynchronously: await `classReportWritten`) report.html; returns the lines to print. */
export function writeClassResults(host: ClassHost, out: string): string[] {
  try {
    mkdirSync(out, { recursive: true });
  } catch (error) {
    throw new InputError(
      `cannot create the results folder '${out}' (${error instanceof Error && 'code' in error ? String(error.code) : 'failed'}): expected a writable folder`,
    );
  }
  const document = classDocument(host.session, cooplabVersion());
  const files = { json: join(out, 'class.json'), csv: join(out, 'moves.csv'), report: join(out, 'report.html') };
  emit(classJson(document), files.json);
  emit(movesCsv(document.moves), files.csv);
  reportWriting = buildReport({ kind: 'class', source: files.json, run: document }, cooplabVersion()).then((html) => emit(html, files.report));
  // Handled where the session ends (awaited there): not an unhandled rejection in the meantime.
  reportWriting.catch(() => undefined);
  return [
    `cooplab class: ${document.roundsPlayed} rounds, ${document.moves.length} moves recorded`,
    `cooplab class: wrote ${files.json}, ${files.csv} and ${files.report}`,
  ];
}

export async function runClassHost(options: ClassHostOptions): Promise<void> {
  const code = options.code === undefined ? undefined : checkedCode(options.code);
  const settings = classSettings(options);
  const view = !options.headless && interactive();
  const tls = readTls(options);
  let host: ClassHost;
  try {
    host = await ClassHost.start({
      settings,
      port: options.port,
      host: options.host,
      code,
      pause: options.pause,
      startWhen: options.startWhen,
      tls,
      publicUrl: options.publicUrl,
    });
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : error instanceof Error ? error.message : String(error);
    if (tls !== undefined && !/^E[A-Z]+$/.test(reason))
      throw new InputError(
        `cannot use --tls-cert '${options.tlsCert}' with --tls-key '${options.tlsKey}' (${printable(reason)}): expected a PEM certificate and its private key`,
      );
    throw new InputError(`cannot listen on ${options.host}:${options.port} (${reason}): expected a free port (--port 0 picks one)`);
  }
  const out = options.out ?? `class-${host.code}`;
  let written: string[] | undefined;
  // Once only, whichever way the session ends: the last round, q, Ctrl-C, SIGTERM or SIGHUP.
  const finish = (): string[] => {
    if (written !== undefined) return written;
    host.end();
    written = writeClassResults(host, out);
    return written;
  };
  if (view) {
    const { launchTeacher } = await import('../ui/class/launch.js');
    await launchTeacher(host, { onQuit: finish });
    await host.close();
    await reportWriting;
    return;
  }
  await runHeadlessHost(host, finish);
  await reportWriting;
}

/** The certificate and key for wss://, both or neither. */
function readTls(options: ClassHostOptions): { cert: Buffer; key: Buffer } | undefined {
  if (options.tlsCert === undefined && options.tlsKey === undefined) return undefined;
  if (options.tlsCert === undefined || options.tlsKey === undefined)
    throw new InputError('--tls-cert and --tls-key: expected both, a certificate and its private key');
  const read = (flag: string, file: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new InputError(
        `${flag} '${file}' (${error instanceof Error && 'code' in error ? String(error.code) : 'unreadable'}): expected a readable PEM file`,
      );
    }
  };
  return { cert: read('--tls-cert', options.tlsCert), key: read('--tls-key', options.tlsKey) };
}

const HOST_COMMANDS: Readonly<Record<string, ClassCommand | 'start' | 'next' | 'hold' | 'end'>> = {
  start: 'start',
  next: 'next',
  hold: 'hold',
  end: 'end',
  sanctions: { type: 'sanctions' },
  'fine +': { type: 'fine', delta: 1 },
  'fine -': { type: 'fine', delta: -1 },
  'detection +': { type: 'detection', delta: 1 },
  'detection -': { type: 'detection', delta: -1 },
  crisis: { type: 'crisis' },
};

/** The host without a screen: log lines on stdout, the teacher's commands as lines on stdin. */
async function runHeadlessHost(host: ClassHost, finish: () => string[]): Promise<void> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  let reported = false;
  const report = () => {
    if (reported) return;
    reported = true;
    for (const line of finish()) say(line);
  };
  const onSignal = (code: number) => () => {
    report();
    void Promise.allSettled([host.close(), reportWriting]).finally(() => process.exit(code));
  };
  // Before the first line is printed: whoever reads it may signal at once. SIGHUP is a dropped SSH session.
  process.once('SIGINT', onSignal(130));
  process.once('SIGTERM', onSignal(143));
  process.once('SIGHUP', onSignal(129));
  const { settings } = host.session;
  say(`cooplab class: room code ${host.code} · ${settings.mode} · ${settings.rounds} rounds of ${settings.timeLimit} s`);
  for (const address of host.addresses()) say(`cooplab class: students join with: cooplab class join ${address} --code ${host.code} --name <name>`);
  for (const url of host.pageUrls()) say(`cooplab class: or open in a browser: ${url}#${host.code} (the web page for students, nothing to install)`);
  say(`cooplab class: commands: start, next, hold, sanctions, fine +, fine -, detection +, detection -, programme N, crisis, end`);
  let phase: ClassSnapshot['phase'] = 'lobby';
  let round = 0;
  const done = new Promise<void>((resolve) => {
    const stop = host.subscribe({
      log: (line) => say(`log: ${line}`),
      change: (snapshot) => {
        if (snapshot.phase === 'open' && (phase !== 'open' || snapshot.round !== round)) {
          say(`round ${snapshot.round} open: ${snapshot.pairs.length} pairs, ${settings.timeLimit} s to answer`);
        }
        const closedNow =
          snapshot.series.length > 0 && snapshot.series[snapshot.series.length - 1]!.round === snapshot.round && phase === 'open' && snapshot.phase !== 'open';
        if (closedNow) {
          const summary = snapshot.series[snapshot.series.length - 1]!;
          say(
            `round ${summary.round} closed: co-operation ${percent(summary.cooperation)}, mean trust ${summary.meanTrust.toFixed(2)}, fines ${summary.fines}, no answer ${summary.defaulted}`,
          );
        }
        phase = snapshot.phase;
        round = snapshot.round;
      },
      end: () => {
        stop();
        resolve();
      },
    });
  });
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const text = line.trim().toLowerCase().replace(/\s+/g, ' ');
    if (text === '') return;
    const programme = /^programme (\d)$/.exec(text);
    const command = programme !== null ? ({ type: 'toggle-activity', index: Number(programme[1]) - 1 } as const) : HOST_COMMANDS[text];
    if (command === undefined) return say(`cooplab class: unknown command '${text}': expected one of ${Object.keys(HOST_COMMANDS).join(', ')}, programme N`);
    if (command === 'start') host.start();
    else if (command === 'next') host.next();
    else if (command === 'hold') host.toggleHold();
    else if (command === 'end') host.end();
    else host.apply(command);
  });
  await done;
  lines.close();
  report();
  await host.close();
}

function checkedJoin(address: string, options: ClassJoinOptions): { code: string; name: string } {
  let url: URL;
  try {
    url = new URL(sessionUrl(address));
  } catch {
    throw new InputError(`address '${address}': expected the host and port the teacher shows, such as 192.168.1.20:4321`);
  }
  if (url.port === '' && !/^wss?:/.test(address)) throw new InputError(`address '${address}': expected a port, such as ${url.hostname}:4321`);
  const name = options.name.trim().replace(/\s+/g, ' ');
  if (!NAME_PATTERN.test(name)) {
    throw new InputError(`name '${options.name}': expected ${NAME_EXPECTED}`);
  }
  return { code: checkedCode(options.code), name };
}

export async function runClassJoin(address: string, options: ClassJoinOptions): Promise<void> {
  const { code, name } = checkedJoin(address, options);
  if (!options.plain && interactive()) {
    const { launchStudent } = await import('../ui/class/launch.js');
    await launchStudent({ address, code, name });
    return;
  }
  await runPlainStudent(address, code, name);
}

/** A student without a screen: the view as lines, the moves (C or D) as lines on stdin. */
async function runPlainStudent(address: string, code: string, name: string): Promise<void> {
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const printer = new PlainStudentPrinter();
  // The first view can arrive before connect() resolves: "joined as" comes first all the same.
  let joined = false;
  const sayJoined = () => {
    if (!joined) say(`joined as ${name}`);
    joined = true;
  };
  let ended: (() => void) | undefined;
  const over = new Promise<void>((resolve) => (ended = resolve));
  let closedReason: string | undefined;
  const client = new ClassClient({
    address,
    code,
    name,
    onNotice: (text) => say(`notice: ${text}`),
    onClosed: (reason) => {
      closedReason = reason;
      ended?.();
    },
    onView: (view) => {
      sayJoined();
      for (const line of printer.linesFor(view)) say(line);
      if (view.phase === 'ended') ended?.();
    },
  });
  try {
    await client.connect();
  } catch (error) {
    throw new InputError(`cannot join the class session at ${address}: ${error instanceof Error ? error.message : String(error)}`);
  }
  sayJoined();
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const move = line.trim().toUpperCase();
    if (move !== 'C' && move !== 'D') return say(`'${line.trim()}': expected C (co-operate) or D (defect)`);
    if (client.view?.phase !== 'open') return say('no round is open: wait for the next one');
    client.choose(move);
    say(`you chose ${move} in round ${client.view.round}`);
  });
  await over;
  lines.close();
  client.close();
  if (closedReason !== undefined && client.view?.phase !== 'ended')
    throw new InputError(`the class session at ${address} closed the connection: ${closedReason}`);
}

/** Scores and payoffs as a person reads them: 6.9, not 6.900000000000001 (class.json and moves.csv keep every digit). */
const readable = (value: number) => String(Number(value.toFixed(2)));

/**
 * What a plain student sees as the views arrive: each announcement once, and the round's lines
 * once per phase (views are sent on every change, several times a round).
 */
export class PlainStudentPrinter {
  #shown = '';
  #announced = 0;

  linesFor(view: SentView): string[] {
    const unseen = Math.min(view.announcements.length, Math.max(0, view.announced - this.#announced));
    this.#announced = Math.max(this.#announced, view.announced);
    const fresh = view.announcements.slice(view.announcements.length - unseen);
    const key = `${view.phase}:${view.round}`;
    if (key === this.#shown) return describeView(view, fresh).slice(0, fresh.length);
    this.#shown = key;
    return describeView(view, fresh);
  }
}

/** What a plain student sees when the view changes; `announcements`: those not shown before. */
export function describeView(view: SentView, announcements: SentView['announcements'] = view.announcements.slice(-1)): string[] {
  const lines: string[] = [];
  for (const entry of announcements)
    lines.push(`announcement (${entry.round === 0 ? 'before round 1' : `from round ${entry.from}`}): ${entry.label}. ${entry.why}`);
  if (view.last !== undefined && view.last.round === view.round && view.phase !== 'open') {
    const outcomes = view.last.outcomes.map(
      (entry) =>
        `${entry.name} played ${entry.theirs} (${entry.activity}: you earned ${readable(entry.payoff)}${entry.fine > 0 ? `, fined ${readable(entry.fine)}` : ''})`,
    );
    lines.push(`round ${view.last.round} result: you played ${view.last.move}${view.last.answered ? '' : ' (no answer: the default)'}; ${outcomes.join('; ')}`);
    lines.push(`score ${readable(view.score)}, rank ${view.rank} of ${view.firms}`);
  }
  if (view.phase === 'open') {
    const partners = view.partners.map((partner) => {
      const { R, S, T, P } = partner.activity;
      return `${partner.name} (${partner.activity.name}: R ${R} S ${S} T ${T} P ${P}; your trust ${partner.trust.toFixed(2)})`;
    });
    lines.push(
      partners.length === 0
        ? `round ${view.round} of ${view.rounds}: you sit this round out`
        : `round ${view.round} of ${view.rounds}: you play ${partners.join(', ')}; ${Math.round((view.remainingMs ?? 0) / 1000)} s: type C or D`,
    );
  }
  if (view.phase === 'lobby') lines.push('waiting for the teacher to start');
  if (view.phase === 'ended') lines.push(`the session is over: score ${readable(view.score)}, rank ${view.rank} of ${view.firms}`);
  return lines;
}
