import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Whether a tool that some tests need is installed. When it is not, the run says so (one
 * line on stderr naming the tool and the tests) and those tests are skipped; under CI, where
 * .ci/run installs every tool, a missing one fails the run instead.
 */
function present(tool: string, found: boolean, tests: string): boolean {
  if (found) return true;
  if (process.env.CI === 'true') throw new Error(`${tool} is missing: .ci/run installs it`);
  process.stderr.write(`cooplab tests: ${tool} is not installed, so ${tests} are skipped\n`);
  return false;
}

export const hasTmux = (tests: string): boolean => present('tmux', spawnSync('tmux', ['-V']).status === 0, tests);

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = (tests: string): boolean => present('chromium', existsSync(CHROMIUM), tests);

export type Browser = Awaited<ReturnType<typeof import('playwright-core')['chromium']['launch']>>;
export type Page = Awaited<ReturnType<Browser['newPage']>>;

/**
 * Debian's Chromium, headless. Without the background-networking flags it tries Google's hosts
 * at every start, and this machine's closed network refuses them many at a time.
 */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
