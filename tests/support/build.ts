import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** Builds dist/ (as `npm run build` does) so that the CLI the e2e tests start is the code on disk. */
function build(): void {
  try {
    execFileSync(process.execPath, [TSC, '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const output = error as { stdout?: string; stderr?: string };
    throw new Error(`the e2e tests need a build, and it failed:\n${output.stdout ?? ''}${output.stderr ?? ''}`);
  }
}

/** Vitest global setup of the e2e project: build before the first e2e test, and again before every watch-mode rerun. */
export default function setup(project: TestProject): void {
  build();
  project.onTestsRerun(() => build());
}
