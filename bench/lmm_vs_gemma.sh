#!/usr/bin/env bash
# genosynth gwas --model lmm vs GEMMA (-gk 1 then -lmm 4).
#   default: mouse_hs1940 (BIMBAM dosages, phenotype 1)
#   SAMPLES VARIANTS given: a plink2 --dummy cohort (1% missing calls, a normal phenotype), e.g. 10000 20000
# Runs both alternately RUNS times (default 3) after one warm-up each (RUNS=1: no warm-up) and prints the median wall
# times, their ratio (genosynth / GEMMA, GEMMA = kinship + association; target <= 0.5 on the mice, <= 0.35 at
# 10,000 x 20,000, JVM start-up included), each tool's peak memory and the load average before and after.
#   usage: bench/lmm_vs_gemma.sh [RUNS] [SAMPLES VARIANTS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-3}"
SAMPLES="${2:-}"
VARIANTS="${3:-}"
"$ROOT/genosynth" --version >/dev/null   # builds the jar if needed, outside the timings
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

if [ -z "$SAMPLES" ]; then
  DATA="${GENOSYNTH_SHARED:-$ROOT/../shared}/data/mouse_hs1940"
  [ -d "$DATA" ] || DATA="$ROOT/../../shared/data/mouse_hs1940"
  WORK="$ROOT/bench/work/lmm"
  mkdir -p "$WORK"
  cd "$WORK"
  zcat "$DATA/mouse_hs1940.anno.txt.gz" > anno.txt   # GEMMA aborts on a gzipped annotation
  geno="$DATA/mouse_hs1940.geno.txt.gz"
  pheno="$DATA/mouse_hs1940.pheno.txt.gz"
  label="mouse_hs1940"
  gemma_input=(-g "$geno" -p "$pheno" -a anno.txt)
  ours_cmd=("$ROOT/genosynth" gwas --model lmm --input "$geno" --anno anno.txt --pheno "$pheno"
            --pheno-col 1 --out genosynth_lmm)
else
  WORK="$ROOT/bench/work/lmm${SAMPLES}x${VARIANTS}"
  mkdir -p "$WORK"
  cd "$WORK"
  data="dummy_${SAMPLES}x${VARIANTS}"
  if [ ! -f "$data.bed" ]; then
    echo "generating $data with plink2 --dummy ..." >&2
    plink2 --dummy "$SAMPLES" "$VARIANTS" 0.01 acgt scalar-pheno --seed 1 --make-bed --out "$data" >/dev/null
  fi
  awk 'BEGIN {print "FID\tIID\tPHENO1"} {print $1 "\t" $2 "\t" $6}' "$data.fam" > pheno.tsv
  label="$data (plink2 --dummy, 1% missing)"
  gemma_input=(-bfile "$data")   # the phenotype is the .fam's sixth column
  ours_cmd=("$ROOT/genosynth" gwas --model lmm --input "$data" --pheno pheno.tsv --pheno-col PHENO1
            --out genosynth_lmm)
fi
TIME=()
[ -x /usr/bin/time ] && TIME=(/usr/bin/time -f %M -o)   # peak resident memory (kB) of each run, into a file
measured() { if [ ${#TIME[@]} -gt 0 ]; then "${TIME[@]}" "$@"; else shift; "$@"; fi; }
# GEMMA with single-threaded OpenBLAS, as it was measured before (Debian's threaded OpenBLAS did not speed it up on
# the mice). genosynth as the launcher runs it: the relatedness matrix, the eigenvectors' back-transformation and the
# per-SNP blocks on its workers (one per processor, one BLAS thread each), the tridiagonal reduction and its
# eigenvectors with 2 OpenBLAS threads set at run time (docs/architecture.md, the LMM's performance).
gemma_single() {
  OPENBLAS_NUM_THREADS=1 measured gemma_kin.kb gemma "${gemma_input[@]}" -gk 1 -o kin &&
  OPENBLAS_NUM_THREADS=1 measured gemma_lmm.kb gemma "${gemma_input[@]}" -k output/kin.cXX.txt -lmm 4 -n 1 -o lmm
}
ours() { measured genosynth.kb env -u OPENBLAS_NUM_THREADS "${ours_cmd[@]}"; }
if [ "$RUNS" -gt 1 ]; then
  wall gemma_single >/dev/null; wall ours >/dev/null   # warm-up
fi
gemma_times=(); ours_times=()
load_before=$(loadavg)
for _ in $(seq "$RUNS"); do
  gemma_times+=("$(wall gemma_single)")
  ours_times+=("$(wall ours)")
done
load_after=$(loadavg)
p=$(printf '%s\n' "${gemma_times[@]}" | median)
g=$(printf '%s\n' "${ours_times[@]}" | median)
echo "LMM on $label ($RUNS runs, median wall time, $(nproc) cores)"
echo "  gemma -gk 1 + -lmm 4        : ${p} s   (runs: ${gemma_times[*]})"
echo "  genosynth gwas --model lmm  : ${g} s   (runs: ${ours_times[*]})"
echo "  ratio genosynth/GEMMA       : $(awk -v g="$g" -v p="$p" 'BEGIN {printf "%.2f", g / p}')"
echo "  load average (1/5/15 min) before: ${load_before}, after: ${load_after}"
if [ ${#TIME[@]} -gt 0 ]; then
  echo "  peak memory (last run): genosynth $(tail -1 genosynth.kb) kB; GEMMA -gk 1 $(tail -1 gemma_kin.kb) kB," \
       "-lmm 4 $(tail -1 gemma_lmm.kb) kB"
fi
grep 'seconds:' genosynth_lmm.lmm.log.tsv | sed 's/^note\t/  genosynth /' || true
