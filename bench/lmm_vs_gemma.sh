#!/usr/bin/env bash
# genosynth gwas --model lmm vs GEMMA (-gk 1 then -lmm 4) on mouse_hs1940 (BIMBAM dosages, phenotype 1).
# Runs both alternately RUNS times (default 3) after one warm-up each and prints the median wall times and their ratio
# (genosynth / GEMMA, GEMMA = kinship + association). Target: <= 0.5 including JVM start-up.
#   usage: bench/lmm_vs_gemma.sh [RUNS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-3}"
DATA="${GENOSYNTH_SHARED:-$ROOT/../shared}/data/mouse_hs1940"
[ -d "$DATA" ] || DATA="$ROOT/../../shared/data/mouse_hs1940"
WORK="$ROOT/bench/work/lmm"
mkdir -p "$WORK"
cd "$WORK"
zcat "$DATA/mouse_hs1940.anno.txt.gz" > anno.txt   # GEMMA aborts on a gzipped annotation
geno="$DATA/mouse_hs1940.geno.txt.gz"
pheno="$DATA/mouse_hs1940.pheno.txt.gz"
"$ROOT/genosynth" --version >/dev/null   # builds the jar if needed, outside the timings

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
gemma_both() {
  gemma -g "$geno" -p "$pheno" -a anno.txt -gk 1 -o kin &&
  gemma -g "$geno" -p "$pheno" -a anno.txt -k output/kin.cXX.txt -lmm 4 -n 1 -o lmm
}

# Both in their best configuration: single-threaded OpenBLAS (Debian's threaded OpenBLAS slows small products down
# when the JVM's workers call it concurrently); genosynth parallelises over SNP blocks itself.
export OPENBLAS_NUM_THREADS=1
ours_cmd=("$ROOT/genosynth" gwas --model lmm --input "$geno" --anno anno.txt --pheno "$pheno"
          --pheno-col 1 --out genosynth_lmm)
wall gemma_both >/dev/null; wall "${ours_cmd[@]}" >/dev/null   # warm-up
gemma_times=(); ours_times=()
for _ in $(seq "$RUNS"); do
  gemma_times+=("$(wall gemma_both)")
  ours_times+=("$(wall "${ours_cmd[@]}")")
done
p=$(printf '%s\n' "${gemma_times[@]}" | median)
g=$(printf '%s\n' "${ours_times[@]}" | median)
echo "LMM on mouse_hs1940 ($RUNS runs, median wall time, $(nproc) cores)"
echo "  gemma -gk 1 + -lmm 4        : ${p} s   (runs: ${gemma_times[*]})"
echo "  genosynth gwas --model lmm  : ${g} s   (runs: ${ours_times[*]})"
echo "  ratio genosynth/GEMMA       : $(awk -v g="$g" -v p="$p" 'BEGIN {printf "%.2f", g / p}')"
