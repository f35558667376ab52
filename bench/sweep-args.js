// The bench's sweep, written once: 40 tasks (training-first, 100 × 100 lattice, 100 generations:
// 5 fines × 4 trust gains × 2 seeds), for bench/sweep.js and bench/thread-compare.js.
export const SWEEP_TASKS = 40;
export const SWEEP_ARGS = [
  'sweep',
  '--scenario',
  'training-first',
  '--size',
  '100x100',
  '-g',
  '100',
  '--grid',
  'sanctions.fine=0:4:1',
  '--grid',
  'trust.gain=0.05:0.2:0.05',
  '--seeds',
  '2',
];
