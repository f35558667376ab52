#!/usr/bin/env node
import { existsSync } from 'node:fs';

// React's development build diffs every prop on every render for its profiler: far too slow for
// a live view. A user's explicit NODE_ENV still wins.
process.env.NODE_ENV ??= 'production';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("cooplab: not built yet: run 'npm ci' (or 'npm run build') in the cooplab folder first\n");
  process.exit(1);
}
// A tournament's or a sweep's worker threads start before the CLI loads, so that their start overlaps its (src/cli/early-start.ts).
const { startEarly } = await import(new URL('../dist/src/cli/early-start.js', import.meta.url).href);
startEarly(process.argv.slice(2));
const { main } = await import(entry.href);
await main(process.argv.slice(2));
