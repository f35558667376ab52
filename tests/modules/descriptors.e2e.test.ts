/**
 * The sandbox process has no file descriptor to spare, even when the host inherited a stray one
 * far up (a shell's descriptor 251): the process closes what it inherited and did not open, and
 * the host caps it at what is left.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './zoo.js';

// The e2e project builds dist first.
const DIST = fileURLToPath(new URL('../../dist/src/modules/', import.meta.url));
const prlimit = spawnSync('prlimit', ['--version'], { stdio: 'ignore' }).status === 0;
const linux = process.platform === 'linux' && existsSync('/proc/self/fdinfo');
const bash = spawnSync('bash', ['-c', 'true'], { stdio: 'ignore' }).status === 0;

/** Loads a module in the sandbox (the built copy, as the CLI runs it) and reports the sandbox process's descriptors and cap. */
const REPORT = `
import { readdirSync, readFileSync } from 'node:fs';
const { bundleStrategyFile } = await import(process.env.DIST + 'bundle.js');
const { sandboxedStrategy, disposeSandboxes } = await import(process.env.DIST + 'sandbox.js');
const file = process.env.FIXTURE;
const strategy = await sandboxedStrategy(await bundleStrategyFile(file, 'iife'), file);
const descriptors = readdirSync('/proc/' + strategy.pid + '/fd').map(Number);
const cap = readFileSync('/proc/' + strategy.pid + '/limits', 'utf8').split('\\n').find((line) => line.startsWith('Max open files'));
process.stdout.write(JSON.stringify({ descriptors, cap: Number(cap.split(/\\s+/)[3]) }));
disposeSandboxes();
process.exit(0);
`;

describe('the sandbox process has no file descriptor to spare', () => {
  it.skipIf(!(prlimit && linux && bash))(
    `closes a descriptor the host inherited (251) and is capped at the ones it uses${prlimit && linux && bash ? '' : ' (skipped: needs Linux /proc, prlimit and bash)'}`,
    () => {
      // A file, not node -e: the sandbox's pipe worker would inherit -e and run the script again.
      const scratch = mkdtempSync(join(tmpdir(), 'cooplab-descriptors-'));
      const script = join(scratch, 'report.mjs');
      writeFileSync(script, REPORT);
      const run = spawnSync('bash', ['-c', 'exec 251</dev/null; exec "$0" "$1"', process.execPath, script], {
        encoding: 'utf8',
        env: { ...process.env, DIST, FIXTURE: `${FIXTURES}honest/tit-for-tat.ts` },
        timeout: 120_000,
      });
      rmSync(scratch, { recursive: true, force: true });
      expect(run.stderr).toBe('');
      const { descriptors, cap } = JSON.parse(run.stdout) as { descriptors: number[]; cap: number };
      expect(descriptors).not.toContain(251);
      expect(cap).toBe(Math.max(...descriptors) + 1);
      expect(cap).toBeLessThan(64);
    },
  );
});
