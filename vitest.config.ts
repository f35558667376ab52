import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { E2E_TESTS as E2E } from './tests/support/projects.js';

/**
 * Two projects. `unit` runs the sources directly. `e2e` runs the real CLI from the built `dist/`
 * (tests/support/cli.ts, tmux, worker threads): every `*.e2e.test.ts` and the `*-tty` UI
 * tests. Its global setup builds first: an e2e run
 * never tests stale code. Timeouts are generous on purpose: a machine three times slower than
 * a quiet 2-core laptop, with every core busy, still meets them (scripts/test-busy.sh).
 */

export default defineConfig({
  test: {
    pool: 'forks',
    // Vitest's default in a run is one worker fewer than the cores: one worker on a 2-core
    // machine, which left the second core idle for the whole suite.
    maxWorkers: availableParallelism(),
    // isolated-vm (the strategy sandbox) asks for Node's --no-node-snapshot on Node 20+.
    execArgv: ['--no-node-snapshot'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: [...configDefaults.exclude, ...E2E],
          // The unit files share their worker's module graph instead of a fresh process each:
          // starting a process and importing the sources again took 44 of the project's 212 CPU
          // seconds. No unit test changes the environment, globals or a module's state for another.
          isolate: false,
          // The heaviest unit tests (the workshop presets, 10 seeds each) take 10 s on a quiet machine.
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: E2E,
          globalSetup: ['tests/support/build.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
