/**
 * The test files of the `e2e` project (vitest.config.ts): they run the real CLI from the built
 * `dist/` (tests/support/cli.ts, tests/support/tmux.ts, worker threads), or, like the sandbox
 * tests, bundle modules with dist's copy of the authoring helpers; so that project builds first.
 * Every other test file is `unit` and runs the sources. tests/architecture.test.ts checks that
 * every test file that reaches into dist/ is listed here.
 */
export const E2E_TESTS = ['tests/**/*.e2e.test.ts', 'tests/ui/*-tty.test.tsx', 'tests/modules/sandbox.test.ts'];
