#!/usr/bin/env bash
# The structure/privacy trade-off of a cohort, measured with genomes that keep nothing but allele frequencies
# (bench/frequency_genomes.py): pooled frequencies, then clusters' own frequencies shrunk to the pooled ones by LAMBDA,
# each judged by `genosynth evaluate` against the holdout (PCA KS, membership AUC, DCR share, heterozygosity and
# kinship KS), beside the verdicts of the cohort's own `synth` run. docs/synth.md reads it on the chimeras.
# Needs a cohort directory written by bench/synth_cohorts.sh (split.train/split.holdout, syn, eval), e.g.
#   CHIMERAS=8 bench/synth_cohorts.sh && bench/structure_frontier.sh bench/work/cohorts/1kg-x8
#   usage: bench/structure_frontier.sh COHORT_DIR ["LAMBDA:CLUSTERS" ...]   (default: 0:1 0.25:5 0.5:5 1:5 1:2 1:10;
#   CLUSTERS localSHARE: the frequencies of the SHARE nearest genomes, e.g. 1:local0.15; bench/frequency_genomes.py)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
G="$ROOT/genosynth"
d="$1"
shift
settings=("$@")
[ ${#settings[@]} -gt 0 ] || settings=(0:1 0.25:5 0.5:5 1:5 1:2 1:10)
[ -f "$d/split.train.bed" ] && [ -f "$d/eval/metrics.json" ] || {
  echo "structure_frontier: $d has no split.train.bed or eval/metrics.json (run bench/synth_cohorts.sh first)" >&2; exit 2; }
out="$d/frontier"
mkdir -p "$out"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
rows=("synth (defaults):$d/eval")
for s in "${settings[@]}"; do
  lam="${s%%:*}"; k="${s#*:}"
  t="$out/freq_l${lam}_k$k"
  python3 "$ROOT/bench/frequency_genomes.py" "$d/split.train" "$t" "$lam" "$k" >/dev/null
  "$G" evaluate --real "$d/split.train.bed" --synthetic "$t.bed" --holdout "$d/split.holdout.bed" --out "$t.eval" \
      >/dev/null
  if [[ $k == local* ]]; then what="the nearest ${k#local}"; else what="$k clusters"; fi
  rows+=("frequencies, lambda $lam, $what:$t.eval")
done
python3 - "${rows[@]}" <<'PY'
import json, sys
keys = ['pca_ks_distance', 'mia_auc', 'dcr_share_closer', 'heterozygosity_ks', 'kinship_ks']
print('%-40s' % 'generator' + ''.join('%-20s' % k for k in keys))
for row in sys.argv[1:]:
    name, path = row.rsplit(':', 1)
    v = json.load(open(path + '/metrics.json'))['verdicts']
    print('%-40s' % name + ''.join('%-20s' % ('%.3f %s' % (v[k]['value'], v[k]['verdict']) if k in v else '-')
                                  for k in keys))
PY
