import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/build-wasm.js', import.meta.url));

describe('the committed WebAssembly kernels (src/core/machine-kernel-bytes.ts, src/cluster/sequential-kernel-bytes.ts)', () => {
  it('are what their AssemblyScript sources compile to', () => {
    const check = spawnSync(process.execPath, [SCRIPT, '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  }, 60_000);
});
