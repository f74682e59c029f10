#!/usr/bin/env bash
# Fidelity and privacy of the table synthesizers on scikit-learn's diabetes table (442 patients): SPLITS random 70/30
# splits (seeds 1..SPLITS, default 5); on each, copula, cart, and PrivBayes at epsilon 1 and 10 learn the training part
# (309 rows, as many synthetic rows, seed 1) and 'table evaluate' scores them against it with the holdout. Prints one
# line per run and the mean per method. Not a speed benchmark: there is no peer tool on Debian to time against.
#   usage: bench/table_scores.sh [SPLITS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SPLITS="${1:-5}"
WORK="$ROOT/bench/work/table"
mkdir -p "$WORK"
DATA="$ROOT/../shared/data/clinical/diabetes_data_raw.csv.gz"
NAMES=age,sex,bmi,bp,s1,s2,s3,s4,s5,s6
"$ROOT/genosynth" --version >/dev/null
gs() { java -jar "$ROOT/cli/target/genosynth.jar" "$@" >/dev/null; }
keys="ks_complement baseline_ks_complement correlation_similarity baseline_correlation_similarity tv_complement dcr_overfitting_protection mia_auc exact_copies"
echo "method split $keys" | tr ' ' '\t'
for s in $(seq 1 "$SPLITS"); do
  gs table split --input "$DATA" --fraction 0.7 --seed "$s" --out "$WORK/d$s"
  for m in copula cart eps1 eps10; do
    case $m in
      eps*) opt=(--epsilon "${m#eps}") ;;
      *) opt=(--method "$m") ;;
    esac
    gs table synth --input "$WORK/d$s.train.csv" --names "$NAMES" "${opt[@]}" --seed 1 --out "$WORK/$m$s.csv"
    gs table evaluate --real "$WORK/d$s.train.csv" --names "$NAMES" --synthetic "$WORK/$m$s.csv" \
      --holdout "$WORK/d$s.holdout.csv" --out "$WORK/eval_$m$s"
    python3 - "$WORK/eval_$m$s/metrics.json" "$m" "$s" $keys <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print("\t".join([sys.argv[2], sys.argv[3]] + ["%.3f" % m[k] for k in sys.argv[4:]]))
PY
  done
done | tee "$WORK/scores.tsv"
echo "mean over $SPLITS splits:"
awk -F'\t' '{n[$1]++; for (i = 3; i <= NF; i++) s[$1, i] += $i; w = NF}
  END {for (m in n) {line = m; for (i = 3; i <= w; i++) line = line sprintf("\t%.3f", s[m, i] / n[m]); print line}}' \
  "$WORK/scores.tsv" | sort
