#!/usr/bin/env bash
# The same work on the local backend and on Spark local[2]: qc, linear GWAS (glm) and mosaic synth on a plink2
# --dummy cohort (default 20,000 samples x 100,000 variants, 1% missing calls). Each command runs RUNS times per
# backend (default 3) after one warm-up; prints median wall times, peak resident memory (the JVM's; on Spark local[2]
# driver and executors share it) and the ratio Spark / local, and checks that both backends wrote the same bytes.
# Needs plink2, /usr/bin/time and a few GB of disk; builds the spark module if needed.
#   usage: bench/spark_scale.sh [RUNS] [SAMPLES] [VARIANTS] [COMMANDS]     e.g. bench/spark_scale.sh 1 5000 20000 "qc glm"
#   WARMUP=0 skips the warm-up runs (synth's own run time dwarfs the page cache's)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-3}"
SAMPLES="${2:-20000}"
VARIANTS="${3:-100000}"
COMMANDS="${4:-qc glm synth}"
WORK="$ROOT/bench/work/spark_scale"
mkdir -p "$WORK"
cd "$WORK"
data="dummy_${SAMPLES}x${VARIANTS}_m0.01"
if [ ! -f "$data.bed" ]; then
  echo "generating $data with plink2 --dummy ..." >&2
  plink2 --dummy "$SAMPLES" "$VARIANTS" 0.01 acgt scalar-pheno --seed 1 --make-bed --out "$data" >/dev/null
fi
pheno="$data.pheno.txt"
[ -f "$pheno" ] || awk 'BEGIN {print "FID\tIID\tY"} {print $1 "\t" $2 "\t" $6}' "$data.fam" > "$pheno"
[ -f "$ROOT/spark/target/genosynth-spark.jar" ] ||
  (cd "$ROOT" && mvn -q -B -DskipTests package -pl spark -am)
G="$ROOT/genosynth"
"$G" --version >/dev/null   # builds the local jar if needed, outside the timings

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
args_of() {
  case "$1" in
    qc) echo "qc --input $data --maf 0.01 --hwe 1e-6 --out out_$2/qc" ;;
    glm) echo "gwas --input $data --pheno $pheno --pheno-col Y --out out_$2/glm" ;;
    # dummy variants sit 1 bp apart: a steep map rate gives the mosaic segments to copy
    synth) echo "synth --input $data --n $SAMPLES --method mosaic --segment-cm 2 --cm-per-mb 5000 --seed 1 --out out_$2/synth" ;;
  esac
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
echo "local backend vs Spark local[2] on ${SAMPLES} x ${VARIANTS} ($RUNS runs, median, $(nproc) cores, load average $(loadavg))"
for cmd in $COMMANDS; do
  mkdir -p out_local out_spark
  # shellcheck disable=SC2046
  local_cmd=("$G" $(args_of "$cmd" local) --threads 2)
  # shellcheck disable=SC2046
  spark_cmd=("$G" $(args_of "$cmd" spark) --threads 2 --backend spark --spark-master 'local[2]')
  if [ "${WARMUP:-1}" = 1 ]; then
    peak "${local_cmd[@]}" >/dev/null; peak "${spark_cmd[@]}" >/dev/null   # warm-up: page cache
  fi
  local_runs=(); spark_runs=(); local_rss=0; spark_rss=0
  for _ in $(seq "$RUNS"); do
    read -r t m < <(peak "${local_cmd[@]}"); local_runs+=("$t"); [ "$m" -gt "$local_rss" ] && local_rss=$m
    read -r t m < <(peak "${spark_cmd[@]}"); spark_runs+=("$t"); [ "$m" -gt "$spark_rss" ] && spark_rss=$m
  done
  l=$(printf '%s\n' "${local_runs[@]}" | median)
  s=$(printf '%s\n' "${spark_runs[@]}" | median)
  same="same bytes"
  for f in out_local/"$cmd".*; do
    case "$f" in *.manifest.json) continue ;; esac
    cmp -s "$f" "out_spark/$(basename "$f")" || same="DIFFERENT: $(basename "$f")"
  done
  printf '  %-6s local %8.2f s %6d MiB   spark %8.2f s %6d MiB   ratio %.2f   %s\n' "$cmd" "$l" "$local_rss" "$s" \
      "$spark_rss" "$(awk -v a="$s" -v b="$l" 'BEGIN {print a / b}')" "$same"
  echo "         runs (local | spark): ${local_runs[*]} | ${spark_runs[*]}   load average $(loadavg)"
done
