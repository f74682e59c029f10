#!/usr/bin/env bash
# genosynth kinship / pca --approx vs plink2 --make-king-table / --pca approx on plink2 --dummy cohorts (1% missing).
# KING table on KING_SAMPLES x VARIANTS (default 5,000 x 100,000; DESIGN.md: plink2 21 s) and randomized PCA (10 PCs)
# on PCA_SAMPLES x VARIANTS (default 20,000 x 100,000; DESIGN.md: plink2 93 s). Each tool runs alternately RUNS times
# (default 3) after one warm-up; prints median wall times and the ratio genosynth / plink2 (target <= 1.0, JVM start-up
# included) and the load average. Needs plink2 and a few GB of disk.
#   usage: bench/king_pca_vs_plink2.sh [king|pca|all] [RUNS] [KING_SAMPLES] [PCA_SAMPLES] [VARIANTS]
#   quick: bench/king_pca_vs_plink2.sh all 1 2000 5000 20000
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PART="${1:-all}"
RUNS="${2:-3}"
KING_SAMPLES="${3:-5000}"
PCA_SAMPLES="${4:-20000}"
VARIANTS="${5:-100000}"
WORK="$ROOT/bench/work"
mkdir -p "$WORK"
cd "$WORK"
"$ROOT/genosynth" --version >/dev/null   # builds the jar if needed, outside the timings

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

export OPENBLAS_NUM_THREADS=1   # plink2 in its best configuration (see DESIGN.md)
compare() {   # label, then plink2 command, '--', genosynth command
  local label="$1"; shift
  local plink_cmd=() ours_cmd=() seen=0
  for a in "$@"; do
    if [ "$a" = "--" ]; then seen=1; continue; fi
    if [ $seen = 0 ]; then plink_cmd+=("$a"); else ours_cmd+=("$a"); fi
  done
  wall "${plink_cmd[@]}" >/dev/null; wall "${ours_cmd[@]}" >/dev/null   # warm-up: page cache
  local plink_times=() ours_times=() load_before load_after p g
  load_before=$(loadavg)
  for _ in $(seq "$RUNS"); do
    plink_times+=("$(wall "${plink_cmd[@]}")")
    ours_times+=("$(wall "${ours_cmd[@]}")")
  done
  load_after=$(loadavg)
  p=$(printf '%s\n' "${plink_times[@]}" | median)
  g=$(printf '%s\n' "${ours_times[@]}" | median)
  echo "$label ($RUNS runs, median wall time, $(nproc) cores)"
  echo "  plink2    : ${p} s   (runs: ${plink_times[*]})"
  echo "  genosynth : ${g} s   (runs: ${ours_times[*]})"
  echo "  ratio genosynth/plink2 : $(awk -v g="$g" -v p="$p" 'BEGIN {printf "%.2f", g / p}')"
  echo "  load average (1/5/15 min) before: ${load_before}, after: ${load_after}"
}

if [ "$PART" = king ] || [ "$PART" = all ]; then
  data=$(dummy_bed "$KING_SAMPLES" "$VARIANTS")
  compare "KING table on ${KING_SAMPLES} x ${VARIANTS}" \
    plink2 --bfile "$data" --make-king-table --out plink_king -- \
    "$ROOT/genosynth" kinship --input "$data" --out genosynth_king
fi
if [ "$PART" = pca ] || [ "$PART" = all ]; then
  data=$(dummy_bed "$PCA_SAMPLES" "$VARIANTS")
  # both tools run single-threaded BLAS calls on their own threads (genosynth: its passes by variant ranges on the
  # backend's workers; OpenBLAS threads on top of them would oversubscribe the cores: 2.02x plink2's time, measured)
  compare "randomized PCA (10 PCs) on ${PCA_SAMPLES} x ${VARIANTS}" \
    plink2 --bfile "$data" --pca 10 approx --out plink_pca -- \
    "$ROOT/genosynth" pca --approx --pcs 10 --input "$data" --out genosynth_pca
fi
