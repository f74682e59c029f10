#!/usr/bin/env bash
# `genosynth synth` and `evaluate` with default settings on cohorts unlike the bundled ones, to find what breaks:
# plink2 --dummy cohorts (28 training genomes; 1,050 x 8,000 on one chromosome 1 bp apart with a scalar and a
# case/control trait; the same on 22 chromosomes 10 kb apart; 20 % missing calls; chromosome X with sexes and a trait
# a third missing), human_1kg_chr20's 203 unphased people with chr-prefixed names, and mouse_hs1940 read as BIMBAM.
# Each: split 70/30 (seed 1), synth (seed 1), evaluate against the holdout (with the trait where there is one).
# Prints per cohort the exit codes, synth and evaluate wall times, the chosen method and evaluate's fail and warn
# lines; outputs under bench/work/shapes/NAME/. Needs plink2 and bcftools; about 15 minutes on 2 cores.
#   usage: bench/synth_shapes.sh [NAME ...]     NAME in: tiny noLD multi miss20 cc xsex chrvcf mousebb
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
SHARED=$(shared_dir "$ROOT")
S="$SHARED/data"
G="$ROOT/genosynth"
W="$ROOT/bench/work/shapes"
mkdir -p "$W"
cd "$W" || exit 2
"$G" --version >/dev/null   # builds the jar if needed, outside the timings
mk() { [ -f "$1.bed" ] || plink2 --dummy "${@:2}" --make-bed --out "$1" >/dev/null; }
mk tiny 40 3000 0.02 acgt --seed 1
mk noLD 1500 8000 0.01 acgt scalar-pheno --seed 1
mk miss20 300 5000 0.2 acgt --seed 1
mk xsex0 600 6000 0.01 acgt scalar-pheno --seed 2
if [ ! -f multi.bed ]; then
  cp noLD.bed multi.bed; cp noLD.fam multi.fam
  awk 'BEGIN {OFS="\t"} {c = 1 + int((NR - 1) / 364); if (c > 22) c = 22; $1 = c; $4 = 10000 * NR; $3 = 0; print}' \
      noLD.bim > multi.bim
fi
awk 'BEGIN {print "FID\tIID\tY"} {print $1 "\t" $2 "\t" $6}' noLD.fam > noLD.pheno.tsv
awk 'BEGIN {print "FID\tIID\tCC"} {print $1 "\t" $2 "\t" ($6 > 0 ? 2 : 1)}' noLD.fam > cc.pheno.tsv
if [ ! -f xsex.bed ]; then
  cp xsex0.bed xsex.bed
  awk 'BEGIN {OFS="\t"} {if (NR > 5000) $1 = "X"; else $1 = 1 + int((NR - 1) / 500); $4 = 5000 * NR; print}' \
      xsex0.bim > xsex.bim
  awk '{$5 = (NR % 2) + 1; print}' xsex0.fam > xsex.fam
fi
awk 'BEGIN {print "FID\tIID\tY"} {v = $6; if (NR % 3 == 0) v = "NA"; print $1 "\t" $2 "\t" v}' xsex0.fam \
    > xsex.pheno.tsv
if [ ! -f chr.vcf.gz ]; then
  bcftools view "$S/human_1kg_chr20/unphased203.vcf.gz" | awk 'BEGIN {OFS="\t"} /^##contig=<ID=20/ \
      {sub("ID=20", "ID=chr20")} /^#/ {print; next} {$1 = "chr" $1; print}' | bcftools view -Oz -o chr.vcf.gz
fi
genotypes() { ls "$1".* 2>/dev/null | grep -E '\.(bed|vcf\.gz|geno\.txt\.gz|bcf)$' | head -1; }
run() {   # NAME GENOTYPES [PHENO COLUMN]
  local name=$1 in=$2 ph=${3:-} col=${4:-} d="$W/$1" pa=() sa=() ea=() t1 t2 t3 rs rsy re
  rm -rf "$d"; mkdir -p "$d"
  [ -n "$ph" ] && pa=(--pheno "$ph")
  "$G" split --input "$in" "${pa[@]}" --fraction 0.7 --seed 1 --out "$d/sp" > "$d/split.log" 2>&1; rs=$?
  if [ -n "$ph" ]; then
    sa=(--pheno "$d/sp.train.pheno.tsv" --pheno-col "$col")
    ea=(--pheno "$d/sp.train.pheno.tsv" --synthetic-pheno "$d/syn.pheno.tsv" --holdout-pheno "$d/sp.holdout.pheno.tsv"
        --pheno-col "$col")
  fi
  t1=$(date +%s.%N)
  "$G" synth --input "$(genotypes "$d/sp.train")" "${sa[@]}" --seed 1 --out "$d/syn" > "$d/synth.log" 2>&1; rsy=$?
  t2=$(date +%s.%N)
  "$G" evaluate --real "$(genotypes "$d/sp.train")" --synthetic "$(genotypes "$d/syn")" \
      --holdout "$(genotypes "$d/sp.holdout")" "${ea[@]}" --out "$d/eval" > "$d/eval.log" 2>&1; re=$?
  t3=$(date +%s.%N)
  printf '%-8s exit split %d synth %d (%.0f s) evaluate %d (%.0f s); chosen %s; %s\n' "$name" "$rs" "$rsy" \
      "$(awk -v a="$t1" -v b="$t2" 'BEGIN {print b - a}')" "$re" "$(awk -v a="$t2" -v b="$t3" 'BEGIN {print b - a}')" \
      "$(grep -o '"chosen": "[^"]*"' "$d/syn.manifest.json" 2>/dev/null | head -1 | cut -d'"' -f4)" \
      "$(grep -h '^verdicts' "$d/eval.log")"
  for f in split synth eval; do [ -s "$d/$f.log" ] && grep -h '^genosynth: error' "$d/$f.log"; done
  grep -hE '^(fail|warn):' "$d/eval.log" | sed 's/^/    /'
}
for job in ${@:-tiny noLD multi miss20 cc xsex chrvcf mousebb}; do
  case $job in
    tiny) run tiny tiny ;;
    noLD) run noLD noLD noLD.pheno.tsv Y ;;
    multi) run multi multi noLD.pheno.tsv Y ;;
    miss20) run miss20 miss20 ;;
    cc) run cc noLD cc.pheno.tsv CC ;;
    xsex) run xsex xsex xsex.pheno.tsv Y ;;
    chrvcf) run chrvcf chr.vcf.gz ;;
    mousebb) run mousebb "$S/mouse_hs1940/mouse_hs1940.geno.txt.gz" "$S/mouse_hs1940/mouse_hs1940.pheno.txt.gz" 2 ;;
    *) echo "unknown cohort: $job" >&2; exit 2 ;;
  esac
done
