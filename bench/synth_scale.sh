#!/usr/bin/env bash
# genosynth synth at scale: SAMPLES synthetic genomes x VARIANTS variants written as a PLINK .bed, from a panel of
# DONORS real-format genomes made by plink2 --dummy (random genotypes, 1% missing; positions along chromosome 1, so
# switch points use the bp-based rate). Mosaic method, mean segment SEGMENT_CM cM, per-site noise 0.002, no kinship
# check (it compares every output with every donor, which is meant for cohorts of biobank-fraction size, not 10^5 x
# 2,000). Prints the median wall time over RUNS runs (JVM start-up, reading the panel and writing included).
# Target: 100,000 x 100,000 under 60 s on 2 cores. Needs plink2 and ~2.6 GB of disk per output (25 GB at 1,000,000).
# BACKEND=spark runs it on Spark local[2] (the spark module must be built); the peak resident memory and the output's
# SHA-256 are printed, so two runs (local, spark) can be compared byte for byte.
#   usage: [BACKEND=local|spark] bench/synth_scale.sh [RUNS] [SAMPLES] [VARIANTS] [DONORS]
#   e.g.   BACKEND=spark bench/synth_scale.sh 1 1000000
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-3}"
SAMPLES="${2:-100000}"
VARIANTS="${3:-100000}"
DONORS="${4:-2000}"
SEGMENT_CM="${SEGMENT_CM:-2}"
BACKEND="${BACKEND:-local}"
WORK="$ROOT/bench/work"
mkdir -p "$WORK"
cd "$WORK"
panel="dummy_${DONORS}x${VARIANTS}"
if [ ! -f "$panel.bed" ]; then
  echo "generating $panel with plink2 --dummy ..." >&2
  plink2 --dummy "$DONORS" "$VARIANTS" 0.01 acgt --seed 1 --make-bed --out "$panel" >/dev/null
fi
"$ROOT/genosynth" --version >/dev/null   # builds the jar if needed, outside the timings

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

cmd=("$ROOT/genosynth" synth --input "$panel" --method mosaic --n "$SAMPLES" --segment-cm "$SEGMENT_CM" --max-kinship none
     --seed 1 --out "synth_${SAMPLES}x${VARIANTS}")
if [ "$BACKEND" = spark ]; then
  cmd+=(--backend spark --spark-master 'local[2]')
fi
times=()
peaks=()
for _ in $(seq "$RUNS"); do
  s=$(date +%s.%N)
  /usr/bin/time -f %M -o synth_scale.kb "${cmd[@]}" >/dev/null
  e=$(date +%s.%N)
  times+=("$(awk -v a="$s" -v b="$e" 'BEGIN {printf "%.1f", b - a}')")
  peaks+=("$(( $(tail -1 synth_scale.kb) / 1024 ))")
done
t=$(printf '%s\n' "${times[@]}" | median)
bytes=$(stat -c %s "synth_${SAMPLES}x${VARIANTS}.bed")
echo "synth mosaic ${SAMPLES} x ${VARIANTS} from ${DONORS} donors on ${BACKEND}, .bed of ${bytes} bytes ($RUNS runs, median, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo "  genosynth synth : ${t} s   (runs: ${times[*]}; peak RSS MiB: ${peaks[*]})"
echo "  sha256 of the .bed: $(sha256sum "synth_${SAMPLES}x${VARIANTS}.bed" | cut -d' ' -f1)"
rm -f synth_scale.kb
rm -f "synth_${SAMPLES}x${VARIANTS}".{bed,bim,fam}
