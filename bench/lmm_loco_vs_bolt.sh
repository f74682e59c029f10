#!/usr/bin/env bash
# genosynth gwas --model lmm-loco vs BOLT-LMM 2.4 (Debian bolt-lmm) `bolt --lmmInfOnly` on a plink2 --dummy cohort
# (default 10,000 samples x 50,000 variants, no missing calls), the variants spread over 22 chromosomes (plink2 --dummy puts them all on chromosome 1; leave-one-chromosome-out needs several), with a simulated
# polygenic trait from `genosynth pheno simulate` (h2 0.5: 100 causal SNPs carrying 0.25, an infinitesimal background
# over all SNPs the other 0.25). Runs both alternately RUNS times (default 3; no warm-up run: one BOLT run takes
# 15 minutes on the shared 2-core machine, and the inputs are in the page cache after generation), and prints the median wall time, peak RSS,
# the load average before and after, and the agreement of the two results: hits at 5e-8 (ours only / both / BOLT
# only), lambda_GC of each (median chi-square / 0.4549), and the Pearson correlation of the chi-square statistics.
#   usage: bench/lmm_loco_vs_bolt.sh [RUNS] [SAMPLES] [VARIANTS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-3}"
SAMPLES="${2:-10000}"
VARIANTS="${3:-50000}"
command -v bolt >/dev/null || { echo "bolt not found: apt-get install bolt-lmm" >&2; exit 2; }
WORK="$ROOT/bench/work/loco"
mkdir -p "$WORK"
cd "$WORK"
data="dummy_loco_${SAMPLES}x${VARIANTS}"
G="$ROOT/genosynth"
"$G" --version >/dev/null   # builds the jar if needed, outside the timings
if [ ! -f "$data.bed" ]; then
  echo "generating $data with plink2 --dummy ..." >&2
  plink2 --dummy "$SAMPLES" "$VARIANTS" 0 acgt --seed 1 --make-bed --out "$data.tmp" >/dev/null
  per=$(( (VARIANTS + 21) / 22 ))
  awk -v per="$per" 'BEGIN {OFS = "\t"} {i = NR - 1; c = int(i / per) + 1; p = (i % per) * 1000 + 1000;
      print c, $2, p / 1e6, p, $5, $6}' "$data.tmp.bim" > "$data.bim"
  awk 'BEGIN {OFS = "\t"} {print $1, $2, 0, 0, $5, -9}' "$data.tmp.fam" > "$data.fam"
  mv "$data.tmp.bed" "$data.bed"
  rm -f "$data.tmp".*
fi
pheno="$data.pheno.txt"
if [ ! -f "$pheno" ]; then
  "$G" pheno simulate --input "$data.bed" --causal 100 --h2 0.5 --h2-causal 0.25 --seed 1 --out "$data.sim" >/dev/null
  sed '1s/^#//' "$data.sim.pheno.tsv" > "$pheno"
fi

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
# peak CMD...   runs CMD quietly and prints "WALL_SECONDS PEAK_RSS_MIB"
peak() {
  local s e kb
  s=$(date +%s.%N)
  /usr/bin/time -f %M -o peak.kb "$@" >/dev/null 2>&1
  e=$(date +%s.%N)
  kb=$(tail -1 peak.kb)
  awk -v a="$s" -v b="$e" -v k="$kb" 'BEGIN {printf "%.3f %.0f\n", b - a, k / 1024}'
}
export OPENBLAS_NUM_THREADS=1
bolt_cmd=(bash -c 'bolt "$@" > bolt.log 2>&1' bolt --bfile="$data" --phenoFile="$pheno" --phenoCol=TRAIT1
  --lmmInfOnly --LDscoresUseChip --numThreads="$(nproc)" --statsFile=bolt.stats)
ours_cmd=(bash -c '"$@" > ours.log 2>&1' ours "$G" gwas --model lmm-loco --input "$data.bed" --pheno "$pheno"
  --pheno-col TRAIT1 --out ours)
load_before=$(loadavg)
bolt_times=(); ours_times=(); bolt_rss=0; ours_rss=0
for _ in $(seq "$RUNS"); do
  read -r t m < <(peak "${bolt_cmd[@]}"); bolt_times+=("$t"); [ "$m" -gt "$bolt_rss" ] && bolt_rss=$m
  read -r t m < <(peak "${ours_cmd[@]}"); ours_times+=("$t"); [ "$m" -gt "$ours_rss" ] && ours_rss=$m
done
load_after=$(loadavg)
b=$(printf '%s\n' "${bolt_times[@]}" | median)
o=$(printf '%s\n' "${ours_times[@]}" | median)
# agreement, joined on ID (BOLT's stats file: SNP CHR BP GENPOS ALLELE1 ALLELE0 A1FREQ F_MISS BETA SE P_BOLT_LMM_INF)
agreement=$(awk '
  FNR == 1 { if (FILENAME ~ /bolt/) for (i = 1; i <= NF; i++) col[$i] = i; next }
  FILENAME ~ /bolt/ { bp[$col["SNP"]] = $col["P_BOLT_LMM_INF"]; next }
  $11 != "NA" && ($3 in bp) {
    p = $11; q = bp[$3]; n++
    lx = -log(p) / log(10); ly = -log(q) / log(10)
    sx += lx; sy += ly; sxx += lx * lx; syy += ly * ly; sxy += lx * ly
    if (p < 5e-8 && q < 5e-8) both++; else if (p < 5e-8) mine++; else if (q < 5e-8) theirs++
  }
  END {
    r = (n * sxy - sx * sy) / sqrt((n * sxx - sx * sx) * (n * syy - sy * sy))
    printf "%d %d %d %.4f %d", both + 0, mine + 0, theirs + 0, r, n
  }' bolt.stats ours.gwas.tsv)
read -r both mine theirs r tested <<< "$agreement"
# lambda_GC: BOLT's own (its log's "lambdaGC", over its chi-square statistics; its stats file prints P with 2 digits,
# too coarse for a median), ours as median (BETA/SE)^2 / 0.4549 over the tested variants
bolt_lambda=$(sed -n 's/.*lambdaGC: *\([0-9.]*\).*/\1/p' bolt.log | head -1)
ours_lambda=$(awk 'NR > 1 && $11 != "NA" {z = $9 / $10; print z * z}' ours.gwas.tsv | median |
  awk '{printf "%.4f", $1 / 0.45493642311957}')
echo "lmm-loco vs BOLT-LMM --lmmInfOnly on ${SAMPLES} x ${VARIANTS} (22 chromosomes), $RUNS runs alternating, $(nproc) cores"
echo "  load average before: $load_before   after: $load_after"
echo "  bolt --lmmInfOnly           : ${b} s  peak ${bolt_rss} MiB   (runs: ${bolt_times[*]})"
echo "  genosynth --model lmm-loco  : ${o} s  peak ${ours_rss} MiB   (runs: ${ours_times[*]})"
echo "  ratio genosynth/BOLT        : $(awk -v g="$o" -v p="$b" 'BEGIN {printf "%.2f", g / p}')"
echo "  hits at 5e-8                : both ${both}, genosynth only ${mine}, BOLT only ${theirs}"
echo "  lambda_GC                   : genosynth ${ours_lambda}, BOLT ${bolt_lambda}"
echo "  correlation of -log10 p     : ${r} over ${tested} variants"
grep -E "h2g =|AvgPro|Median of ratios|lambdaGC|Total elapsed" bolt.log | sed 's/^/  bolt: /' || true
grep -E "^note: (variance|[0-9]+ model)" ours.log | sed 's/^/  genosynth: /' || true
