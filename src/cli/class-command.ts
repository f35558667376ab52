import { InvalidArgumentError, type Command } from 'commander';
import { choice, collect, count, positiveInteger, probability, seconds, seedValue, outputPath } from './options.js';

export interface ClassHostOptions {
  mode: 'pairwise' | 'lattice';
  rounds: number;
  timeLimit: number;
  default: 'C' | 'D';
  scenario: string;
  set: string[];
  fill?: string;
  seats: number;
  fine: number;
  detection: number;
  pause: number;
  port: number;
  host: string;
  code?: string;
  seed: number;
  startWhen: number;
  out?: string;
  headless?: boolean;
  tlsCert?: string;
  tlsKey?: string;
  publicUrl?: string;
}

export interface ClassJoinOptions {
  code: string;
  name: string;
  plain?: boolean;
}

function port(value: string): number {
  if (!/^\s*\d+\s*$/.test(value) || Number(value) > 65_535) throw new InvalidArgumentError('expected a port number from 0 to 65535 (0: any free port)');
  return Number(value);
}

function nonNegative(value: string): number {
  const parsed = value.trim() === '' ? Number.NaN : Number(value);
  if (!(parsed >= 0 && Number.isFinite(parsed))) throw new InvalidArgumentError('expected a number >= 0');
  return parsed;
}

/** --public-url: an http(s) address a browser can open; the page is served at its root. */
function webAddress(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InvalidArgumentError('expected the http:// or https:// address students open, such as http://203.0.113.5:4321/');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('expected an http:// or https:// address');
  // The room code is added after a #: one the teacher typed would come first.
  url.hash = '';
  return url.href;
}

function move(value: string): 'C' | 'D' {
  const upper = value.trim().toUpperCase();
  if (upper !== 'C' && upper !== 'D') throw new InvalidArgumentError('expected C (co-operate) or D (defect)');
  return upper;
}

export function addClassCommand(program: Command): void {
  const classCommand = program.command('class').description('a live class session: students at their terminals are the firms of a cluster');
  classCommand
    .command('host')
    .description("start a session on the teacher's machine and show the class live")
    .option(
      '--mode <mode>',
      'pairwise (changing partners each round) or lattice (students play their neighbours)',
      choice(['pairwise', 'lattice'] as const),
      'pairwise',
    )
    .option('-r, --rounds <n>', 'rounds in the session', positiveInteger, 10)
    .option('--time-limit <seconds>', 'time to answer in each round', seconds, 20)
    .option('--default <move>', 'the move of a student who does not answer in time: C or D', move, 'D')
    .option('--scenario <name|file>', 'the cluster whose rules the class plays: activities, trust, costs, crisis', 'rivalry')
    .option('--set <path=value>', 'set a parameter of the scenario, such as trust.gain=0.2 (repeatable)', collect, [])
    .option('--fill <ids>', 'built-in strategies that take the seats no student took (pairwise: to an even number; lattice: to a full grid), in turn')
    .option('--seats <n>', 'firms when the session starts; --fill fills those no student took', count, 0)
    .option('--fine <amount>', 'the fine that sanctions (key s) put in force', nonNegative, 3)
    .option('--detection <p>', 'the chance that sanctions catch a defector', probability, 1)
    .option('--pause <seconds>', 'time between the end of a round and the next', nonNegative, 5)
    .option('--port <n>', 'the port students connect to', port, 4321)
    .option('--host <address>', 'the network interface to listen on (127.0.0.1: this machine only)', '0.0.0.0')
    .option('--code <code>', 'a fixed room code (5 letters or digits); by default a random one')
    .option('--seed <n>', 'root seed of the sanctions draws and the bots', seedValue, 1)
    .option('--start-when <n>', 'start by itself once this many students have joined (0: the teacher starts)', count, 0)
    .option('-o, --out <dir>', 'folder for the results: class.json, moves.csv, report.html (default class-<code>)', outputPath('--out', 'a folder path'))
    .option('--headless', 'plain log lines and commands from standard input instead of the live view')
    .option('--tls-cert <file>', 'a certificate (PEM), with --tls-key: students join with wss:// and the traffic is encrypted')
    .option('--tls-key <file>', 'the private key (PEM) of --tls-cert')
    .option('--public-url <url>', "the address students open in a browser when it is not this machine's (behind NAT, a proxy or a name)", webAddress)
    .action(async (options: ClassHostOptions) => {
      const { runClassHost } = await import('./class-action.js');
      await runClassHost(options);
    });
  classCommand
    .command('join')
    .description("join a class session from a student's terminal")
    .argument('<address>', 'the address the teacher shows, such as 192.168.1.20:4321')
    .requiredOption('--code <code>', 'the room code the teacher shows')
    .requiredOption('--name <name>', 'your name, as the class will see it')
    .option('--plain', 'plain lines, and your moves (C or D) from standard input, instead of the live view')
    .action(async (address: string, options: ClassJoinOptions) => {
      const { runClassJoin } = await import('./class-action.js');
      await runClassJoin(address, options);
    });
}
