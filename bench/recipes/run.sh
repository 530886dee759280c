#!/usr/bin/env bash
# Runs one recipe candidate on one benchmark folder and appends its figures to results.csv:
# trains CONFIG (+ KEY=VALUE overrides) on the folder's train split, then scores the last checkpoint
# on val (for selecting) and on test (reported once per candidate), per domain, merged protocol.
# The candidate `thumbnail` scores the built-in thumbnail baseline instead (CONFIG only gives the
# evaluation settings; nothing is trained).
#
#   bench/recipes/run.sh BENCH DATA_DIR CANDIDATE CONFIG [KEY=VALUE ...]
#   e.g. bench/recipes/run.sh demo demo-data small-from-scratch configs/small-from-scratch.yaml
#
# Wall time is measured as it is; the machine may be shared, so the 1-minute load average at the
# start and the end of training, the steps and epochs run, and the CPU model are recorded beside it.
# Env: RECIPES_OUT (run folders, default target/bench-recipes), METRIC (default angular = cosine),
# NICE (default 10). Print the table with bench/recipes/table.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/recipes"
if (($# < 4)); then
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
BENCH="$1"; DATA="$(cd "$2" && pwd)"; CANDIDATE="$3"; CONFIG="$4"; shift 4
OVERRIDES="$*"
OUT="${RECIPES_OUT:-$ROOT/target/bench-recipes}/$BENCH/$CANDIDATE"
METRIC="${METRIC:-angular}"
MDFE=(nice -n "${NICE:-10}" "$ROOT/mdfe")
CPU="$(lscpu | sed -n 's/^Model name: *//p' | head -1) x$(nproc)"
load() { cut -d' ' -f1 /proc/loadavg; }
mkdir -p "$OUT"

train_s=""; cpu_s=""; steps=""; epochs=""; load_start="$(load)"; load_end=""
CONFIG="$(cd "$(dirname "$CONFIG")" && pwd)/$(basename "$CONFIG")"
if [[ "$CANDIDATE" == thumbnail ]]; then
  METRIC=euclidean  # on L2-normalised thumbnails: the cosine ranking
  score() { "${MDFE[@]}" evaluate "$CONFIG" "$DATA" --baseline thumbnail --split "$1" --out "$OUT/$1" \
    > "$OUT/$1.log" 2>&1; }
else
  rm -rf "$OUT/run"
  start=$(date +%s)
  # CPU seconds (user + sys) beside wall time: roughly the wall time with those cores to itself
  # shellcheck disable=SC2086
  /usr/bin/time -f "%U %S" -o "$OUT/cpu-seconds" "${MDFE[@]}" train "$CONFIG" "$DATA" --output-dir "$OUT/run" \
    --no-eval $OVERRIDES > "$OUT/train.log" 2>&1 \
    || { echo "training failed, see $OUT/train.log" >&2; tail -3 "$OUT/train.log" >&2; exit 1; }
  train_s=$(( $(date +%s) - start )); load_end="$(load)"
  cpu_s="$(awk 'END { printf "%d", $1 + $2 }' "$OUT/cpu-seconds")"
  last="$(ls -d "$OUT"/run/*/checkpoints/step-* | awk -F'step-' '{ print $NF, $0 }' | sort -n | tail -1 | cut -d' ' -f2-)"
  steps="${last##*step-}"
  # epochs from the run's resolved config (epoch-based runs end after TRAIN.epochs)
  epochs="$(sed -n 's/^  epochs: *\([0-9]*\).*/\1/p' "$(dirname "$(dirname "$last")")/config.yaml" | head -1)"
  # shellcheck disable=SC2086
  score() { "${MDFE[@]}" evaluate "$CONFIG" "$DATA" --model_ckpt "$last/bundle" --metric "$METRIC" --split "$1" \
    --out "$OUT/$1" $OVERRIDES > "$OUT/$1.log" 2>&1; }
fi
for split in val test; do
  score "$split" || { echo "evaluation on $split failed, see $OUT/$split.log" >&2; tail -3 "$OUT/$split.log" >&2; exit 1; }
  # results.csv: domain,R@1,mMP@5,mAP@5,queries,index,lone_queries,seconds (+ a mean row)
  tail -n +2 "$OUT/$split/results.csv" | while IFS=, read -r domain r1 mmp5 _; do
    echo "$BENCH,$CANDIDATE,${CONFIG#"$ROOT/"},\"$OVERRIDES\",$METRIC,$split,$domain,$r1,$mmp5,$train_s,$cpu_s,$steps,$epochs,$load_start,$load_end,\"$CPU\",$(date -u +%FT%TZ)"
  done >> "$HERE/results.csv"
done
"$HERE/table.sh" > "$HERE/results.md"
grep -E "^\| $BENCH \| $CANDIDATE " "$HERE/results.md" || true
