import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  files: string[];
  scripts: Record<string, string>;
};

/** Whether npm packs a path: it is one of `files` or lies in a folder that is. */
function packed(path: string): boolean {
  return manifest.files.some((entry) => path === entry || path.startsWith(`${entry}/`));
}

describe('the npm package', () => {
  it('ships the isolated-vm patch and the postinstall script that applies and checks it, so a packed install is sandboxed as npm ci is', () => {
    const script = /^node (\S+)$/.exec(manifest.scripts.postinstall ?? '')?.[1];
    expect(script).toBeDefined();
    expect(packed(script!)).toBe(true);
    const patches = readdirSync(new URL('../patches', import.meta.url)).map((file) => `patches/${file}`);
    expect(patches.length).toBeGreaterThan(0);
    expect(patches.filter((patch) => !packed(patch))).toEqual([]);
  });
});
