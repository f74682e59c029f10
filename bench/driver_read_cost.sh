#!/usr/bin/env bash
# What the driver does per input before a block leaves for a Spark executor, on one thread: read every block's
# variants (BIMBAM rs/A1/A2, VCF CHROM..INFO) without its genotypes ("variants only"), and the same with each
# block's genotypes decoded ("variants+genotypes", what the driver did before BIMBAM and VCF blocks travelled as file
# ranges). Prints wall and thread CPU time per pass (2 passes, the second warm). Inputs: those bench/spark_formats.sh
# writes (run it first), or any paths given. BASE=/path/to/another/checkout runs its jar too ("variants only" there is
# whatever its reader does).
#   usage: bench/driver_read_cost.sh [INPUT...]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
"$ROOT/genosynth" --version >/dev/null
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=("$ROOT"/bench/work/spark_formats/dummy_5000x20000.vcf.gz "$ROOT"/bench/work/spark_formats/dummy_5000x20000.geno.txt)
fi
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
for jar in "$ROOT/cli/target/genosynth.jar" ${BASE:+"$BASE/cli/target/genosynth.jar"}; do
  echo "== $jar"
  for f in "${inputs[@]}"; do
    java -cp "$jar" "$ROOT/bench/DriverCost.java" "$f" variants 2 | tail -1
    [ "$jar" = "$ROOT/cli/target/genosynth.jar" ] && java -cp "$jar" "$ROOT/bench/DriverCost.java" "$f" decode 2 | tail -1
  done
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
