/*
 * The work of cooplab's sequential steps on packed entries (src/cluster/packed-steps.ts) in plain
 * C: Szabó & Tőke's setting (von Neumann, no self-interaction, b = 1.02, K = 0.1, 50% co-operators)
 * on a side × side torus of one-byte entries, strategy << 5 | co-operating neighbours. A Fermi
 * step draws a firm and one of its neighbours, and a coin only when their strategies differ; a
 * Moran step takes its neighbours' strategy without a draw when all four share one, and otherwise
 * weighs them by exp((P − P_best) / K) and draws one, as cooplab's does: how many numbers a step
 * draws then depends on what it reads, so the next step's firm is known only once this step's
 * lines have arrived (a Moran step that always drew let the steps' misses overlap: 1.13–1.21×
 * from 100² to 2000² against 1.3–1.4× with the shortcut, docs/benchmarks.md). An adoption moves
 * the counts of the firm's four neighbours. Tables by pair of entries, as cooplab's.
 *
 * It is here to show what the machine's caches allow, not as cooplab's result: the random numbers
 * come from xoshiro128+ rather than cooplab's streams, so the runs differ in detail but not in
 * kind. Prints, per generation after the first of each run, the CPU nanoseconds of a step, over
 * REPEATS runs from seeds SEED, SEED + 1, … (with more than one, the first run only warms up):
 *   sequential-steps SIDE GENERATIONS fermi|moran SEED REPEATS
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t state[2];
static inline uint64_t next(void) {
  uint64_t s0 = state[0], s1 = state[1], result = s0 + s1;
  s1 ^= s0;
  state[0] = ((s0 << 55) | (s0 >> 9)) ^ s1 ^ (s1 << 14);
  state[1] = (s1 << 36) | (s1 >> 28);
  return result;
}
static inline double uniform(void) { return (next() >> 11) * 0x1.0p-53; }

static const int DX[4] = {0, 1, 0, -1}, DY[4] = {-1, 0, 1, 0};
static int side, size;
static uint8_t *entry;

static inline int neighbour(int x, int y, int k) {
  int nx = x + DX[k], ny = y + DY[k];
  if (nx < 0) nx += side; else if (nx >= side) nx -= side;
  if (ny < 0) ny += side; else if (ny >= side) ny -= side;
  return ny * side + nx;
}

/* Co-operators are strategy 0, defectors 1; an entry's low five bits count its co-operating neighbours. */
static inline void adopt(int firm, int strategy) {
  uint8_t old = entry[firm];
  entry[firm] = (uint8_t)((strategy << 5) | (old & 31));
  int change = (strategy == 0) - ((old >> 5) == 0);
  if (change == 0) return;
  int x = firm % side, y = firm / side;
  for (int k = 0; k < 4; k++) entry[neighbour(x, y, k)] += change;
}

static double value[64], fermi[64 * 64], relative[64 * 64];
static int printed = 0;

static void run(int generations, int moran, uint64_t seed, int report) {
  state[0] = 0x9E3779B97F4A7C15ull ^ seed;
  state[1] = 0xD1B54A32D192ED03ull;
  for (int i = 0; i < 8; i++) next();
  for (int i = 0; i < size; i++) entry[i] = (uint8_t)((uniform() < 0.5 ? 0 : 1) << 5);
  for (int i = 0; i < size; i++) {
    int count = 0;
    for (int k = 0; k < 4; k++) count += (entry[neighbour(i % side, i / side, k)] >> 5) == 0;
    entry[i] |= (uint8_t)count;
  }
  for (int generation = 0; generation < generations; generation++) {
    struct timespec started, ended;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &started);
    for (int step = 0; step < size; step++) {
      int firm = (int)(uniform() * size);
      int x = firm % side, y = firm / side;
      if (!moran) {
        uint8_t own = entry[firm], other = entry[neighbour(x, y, (int)(uniform() * 4))];
        if (((own ^ other) >> 5) && uniform() < fermi[own * 64 + other]) adopt(firm, other >> 5);
        continue;
      }
      int around[4];
      uint8_t seen[4];
      int best = 0;
      int same = 1;
      for (int k = 0; k < 4; k++) {
        around[k] = neighbour(x, y, k);
        seen[k] = entry[around[k]];
        same &= (seen[k] >> 5) == (seen[0] >> 5);
      }
      if (same) {
        if ((seen[0] >> 5) != (entry[firm] >> 5)) adopt(firm, seen[0] >> 5);
        continue;
      }
      for (int k = 1; k < 4; k++)
        if (value[seen[k]] > value[seen[best]]) best = k;
      double weights[4], total = 0;
      for (int k = 0; k < 4; k++) total += weights[k] = relative[seen[k] * 64 + seen[best]];
      double target = uniform() * total;
      int chosen = 3;
      for (int k = 0; k < 4; k++) {
        target -= weights[k];
        if (target < 0) { chosen = k; break; }
      }
      if ((seen[chosen] >> 5) != (entry[firm] >> 5)) adopt(firm, seen[chosen] >> 5);
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ended);
    double ns = ((ended.tv_sec - started.tv_sec) * 1e9 + (ended.tv_nsec - started.tv_nsec)) / size;
    if (generation > 0 && report) printf("%s%.2f", printed++ > 0 ? "," : "", ns);
  }
}

int main(int argc, char **argv) {
  if (argc < 6) return 2;
  side = atoi(argv[1]);
  int generations = atoi(argv[2]);
  int moran = argv[3][0] == 'm';
  uint64_t seed = (uint64_t)atoi(argv[4]);
  int repeats = atoi(argv[5]);
  size = side * side;
  entry = malloc(size);
  for (int v = 0; v < 64; v++) value[v] = (v >> 5) == 0 ? (v & 31) : (v & 31) * 1.02;
  for (int a = 0; a < 64; a++)
    for (int b = 0; b < 64; b++) {
      fermi[a * 64 + b] = 1 / (1 + exp((value[a] - value[b]) / 0.1));
      relative[a * 64 + b] = exp((value[a] - value[b]) / 0.1);
    }
  printf("[");
  for (int repeat = 0; repeat < repeats; repeat++) run(generations, moran, seed + repeat, repeats == 1 || repeat > 0);
  printf("]\n");
  return 0;
}
