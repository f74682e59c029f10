#!/usr/bin/env bash
# genosynth reads vs art_illumina (Debian art-nextgen-simulation-tools): paired-end 2 x 150 bp reads, fragments
# 350 +- 50 bp, same synthetic reference (genosynth reference, default 5 Mb, GC 41%) and coverage (default 30x).
# ART uses its built-in HiSeq 2500 profile and writes plain FASTQ without alignment files (-na); it runs on one thread
# (it has no thread option). genosynth writes gzipped FASTQ (level 1) on 2 threads, first without the golden BAM
# (the comparable job), then with it (ART's comparable option is -sam). Reports read pairs per second (median of RUNS
# runs, default 5, JVM start-up included) and the ratio genosynth / ART (> 1: genosynth faster).
#   usage: bench/reads_vs_art.sh [RUNS] [LENGTH_BP] [COVERAGE]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-5}"
LENGTH="${2:-5000000}"
COVERAGE="${3:-30}"
WORK="$ROOT/bench/work/reads"
mkdir -p "$WORK"
cd "$WORK"
"$ROOT/genosynth" --version >/dev/null   # builds the jar if needed, outside the timings
ref="ref_${LENGTH}"
[ -f "$ref.fa" ] || "$ROOT/genosynth" reference --length "$LENGTH" --seed 1 --out "$ref" >/dev/null
printf '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n' > empty.vcf

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

art_cmd=(art_illumina -ss HS25 -i "$ref.fa" -p -l 150 -f "$COVERAGE" -m 350 -s 50 -rs 1 -na -o art_)
art_sam_cmd=(art_illumina -ss HS25 -i "$ref.fa" -p -l 150 -f "$COVERAGE" -m 350 -s 50 -rs 1 -na -sam -o art_sam_)
ours_cmd=("$ROOT/genosynth" reads --reference "$ref.fa" --vcf empty.vcf --sample S1 --coverage "$COVERAGE"
  --read-length 150 --fragment-mean 350 --fragment-sd 50 --threads 2 --no-golden-bam --out ours)
ours_bam_cmd=("$ROOT/genosynth" reads --reference "$ref.fa" --vcf empty.vcf --sample S1 --coverage "$COVERAGE"
  --read-length 150 --fragment-mean 350 --fragment-sd 50 --threads 2 --out ours_bam)
wall "${art_cmd[@]}" >/dev/null; wall "${ours_cmd[@]}" >/dev/null   # warm-up: page cache, JIT caches
a=(); o=(); as=(); ob=()
for _ in $(seq "$RUNS"); do
  a+=("$(wall "${art_cmd[@]}")")
  o+=("$(wall "${ours_cmd[@]}")")
  as+=("$(wall "${art_sam_cmd[@]}")")
  ob+=("$(wall "${ours_bam_cmd[@]}")")
done
art_pairs=$(( $(wc -l < art_1.fq) / 4 ))
our_pairs=$(( $(gzip -dc ours_R1.fastq.gz | wc -l) / 4 ))
ta=$(printf '%s\n' "${a[@]}" | median); to=$(printf '%s\n' "${o[@]}" | median)
tas=$(printf '%s\n' "${as[@]}" | median); tob=$(printf '%s\n' "${ob[@]}" | median)
rate() { awk -v n="$1" -v t="$2" 'BEGIN {printf "%.0f", n / t}'; }
echo "read simulation, ${LENGTH} bp reference, ${COVERAGE}x, 2 x 150 bp ($RUNS runs, median wall time, $(nproc) cores)"
echo "  art_illumina (1 thread), FASTQ         : ${ta} s  $(rate "$art_pairs" "$ta") pairs/s  (runs: ${a[*]})"
echo "  genosynth reads (2 threads), FASTQ.gz  : ${to} s  $(rate "$our_pairs" "$to") pairs/s  (runs: ${o[*]})"
echo "  ratio genosynth/ART pairs per second   : $(awk -v a="$art_pairs" -v ta="$ta" -v o="$our_pairs" -v to="$to" 'BEGIN {printf "%.2f", (o / to) / (a / ta)}')"
echo "  art_illumina -sam (+ SAM alignments)   : ${tas} s  $(rate "$art_pairs" "$tas") pairs/s  (runs: ${as[*]})"
echo "  genosynth reads + golden BAM (sorted)  : ${tob} s  $(rate "$our_pairs" "$tob") pairs/s  (runs: ${ob[*]})"
echo "  ratio with alignments                  : $(awk -v a="$art_pairs" -v ta="$tas" -v o="$our_pairs" -v to="$tob" 'BEGIN {printf "%.2f", (o / to) / (a / ta)}')"
