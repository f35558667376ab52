#!/usr/bin/env bash
# Runs a fixed set of cooplab commands and stores every output (stdout, stderr, exit code and
# files written) under DIR, so that two builds can be compared byte for byte:
#   scripts/snapshot-outputs.sh /tmp/before && (change things) && scripts/snapshot-outputs.sh /tmp/after
#   diff -r /tmp/before /tmp/after
# It runs the built CLI (npm run build first). Wall-clock figures printed by some commands are
# masked, since they differ between any two runs.
set -uo pipefail
out="${1:?usage: scripts/snapshot-outputs.sh DIR}"
root="$(cd "$(dirname "$0")/.." && pwd)"
rm -rf "$out"; mkdir -p "$out"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$work"
export CI=true NO_COLOR=1
n=0
run() {
  n=$((n + 1))
  local name; name="$(printf '%03d' "$n")"
  node "$root/bin/cooplab.js" "$@" >"$out/$name.out" 2>"$out/$name.err"
  echo "$?" >"$out/$name.rc"
  printf '%s\n' "$*" >"$out/$name.cmd"
  sed -i -E 's/[0-9]+(\.[0-9]+)? ?(ms|s)\b/<time>/g; s/[0-9.,]+ (matches|turns|tasks)\/s/<rate>/g' "$out/$name.out" "$out/$name.err"
}
run --help
run tournament
run tournament --format json
run tournament --format csv --noise 0.05 --repetitions 3
run tournament -s all --prob-end 0.02 --repetitions 2 --format json --seed 7
run tournament -s tit-for-tat,grudger,defector --payoffs 4,0,6,1 --no-self-play
run tournament -s tit-for-tatt
run tournament --strategy "$root/tests/fixtures/modules/honest/tit-for-tat.ts" -s defector,grudger --format json
run tournament --submissions "$root/tests/fixtures/modules/malformed" -s defector --format json
run strategies
run strategies --format json
run strategies show prober
run strategies show tullock --format json
run scenarios
run scenarios show criciuma-crisis
for s in nowak-may rivalry training-first sanctions criciuma-crisis italian-district external-buyers; do
  run cluster --scenario "$s" --generations 40 --size 30x30 --headless --format csv
done
run cluster --scenario training-first --generations 30 --size 24x24 --format json
run cluster --scenario rivalry --seeds 3 --generations 20 --size 20x20 --headless
run cluster --scenario sanctions --set sanctions.fine=2 --set noise=0.02 --generations 30 --size 20x20 --format json
run cluster --scenario nowak-may --size 2x2
run cluster --scenario rivalry --strategy "$root/tests/fixtures/modules/honest/generous.ts" --generations 10 --size 16x16 --headless
run evolve --dynamics ecological --population cooperator=1,defector=1,tit-for-tat=1,grudger=1 -g 50
run evolve --dynamics moran --population tit-for-tat=15,defector=5 --turns 20 --runs 50 --format json
run evolve --dynamics generational --population cooperator=23,defector=1,tit-for-tat=1 --payoffs 2,-1,3,0 --turns 10 --format csv
run sweep --scenario rivalry --grid sanctions.fine=0:2:1 --grid sanctions.detection=0.3,0.6 --seeds 2 --generations 15 --size 16x16 --out sw --workers 1
for f in sw/results.csv sw/series.csv sw/manifest.json; do cp "$f" "$out/sweep-$(basename "$f")"; done
run sweep --scenario rivalry --grid sanctions.fine=0:2:1 --grid sanctions.detection=0.3,0.6 --seeds 2 --generations 15 --size 16x16 --out sw1 --workers 1 --shard 1/2
run sweep --scenario rivalry --grid sanctions.fine=0:2:1 --grid sanctions.detection=0.3,0.6 --seeds 2 --generations 15 --size 16x16 --out sw2 --workers 1 --shard 2/2
run merge sw1 sw2 --out swm
for f in swm/results.csv swm/series.csv; do cp "$f" "$out/merge-$(basename "$f")"; done
run plot sw --x sanctions.fine --y sanctions.detection --metric cooperation
run plot sw --x sanctions.detection --y sanctions.fine --metric mean_trust --svg plot.svg
[ -f plot.svg ] && cp plot.svg "$out/plot.svg"
run cluster --scenario training-first --generations 20 --size 16x16 --format json --out run.json
run report run.json --out run.html
run tournament --format json --out t.json
run report t.json --out t.html
run report sw --out sw.html
for f in run.html t.html sw.html; do [ -f "$f" ] && sed -E 's/[0-9]+(\.[0-9]+)? ?(ms|s)\b/<time>/g' "$f" >"$out/report-$f"; done
run exercises
run exercises --format json
run exercise lone-pioneer --answer b
run exercise rivals-dilemma --moves CCDDCCDDCC --answer a
run exercises --check "$root/exercises"
run validate "$root/tests/fixtures/modules/honest/tit-for-tat.ts"
run validate "$root/tests/fixtures/modules/honest/tit-for-tat.ts" --format json
run validate "$root/tests/fixtures/modules/malformed/no-create.js"
run new-strategy patient-tft
for f in patient-tft*; do cp "$f" "$out/new-$f"; done
run play --help
run frobnicate
echo "$n commands -> $out"
