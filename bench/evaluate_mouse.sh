#!/usr/bin/env bash
# genosynth evaluate on a 1,940 x 12,226 cohort (mouse_hs1940), LMM GWAS on CD8 on both sides included.
# real = the whole cohort; synthetic = the same genotypes under fresh IDs (the worst case for privacy, same cost as any
# 1,940-genome cohort); holdout = 582 of the real mice (timing only). Target: under 60 s on 2 cores.
# For scale, the same run times GEMMA doing only the two GWAS (-gk 1 + -lmm 4, real and synthetic) and prints the ratio.
#   usage: bench/evaluate_mouse.sh [RUNS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-3}"
DATA="${GENOSYNTH_SHARED:-$ROOT/../shared}/data/mouse_hs1940"
[ -d "$DATA" ] || DATA="$ROOT/../../shared/data/mouse_hs1940"
WORK="$ROOT/bench/work/evaluate"
mkdir -p "$WORK"
cd "$WORK"
G="$ROOT/genosynth"
"$G" --version >/dev/null   # builds the jar if needed, outside the timings
zcat "$DATA/mouse_hs1940.bed.gz" > real.bed
zcat "$DATA/mouse_hs1940.bim.gz" > real.bim
zcat "$DATA/mouse_hs1940.fam.gz" > real.fam
cp real.bed syn.bed; cp real.bim syn.bim
awk '{print "synfam" NR, "syn" NR, 0, 0, $5, $6}' real.fam > syn.fam
zcat "$DATA/mouse_hs1940.pheno.txt.gz" | awk 'BEGIN {print "#FID\tIID\tCD8"} {print "synfam" NR "\tsyn" NR "\t" $1}' \
    > syn.pheno.tsv
"$G" split --input real.bed --fraction 0.7 --seed 1 --out part >/dev/null
zcat "$DATA/mouse_hs1940.anno.txt.gz" > anno.txt

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
export OPENBLAS_NUM_THREADS=1
ours=("$G" evaluate --real real.bed --synthetic syn.bed --holdout part.holdout.bed
      --pheno "$DATA/mouse_hs1940.pheno.txt.gz" --synthetic-pheno syn.pheno.tsv --pheno-col 1 --model lmm --out eval)
gemma_twice() {
  for side in real syn; do
    gemma -g "$DATA/mouse_hs1940.geno.txt.gz" -p "$DATA/mouse_hs1940.pheno.txt.gz" -a anno.txt -gk 1 -o "kin_$side" &&
    gemma -g "$DATA/mouse_hs1940.geno.txt.gz" -p "$DATA/mouse_hs1940.pheno.txt.gz" -a anno.txt \
        -k "output/kin_$side.cXX.txt" -lmm 4 -n 1 -o "lmm_$side" || return 1
  done
}
wall "${ours[@]}" >/dev/null   # warm-up (page cache)
ours_times=(); gemma_times=()
for _ in $(seq "$RUNS"); do
  ours_times+=("$(wall "${ours[@]}")")
  gemma_times+=("$(wall gemma_twice)")
done
o=$(printf '%s\n' "${ours_times[@]}" | median)
g=$(printf '%s\n' "${gemma_times[@]}" | median)
echo "evaluate on 1,940 x 12,226 with LMM on both sides ($RUNS runs, median wall time, $(nproc) cores)"
echo "  genosynth evaluate (everything)   : ${o} s   (runs: ${ours_times[*]})   target < 60 s"
echo "  gemma, the two GWAS only          : ${g} s   (runs: ${gemma_times[*]})"
awk -v a="$o" -v b="$g" 'BEGIN {printf "  ratio genosynth / gemma           : %.2f\n", a / b}'
