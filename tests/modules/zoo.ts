/** Helpers shared by the sandbox tests: bundling fixtures, loading them sandboxed, reading the fault a match ends with. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StrategyFault } from '../../src/core/errors.js';
import type { Strategy } from '../../src/core/strategy.js';
import { bundleStrategyFile, ModuleBuildError, type BundleFormat } from '../../src/modules/bundle.js';
import { sandboxedStrategy, type SandboxedStrategy, type SandboxLimits } from '../../src/modules/sandbox.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/modules/', import.meta.url));

/**
 * Bundles a fixture. When the tests run on src, bundle.ts looks for the 'cooplab' authoring
 * helpers next to itself as authoring.js, which only exists in dist: fall back to dist's bundler.
 */
export async function bundle(fixture: string, format: BundleFormat): Promise<string> {
  const file = join(FIXTURES, fixture);
  try {
    return await bundleStrategyFile(file, format);
  } catch (error) {
    if (!(error instanceof ModuleBuildError) || !/authoring\.js/.test(error.message)) throw error;
    const distBundler = new URL('../../dist/src/modules/bundle.js', import.meta.url).href;
    const dist = (await import(/* @vite-ignore */ distBundler)) as typeof import('../../src/modules/bundle.js');
    return dist.bundleStrategyFile(file, format);
  }
}

export async function sandboxed(fixture: string, limits?: SandboxLimits): Promise<SandboxedStrategy> {
  return sandboxedStrategy(await bundle(fixture, 'iife'), join(FIXTURES, fixture), limits);
}

/** The StrategyFault reason a match ends with (fails the test if it plays through). */
export function faultOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof StrategyFault) return error.reason;
    throw error;
  }
  throw new Error('expected the match to end with a StrategyFault');
}

export async function loadError(fixture: string, limits?: SandboxLimits): Promise<unknown> {
  try {
    (await sandboxed(fixture, limits)).dispose();
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${fixture} not to load`);
}

export function withParameters(strategy: Strategy, values: Record<string, number>): Strategy {
  const parameters = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { default: value, description: key }]));
  return { ...strategy, parameters };
}

/** Any character a terminal would act on: C0 and C1 controls, DEL. */
export const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** CPU time (ms) the process a sandboxed module runs in has used: /proc on Linux, in 10 ms ticks. */
export function sandboxCpuMs(strategy: SandboxedStrategy): number {
  const pid = sandboxPid(strategy);
  if (pid === process.pid) {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The process a sandboxed module runs in. */
export function sandboxPid(strategy: SandboxedStrategy): number {
  return (strategy as { readonly pid?: number }).pid ?? process.pid;
}
