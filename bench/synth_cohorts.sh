#!/usr/bin/env bash
# The verdict table of `genosynth evaluate` for `genosynth synth` with default settings (seed 1, 70/30 split, LMM GWAS)
# on several cohorts, side by side:
#   - mouse: the demo cohort (mouse_hs1940, phenotype 1 = CD8);
#   - 1kg: human_1kg_chr20 (503 unrelated people; the phased and unphased files merged with bcftools, the genetic map
#     from their INFO/CM), with a trait simulated by `genosynth pheno simulate` (h2 0.6, 3 causal SNPs of
#     MAF >= 0.05, seed 1) so that the 352 training people have hits;
#   - with CHIMERAS=K, K copies of the 1kg region as chromosomes (a genome-wide-like cohort: bench/chimera_cohort.py);
#   - with ARRAY=PER, the 1kg region thinned to array density (plink2 --maf 0.02 --bp-space 3000) and PER copies of it
#     on each of 22 autosomes (bench/chimera_cohort.py --per-chromosome; ARRAY=4: 503 x 75,856; needs plink2);
#   - any cohort passed on the command line as NAME=GENOTYPES[:PHENO[:COLUMN]] (PLINK prefix/.bed, VCF or BIMBAM; without
#     a phenotype file a trait is simulated as for 1kg), e.g. bxd=bench/work/bxd.geno.txt.gz after bench/ri_panel.py bench/work/bxd,
#     or the genome-wide multi-ancestry arrays in github.com/gabraham/flashpca's HapMap3/ (docs/synth.md, "Structure under
#     the privacy bound"): kg1092=flashpca/HapMap3/1kg.ref.phase1_release_v3.20101123_thinned_autosomal_overlap.bed.
# SYNTH_ARGS adds settings to every synth (e.g. SYNTH_ARGS="--method mosaic --donor-pool population --segment-cm 0.1",
# the docs/synth.md rows of the population-pool mosaic); the outputs then go to bench/work/cohorts-<tag> where the tag
# is the settings with spaces and dashes squeezed, so the default table is not overwritten.
# SYNTH_SEED (default 1) is synth's seed alone (the split and the simulated trait keep seed 1): the calibration's
# outcome on these small cohorts moves between seeds (docs/synth.md), so judge a change over several; the outputs of a
# seed other than 1 go to bench/work/cohorts-seedN.
# Prints one row per verdict (metric, then value and verdict per cohort) and each cohort's synth and evaluate wall
# times; leaves each cohort's report.html under bench/work/cohorts/NAME/eval/. Needs bcftools.
#   usage: bench/synth_cohorts.sh [NAME=GENOTYPES[:PHENO[:COLUMN]] ...]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
SHARED=$(shared_dir "$ROOT")
SYNTH_ARGS="${SYNTH_ARGS:-}"
SYNTH_SEED="${SYNTH_SEED:-1}"
WORK="$ROOT/bench/work/cohorts"
[ "$SYNTH_SEED" = 1 ] || WORK="$WORK-seed$SYNTH_SEED"
if [ -n "$SYNTH_ARGS" ]; then
  WORK="$WORK-$(printf '%s' "$SYNTH_ARGS" | tr -s ' -' '__' | tr -cd 'A-Za-z0-9._' | sed 's/^_//')"
fi
G="$ROOT/genosynth"
mkdir -p "$WORK"
"$G" --version >/dev/null   # builds the jar if needed, outside the timings
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; synth seed $SYNTH_SEED"

names=()

# run NAME GENOTYPES PHENO COLUMN: split, synth with defaults, evaluate
run() {
  local name="$1" geno="$2" pheno="$3" col="$4" d="$WORK/$1"
  mkdir -p "$d"
  if [ -z "$pheno" ]; then
    "$G" pheno simulate --input "$geno" --h2 0.6 --causal 3 --causal-maf 0.05 --seed 1 --out "$d/sim" >/dev/null
    pheno="$d/sim.pheno.tsv"
    col=1
  fi
  "$G" split --input "$geno" --pheno "$pheno" --fraction 0.7 --seed 1 --out "$d/split" >/dev/null
  # split writes the input's format (PLINK, VCF/BCF or BIMBAM)
  local train="" holdout="" f
  for f in split.train.bed split.train.vcf.gz split.train.bcf split.train.geno.txt.gz; do
    if [ -e "$d/$f" ]; then train="$d/$f"; holdout="$d/${f/train/holdout}"; break; fi
  done
  local t0 t1 t2
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086  # SYNTH_ARGS is a list of options
  "$G" synth --input "$train" --pheno "$d/split.train.pheno.tsv" --pheno-col "$col" --seed "$SYNTH_SEED" $SYNTH_ARGS \
      --out "$d/syn" >/dev/null
  t1=$(date +%s.%N)
  "$G" evaluate --real "$train" --synthetic "$d/syn.bed" --holdout "$holdout" \
      --pheno "$d/split.train.pheno.tsv" --synthetic-pheno "$d/syn.pheno.tsv" --holdout-pheno "$d/split.holdout.pheno.tsv" \
      --pheno-col "$col" --model lmm \
      --out "$d/eval" >/dev/null
  t2=$(date +%s.%N)
  echo "$name: synth $(awk "BEGIN {printf \"%.1f\", $t1 - $t0}") s (method $(grep -o '"method": "[a-z]*"' "$d/syn.manifest.json" \
      | head -1 | cut -d'"' -f4)), evaluate $(awk "BEGIN {printf \"%.1f\", $t2 - $t1}") s"
  names+=("$name")
}

