import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 30_000,
    pool: 'forks',
    // isolated-vm (the strategy sandbox) asks for Node's --no-node-snapshot on Node 20+.
    execArgv: ['--no-node-snapshot'],
  },
});
