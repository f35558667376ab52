import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: { directory: string; version: string } | undefined;

/** The folder of cooplab's package.json (works from src/ and from dist/). */
function findPackage(): { directory: string; version: string } {
  if (root !== undefined) return root;
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, 'package.json');
    if (existsSync(candidate)) {
      const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'cooplab' && manifest.version !== undefined) return (root = { directory, version: manifest.version });
    }
    const parent = dirname(directory);
    if (parent === directory) throw new Error('cooplab: cannot find its own package.json');
    directory = parent;
  }
}

export function cooplabVersion(): string {
  return findPackage().version;
}

export function packageRoot(): string {
  return findPackage().directory;
}
