import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** cooplab's version, from the package.json above this file (works from src/ and from dist/). */
export function cooplabVersion(): string {
  if (cached !== undefined) return cached;
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, 'package.json');
    if (existsSync(candidate)) {
      const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'cooplab' && manifest.version !== undefined) return (cached = manifest.version);
    }
    const parent = dirname(directory);
    if (parent === directory) return (cached = '0.0.0');
    directory = parent;
  }
}
