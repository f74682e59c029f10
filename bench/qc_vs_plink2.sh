#!/usr/bin/env bash
# genosynth qc vs plink2 --freq --missing --hardy on a 20,000 x 100,000 plink2 --dummy cohort (1% missing calls).
# Runs both tools alternately RUNS times (default 5) after one warm-up each, and prints the median wall times and
# their ratio (genosynth / plink2), the median CPU times (user + system; steadier than wall times when other jobs load
# the machine) and their ratio, and the load average. Target: <= 1.0 including JVM start-up. Needs plink2 and ~1 GB
# of disk.
#   usage: bench/qc_vs_plink2.sh [RUNS] [SAMPLES] [VARIANTS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-5}"
SAMPLES="${2:-20000}"
VARIANTS="${3:-100000}"
WORK="$ROOT/bench/work"
mkdir -p "$WORK"
cd "$WORK"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
data=$(dummy_bed "$SAMPLES" "$VARIANTS")
"$ROOT/genosynth" --version >/dev/null   # builds the jar if needed, outside the timings

export OPENBLAS_NUM_THREADS=1   # plink2 in its best configuration (see DESIGN.md)
plink_cmd=(plink2 --bfile "$data" --freq --missing --hardy --out plink_qc)
ours_cmd=("$ROOT/genosynth" qc --input "$data" --out genosynth_qc)
wall "${plink_cmd[@]}" >/dev/null; wall "${ours_cmd[@]}" >/dev/null   # warm-up: page cache, JIT-free start-up
load_before=$(loadavg)
plink_times=(); ours_times=(); plink_cpu=(); ours_cpu=()
for _ in $(seq "$RUNS"); do
  read -r w c < <(timed "${plink_cmd[@]}"); plink_times+=("$w"); plink_cpu+=("$c")
  read -r w c < <(timed "${ours_cmd[@]}"); ours_times+=("$w"); ours_cpu+=("$c")
done
load_after=$(loadavg)
p=$(printf '%s\n' "${plink_times[@]}" | median)
g=$(printf '%s\n' "${ours_times[@]}" | median)
pc=$(printf '%s\n' "${plink_cpu[@]}" | median)
gc=$(printf '%s\n' "${ours_cpu[@]}" | median)
echo "qc on ${SAMPLES} x ${VARIANTS} ($RUNS runs, median wall time, $(nproc) cores)"
echo "  plink2 --freq --missing --hardy : ${p} s   (runs: ${plink_times[*]})"
echo "  genosynth qc                    : ${g} s   (runs: ${ours_times[*]})"
echo "  ratio genosynth/plink2          : $(awk -v g="$g" -v p="$p" 'BEGIN {printf "%.2f", g / p}')"
echo "  median CPU time (user + system) : plink2 ${pc} s, genosynth ${gc} s, ratio $(awk -v g="$gc" -v p="$pc" 'BEGIN {printf "%.2f", g / p}')"
echo "  load average (1/5/15 min) before: ${load_before}, after: ${load_after}"
