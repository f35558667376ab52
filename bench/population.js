// Population dynamics: generations per second of the generational dynamics (25 players,
// 10 rounds a match) and Moran steps per second (N = 100).
import { generational, moranGame } from '../dist/src/population/dynamics.js';
import { findStrategy } from '../dist/strategies/registry.js';

const trust = { game: { R: 2, S: -1, T: 3, P: 0 }, turns: 10, noise: 0, seed: 1 };
const five = ['cooperator', 'defector', 'tit-for-tat', 'grudger', 'win-stay-lose-shift'].map(findStrategy);
let best = 0;
for (let round = 0; round < 5; round++) {
  // No culling: the mix never fixes, so every generation plays all 300 matches.
  const started = performance.now();
  const run = generational(five, [5, 5, 5, 5, 5], trust, 50, 0);
  best = Math.max(best, (run.shares.length - 1) / ((performance.now() - started) / 1000));
}
let moranBest = 0;
const classic = { game: { R: 3, S: 0, T: 5, P: 1 }, turns: 50, noise: 0, seed: 1 };
for (let round = 0; round < 5; round++) {
  const started = performance.now();
  // With mutation the population never fixes: 200 generations of 100 steps each.
  const run = moranGame(['tit-for-tat', 'defector', 'cooperator', 'grudger'].map(findStrategy), [25, 25, 25, 25], classic, 200, { mutation: 0.01 }, round);
  moranBest = Math.max(moranBest, ((run.shares.length - 1) * 100) / ((performance.now() - started) / 1000));
}
process.stdout.write(`${JSON.stringify({ generationsPerSecond: best, moranStepsPerSecond: moranBest })}\n`);