# the mouse demo cohort
mouse="$WORK/mouse/in"
mkdir -p "$WORK/mouse"
for ext in bed bim fam; do zcat "$SHARED/data/mouse_hs1940/mouse_hs1940.$ext.gz" > "$mouse.$ext"; done
zcat "$SHARED/data/mouse_hs1940/mouse_hs1940.pheno.txt.gz" > "$WORK/mouse/pheno.txt"
run mouse "$mouse.bed" "$WORK/mouse/pheno.txt" 1

# human_1kg_chr20: both files merged; the genetic map comes with them (INFO/CM, read into the .bim's cM column)
kg="$WORK/1kg/in"
mkdir -p "$WORK/1kg"
bcftools merge -Oz -o "$WORK/1kg/merged.vcf.gz" "$SHARED/data/human_1kg_chr20/phased300.vcf.gz" \
    "$SHARED/data/human_1kg_chr20/unphased203.vcf.gz" 2>/dev/null
rm -f "$kg.bed" "$kg.bim" "$kg.fam"
"$G" convert --input "$WORK/1kg/merged.vcf.gz" --out "$kg.bed" >/dev/null
run 1kg "$kg.bed" "" ""

# optional: a genome-wide-like cohort, CHIMERAS copies of the 1kg region as chromosomes, people permuted within
# ancestry clusters per copy (bench/chimera_cohort.py; needs numpy), e.g. CHIMERAS=8: 503 x 199,920
if [ -n "${CHIMERAS:-}" ]; then
  python3 "$ROOT/bench/chimera_cohort.py" "$kg" "$WORK/1kg-chimeras" "$CHIMERAS" >/dev/null
  run "1kg-x$CHIMERAS" "$WORK/1kg-chimeras.bed" "" ""
fi

# optional: a genome-wide-like cohort at array density (bench/chimera_cohort.py --per-chromosome; needs numpy and plink2), e.g. ARRAY=4:
# 503 x 75,856 on 22 autosomes (docs/synth.md, "Unphased input of any size")
if [ -n "${ARRAY:-}" ]; then
  plink2 --bfile "$kg" --maf 0.02 --bp-space 3000 --make-bed --out "$WORK/1kg-thin" >/dev/null
  python3 "$ROOT/bench/chimera_cohort.py" "$WORK/1kg-thin" "$WORK/1kg-array" $((22 * ARRAY)) --per-chromosome "$ARRAY" >/dev/null
  run "1kg-array$ARRAY" "$WORK/1kg-array.bed" "" ""
fi

for spec in "$@"; do
  name="${spec%%=*}"; rest="${spec#*=}"
  IFS=: read -r geno pheno col <<< "$rest"
  run "$name" "$geno" "${pheno:-}" "${col:-1}"
done

python3 - "$WORK" "${names[@]}" <<'EOF'
import json, sys
work, names = sys.argv[1], sys.argv[2:]
metrics = {n: json.load(open(f"{work}/{n}/eval/metrics.json")) for n in names}
keys = []
for n in names:
    for k in metrics[n]["verdicts"]:
        if k not in keys:
            keys.append(k)
print("\n%-30s" % "metric" + "".join("%-26s" % n for n in names))
for k in keys:
    row = "%-30s" % k
    for n in names:
        v = metrics[n]["verdicts"].get(k)
        if v is None:
            row += "%-26s" % "-"
        else:
            val = v.get("value")
            row += "%-26s" % (("%.4g" % val if isinstance(val, (int, float)) else str(val)) + " " + v["verdict"])
    print(row)
EOF
