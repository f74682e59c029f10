#!/usr/bin/env bash
# qc and a linear GWAS on a bgzipped, indexed VCF and on a plain BIMBAM file, with the local backend and with Spark
# local[2] (blocks of both formats travel to the executors as file ranges and are parsed there). The inputs are a
# plink2 --dummy cohort (default 5,000 samples x 20,000 variants) exported by plink2 as VCF (bgzipped, indexed by
# bcftools: .csi) and by genosynth convert as plain BIMBAM. Prints median wall time, peak resident memory, the ratio
# Spark / local, every run and the load average, and checks that both backends wrote the same bytes.
# BASE=/path/to/another/checkout runs that checkout's Spark too (e.g. the commit before blocks of these formats were
# read on the executors: its Spark column is printed as "base").
#   usage: bench/spark_formats.sh [RUNS] [SAMPLES] [VARIANTS] [FORMATS] [COMMANDS]   e.g. bench/spark_formats.sh 3 5000 20000 "vcf bimbam" "qc glm"
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-3}"
SAMPLES="${2:-5000}"
VARIANTS="${3:-20000}"
FORMATS="${4:-vcf bimbam}"
COMMANDS="${5:-qc glm}"
WORK="$ROOT/bench/work/spark_formats"
mkdir -p "$WORK"
cd "$WORK"
G="$ROOT/genosynth"
"$G" --version >/dev/null
[ -f "$ROOT/spark/target/genosynth-spark.jar" ] || (cd "$ROOT" && mvn -q -B -DskipTests package -pl spark -am)
data="dummy_${SAMPLES}x${VARIANTS}"
if [ ! -f "$data.bed" ]; then
  echo "generating $data with plink2 --dummy ..." >&2
  plink2 --dummy "$SAMPLES" "$VARIANTS" 0.01 acgt scalar-pheno --seed 1 --make-bed --out "$data" >/dev/null
fi
if [ ! -f "$data.vcf.gz.csi" ]; then
  plink2 --bfile "$data" --export vcf bgz id-paste=iid --out "$data" >/dev/null
  bcftools index -f "$data.vcf.gz"
fi
if [ ! -f "$data.geno.txt" ]; then
  "$G" convert --input "$data" --output-format bimbam --out "bimbam_$data" >/dev/null
  gunzip -c "bimbam_$data.geno.txt.gz" > "$data.geno.txt" 2>/dev/null || cp "bimbam_$data.geno.txt" "$data.geno.txt"
  for ext in anno.txt fam; do
    if [ -f "bimbam_$data.$ext.gz" ]; then gunzip -c "bimbam_$data.$ext.gz" > "$data.$ext"; else cp "bimbam_$data.$ext" "$data.$ext"; fi
  done
fi
pheno="$data.pheno.txt"
[ -f "$pheno" ] || awk '{print $6}' "$data.fam" > "$pheno"

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
peak() {
  local s e kb
  s=$(date +%s.%N)
  /usr/bin/time -f %M -o peak.kb "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; cat peak.kb >&2; exit 1; }
  e=$(date +%s.%N)
  kb=$(tail -1 peak.kb)
  awk -v a="$s" -v b="$e" -v k="$kb" 'BEGIN {printf "%.3f %.0f\n", b - a, k / 1024}'
}
input_of() {
  case "$1" in
    vcf) echo "$data.vcf.gz" ;;
    bimbam) echo "$data.geno.txt" ;;
  esac
}
args_of() {
  case "$1" in
    qc) echo "qc --input $2 --maf 0.01 --hwe 1e-6 --out $3/qc" ;;
    glm) echo "gwas --input $2 --pheno $pheno --pheno-col 1 --model linear --out $3/glm" ;;
  esac
}
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
echo "local backend vs Spark local[2] on ${SAMPLES} x ${VARIANTS} ($RUNS runs, median, $(nproc) cores, load average $(loadavg))"
for fmt in $FORMATS; do
  input=$(input_of "$fmt")
  for cmd in $COMMANDS; do
    rm -rf out_local out_spark out_base
    mkdir -p out_local out_spark out_base
    # shellcheck disable=SC2046
    local_cmd=("$G" $(args_of "$cmd" "$input" out_local) --threads 2)
    # shellcheck disable=SC2046
    spark_cmd=("$G" $(args_of "$cmd" "$input" out_spark) --threads 2 --backend spark --spark-master 'local[2]')
    # shellcheck disable=SC2046
    base_cmd=("${BASE:-.}/genosynth" $(args_of "$cmd" "$input" out_base) --threads 2 --backend spark --spark-master 'local[2]')
    peak "${local_cmd[@]}" >/dev/null; peak "${spark_cmd[@]}" >/dev/null   # warm-up: page cache, CDS archive
    [ -n "${BASE:-}" ] && peak "${base_cmd[@]}" >/dev/null
    local_runs=(); spark_runs=(); base_runs=(); local_rss=0; spark_rss=0; base_rss=0
    for _ in $(seq "$RUNS"); do
      read -r t m < <(peak "${local_cmd[@]}"); local_runs+=("$t"); [ "$m" -gt "$local_rss" ] && local_rss=$m
      read -r t m < <(peak "${spark_cmd[@]}"); spark_runs+=("$t"); [ "$m" -gt "$spark_rss" ] && spark_rss=$m
      if [ -n "${BASE:-}" ]; then
        read -r t m < <(peak "${base_cmd[@]}"); base_runs+=("$t"); [ "$m" -gt "$base_rss" ] && base_rss=$m
      fi
    done
    l=$(printf '%s\n' "${local_runs[@]}" | median)
    s=$(printf '%s\n' "${spark_runs[@]}" | median)
    same="same bytes"
    for f in out_local/"$cmd".*; do
      case "$f" in *.manifest.json) continue ;; esac
      cmp -s "$f" "out_spark/$(basename "$f")" || same="DIFFERENT: $(basename "$f")"
    done
    printf '  %-6s %-6s local %7.2f s %6d MiB   spark %7.2f s %6d MiB   ratio %.2f   %s\n' "$fmt" "$cmd" "$l" \
        "$local_rss" "$s" "$spark_rss" "$(awk -v a="$s" -v b="$l" 'BEGIN {print a / b}')" "$same"
    if [ -n "${BASE:-}" ]; then
      b=$(printf '%s\n' "${base_runs[@]}" | median)
      printf '                base spark %7.2f s %6d MiB (ratio to local %.2f)\n' "$b" "$base_rss" \
          "$(awk -v a="$b" -v c="$l" 'BEGIN {print a / c}')"
    fi
    echo "         runs (local | spark | base): ${local_runs[*]} | ${spark_runs[*]} | ${base_runs[*]:-}   load average $(loadavg)"
  done
done
