#!/usr/bin/env bash
# How fast can a JVM do plink2 --freq --missing --hardy from a cold start? Runs, alternately and RUNS times each
# (default 5) after one warm-up: plink2; bench/LeanQc.java (the counting, the HWE tests and the four tables with
# genosynth's own kernels, and nothing else: no command line, filters, sample sheet or output checks; on a 2-core
# machine, with the launcher's JVM options and its class-data-sharing archive); the same without the HWE tests, without
# the tables, and with neither; and `genosynth qc`. Prints each median wall and CPU time and its ratio to plink2's,
# and the load average; checks first that LeanQc's four tables equal genosynth qc's. The cohort is bench/qc_vs_plink2.sh's
# (20,000 x 100,000 plink2 --dummy, 1% missing; a sample count divisible by 32). Needs plink2 and javac.
#   usage: bench/qc_floor.sh [RUNS] [SAMPLES] [VARIANTS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-5}"
SAMPLES="${2:-20000}"
VARIANTS="${3:-100000}"
WORK="$ROOT/bench/work"
mkdir -p "$WORK/qc_floor"
cd "$WORK"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
data=$(dummy_bed "$SAMPLES" "$VARIANTS")
"$ROOT/genosynth" --version >/dev/null   # builds the jar and its class-data-sharing archive if needed
JAR="$ROOT/cli/target/genosynth.jar"
javac -d qc_floor -cp "$JAR" "$ROOT/bench/LeanQc.java"
# the launcher's JVM options and archive (the archive maps for a class path that starts with the jar's)
archive=$(ls -t "$ROOT"/cli/target/genosynth-*.jsa 2>/dev/null | head -1 || true)
opts=(-XX:+UseSerialGC -Xss4m -XX:FreqInlineSize=100 -XX:InlineSmallCode=1000)
grep -qE '\[(madvise|always)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null && opts+=(-XX:+UseTransparentHugePages)
[ -n "$archive" ] && opts+=('-Xlog:cds*=off' "-XX:SharedArchiveFile=$archive")

export OPENBLAS_NUM_THREADS=1
"$ROOT/genosynth" qc --input "$data" --out qc_floor/genosynth >/dev/null
java "${opts[@]}" -cp "$JAR:qc_floor" LeanQc "$data" qc_floor/lean
for t in afreq vmiss hardy smiss; do
  cmp -s "qc_floor/lean.$t" "qc_floor/genosynth.$t" || { echo "LeanQc's .$t differs from genosynth qc's" >&2; exit 1; }
done
names=("plink2 --freq --missing --hardy" "LeanQc (count, HWE, tables)" "LeanQc without the HWE tests"
  "LeanQc without the tables" "LeanQc, counting only" "genosynth qc")
run() {
  case $1 in
    0) plink2 --bfile "$data" --freq --missing --hardy --out qc_floor/plink ;;
    1) java "${opts[@]}" -cp "$JAR:qc_floor" LeanQc "$data" qc_floor/lean ;;
    2) java "${opts[@]}" -Dlean.hwe=false -cp "$JAR:qc_floor" LeanQc "$data" qc_floor/lean ;;
    3) java "${opts[@]}" -Dlean.tables=false -cp "$JAR:qc_floor" LeanQc "$data" qc_floor/lean ;;
    4) java "${opts[@]}" -Dlean.hwe=false -Dlean.tables=false -cp "$JAR:qc_floor" LeanQc "$data" qc_floor/lean ;;
    5) "$ROOT/genosynth" qc --input "$data" --out qc_floor/genosynth ;;
  esac
}
for k in 0 1 2 3 4 5; do run "$k" >/dev/null 2>&1; done   # warm-up: page cache
load_before=$(loadavg)
declare -A walls cpus
for _ in $(seq "$RUNS"); do
  for k in 0 1 2 3 4 5; do
    read -r w c < <(timed run "$k")
    walls[$k]+="$w "; cpus[$k]+="$c "
  done
done
load_after=$(loadavg)
echo "qc work on ${SAMPLES} x ${VARIANTS} ($RUNS alternating runs, medians, $(nproc) cores)"
p=$(printf '%s\n' ${walls[0]} | median)
for k in 0 1 2 3 4 5; do
  w=$(printf '%s\n' ${walls[$k]} | median)
  c=$(printf '%s\n' ${cpus[$k]} | median)
  printf '  %-32s wall %6.3f s (%.2f x plink2)   CPU %6.3f s   (runs: %s)\n' "${names[$k]}" "$w" \
      "$(awk -v a="$w" -v b="$p" 'BEGIN {print a / b}')" "$c" "${walls[$k]% }"
done
echo "  load average (1/5/15 min) before: ${load_before}, after: ${load_after}"
