#!/usr/bin/env bash
# MODEL.NECK.normalize on the demo data, for every margin head: trains configs/demo.yaml once per
# head and scores its last bundle on the UnED-format test split (merged protocol, exact euclidean
# search, as `mdfe evaluate` does by default) twice: as trained with normalize False, and the same
# weights served L2-normalised (normalize True). The flag acts at inference only (training forwards
# never normalise), so both settings share one training run; the check run trains ArcFace with
# normalize True and must give the normalised figures exactly. Prints the markdown table, with the
# thumbnail baseline row.
#
# usage: bench/recipes/normalize_heads.sh [WORK_DIR]   (run from the repository root)
# env:   MDFE (default ./mdfe), EPOCHS (default: demo.yaml's), HEADS (default: all six), NICE (default 10),
#        CHECK=0 skips the check run
set -euo pipefail
WORK="${1:-bench-work/normalize-heads}"
MDFE="${MDFE:-./mdfe}"
NICE="${NICE:-10}"
HEADS="${HEADS:-ArcFace DynM-ArcFace AdaCos LiArcFace CurricularFace AdaFace}"
CONFIG=configs/demo.yaml
DATA="$WORK/demo-data"
mdfe() { nice -n "$NICE" $MDFE "$@"; }
epochs=()
[[ -n "${EPOCHS:-}" ]] && epochs=(TRAIN.epochs="$EPOCHS" "TRAIN.save_epoch=[$EPOCHS]")

mkdir -p "$WORK"
[[ -d "$DATA/info_files" ]] || mdfe make-demo-data "$DATA" >/dev/null

# mean R@1 and mMP@5 of an evaluation folder's results.csv
means() { awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i } $1 == "mean" { printf "%.4f | %.4f", $col["R@1"], $col["mMP@5"] }' "$1/results.csv"; }
# the last checkpoint's bundle of the only run under a folder
last_bundle() { ls -d "$1"/*/checkpoints/*/bundle 2>/dev/null | sort -V | tail -1; }
score() { mdfe evaluate "$CONFIG" "$DATA" --model_ckpt "$1" --split test --out "$2" >/dev/null; }

[[ -f "$WORK/thumbnail/results.csv" ]] || mdfe evaluate "$CONFIG" "$DATA" --baseline thumbnail --split test \
    --out "$WORK/thumbnail" >/dev/null

train() { # head normalize folder
  [[ -n "$(last_bundle "$3")" ]] && return
  local start=$SECONDS
  # --no-eval: the test split is scored below; checkpoint evaluations would only cost time
  local extra=()
  # DynM-ArcFace (CLAM with k > 1) sets each class's margin from its frequency: the file is made when missing
  [[ "$1" == DynM-ArcFace ]] && extra=(DATASET.cls_dist_file=demo_cls_dist.csv)
  mdfe train "$CONFIG" "$DATA" MODEL.HEAD.name="$1" MODEL.NECK.normalize="$2" "${epochs[@]}" "${extra[@]}" --no-eval \
      --output-dir "$3" >"$3.log" 2>&1
  echo $((SECONDS - start)) >"$3.seconds"
}

rows=()
for head in $HEADS; do
  runs="$WORK/runs-$head"
  train "$head" False "$runs"
  bundle="$(last_bundle "$runs")"
  [[ -f "$WORK/eval-$head-raw/results.csv" ]] || score "$bundle" "$WORK/eval-$head-raw"
  # the same weights served normalised: the bundle with l2_normalize true
  normed="$WORK/bundle-$head-normalized"
  if [[ ! -d "$normed" ]]; then
    cp -r "$bundle" "$normed"
    sed -i 's/"l2_normalize" : false/"l2_normalize" : true/' "$normed/bundle.json"
    grep -q '"l2_normalize" : true' "$normed/bundle.json"
  fi
  [[ -f "$WORK/eval-$head-norm/results.csv" ]] || score "$normed" "$WORK/eval-$head-norm"
  rows+=("| $head | $(cat "$runs.seconds") | $(means "$WORK/eval-$head-raw") | $(means "$WORK/eval-$head-norm") |")
done

# check: ArcFace trained with normalize True serves what the flipped bundle served
if [[ "${CHECK:-1}" != 0 ]]; then
  check="$WORK/runs-check-ArcFace-normalized"
  train ArcFace True "$check"
  [[ -f "$WORK/eval-check/results.csv" ]] || score "$(last_bundle "$check")" "$WORK/eval-check"
fi

echo "| head | train s | R@1 (normalize False) | mMP@5 (False) | R@1 (normalize True) | mMP@5 (True) |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo "| thumbnail baseline (8x8 grey, cosine) | - | $(means "$WORK/thumbnail") | $(means "$WORK/thumbnail") |"
if [[ "${CHECK:-1}" != 0 ]]; then
  echo
  echo "check: ArcFace trained with normalize True: R@1 | mMP@5 = $(means "$WORK/eval-check")"
fi
