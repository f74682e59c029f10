#!/usr/bin/env bash
# Fidelity and privacy of every table synthesizer on scikit-learn's diabetes table (442 patients): SPLITS random 70/30
# splits (seeds 1..SPLITS, default 5); on each, copula and cart (non-private, epsilon = inf) and the differentially
# private aim, dpcopula and privbayes at epsilon 0.5, 1 and 4 (and aim and dpcopula at epsilon 1000, their nearly
# non-private limit: they need a finite budget; both get the public bounds below) learn the training part (309 rows, as many synthetic rows, seed 1) and 'table evaluate' scores them against it with the holdout. The real-vs-real baseline (the holdout scored the same
# way) is printed beside each score. Prints one line per run and a table of means per method and epsilon.
# Not a speed benchmark: there is no peer tool on Debian to time against.
# SEEDS="1 2 3" runs every synthesizer with several seeds per split (default: seed 1).
#   usage: [SEEDS="1 2"] bench/table_scores.sh [SPLITS] [METHOD:EPSILON ...]   e.g. bench/table_scores.sh 5 "copula:inf aim:1"
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SPLITS="${1:-5}"
RUNS="${2:-copula:inf cart:inf aim:0.5 aim:1 aim:4 aim:1000 dpcopula:0.5 dpcopula:1 dpcopula:4 dpcopula:1000 privbayes:0.5 privbayes:1 privbayes:4}"
WORK="$ROOT/bench/work/table"
mkdir -p "$WORK"
DATA="$ROOT/../shared/data/clinical/diabetes_data_raw.csv.gz"
NAMES=age,sex,bmi,bp,s1,s2,s3,s4,s5,s6
# AIM's public schema: round, clinically plausible ranges for adults (age in years; BMI; mean arterial pressure, mmHg;
# s1 total cholesterol, s2 LDL, s3 HDL, s6 glucose, mg/dL; s4 total/HDL cholesterol ratio; s5 ln triglycerides),
# written by hand, not computed from the table (they contain its range; the author had seen the data).
BOUNDS=(--bounds age=18:90 --bounds bmi=15:50 --bounds bp=50:150 --bounds s1=80:350 --bounds s2=30:260
  --bounds s3=15:110 --bounds s4=1:10 --bounds s5=3:6.5 --bounds s6=50:200)
"$ROOT/genosynth" --version >/dev/null
gs() { java ${JAVA_OPTS:-} -jar "$ROOT/cli/target/genosynth.jar" "$@" >/dev/null; }
keys="ks_complement baseline_ks_complement correlation_similarity baseline_correlation_similarity tv_complement baseline_tv_complement sdmetrics_overall baseline_sdmetrics_overall dcr_overfitting_protection mia_auc exact_copies"
for s in $(seq 1 "$SPLITS"); do
  [ -f "$WORK/d$s.train.csv" ] || gs table split --input "$DATA" --fraction 0.7 --seed "$s" --out "$WORK/d$s"
done
echo "method epsilon split $keys" | tr ' ' '\t' > "$WORK/scores.tsv"
for run in $RUNS; do
  m="${run%%:*}"; e="${run#*:}"
  case $e in
    inf) opt=(--method "$m") ;;
    *) opt=(--method "$m" --epsilon "$e") ;;
  esac
  case $m in aim|dpcopula) opt+=("${BOUNDS[@]}") ;; esac
  for s in $(seq 1 "$SPLITS"); do
   for seed in ${SEEDS:-1}; do
    name="${m}_${e}_${s}_$seed"
    rm -f "$WORK/$name.csv" "$WORK/$name.manifest.json"
    gs table synth --input "$WORK/d$s.train.csv" --names "$NAMES" "${opt[@]}" --seed "$seed" --out "$WORK/$name.csv"
    rm -rf "$WORK/eval_$name"
    gs table evaluate --real "$WORK/d$s.train.csv" --names "$NAMES" --synthetic "$WORK/$name.csv" \
      --holdout "$WORK/d$s.holdout.csv" --out "$WORK/eval_$name"
    python3 - "$WORK/eval_$name/metrics.json" "$m" "$e" "$s" $keys <<'PY' | tee -a "$WORK/scores.tsv"
import json, sys
m = json.load(open(sys.argv[1]))
print("\t".join(sys.argv[2:5] + ["%.3f" % m[k] for k in sys.argv[5:]]))
PY
   done
  done
done
echo
echo "means over $SPLITS splits (base = real-vs-real: the holdout scored the same way; epsilon inf = not private):"
python3 - "$WORK/scores.tsv" <<'PY'
import csv, sys, collections
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
groups = collections.OrderedDict()
for r in rows:
    groups.setdefault((r["method"], r["epsilon"]), []).append(r)
cols = [("KS", "ks_complement"), ("base", "baseline_ks_complement"), ("corr", "correlation_similarity"),
        ("base", "baseline_correlation_similarity"), ("TV", "tv_complement"), ("base", "baseline_tv_complement"),
        ("SDM", "sdmetrics_overall"), ("base", "baseline_sdmetrics_overall"), ("DCR", "dcr_overfitting_protection"),
        ("AUC", "mia_auc"), ("copies", "exact_copies")]
print("| method | epsilon | " + " | ".join(c[0] for c in cols) + " |")
print("|---|---|" + "---|" * len(cols))
for (m, e), rs in groups.items():
    vals = []
    for _, k in cols:
        v = [float(r[k]) for r in rs]
        vals.append("%d" % sum(v) if k == "exact_copies" else "%.3f" % (sum(v) / len(v)))
    print("| %s | %s | %s |" % (m, e, " | ".join(vals)))
PY
echo
echo "per split (KS complement and correlation similarity of splits 1..$SPLITS, then their mean):"
python3 - "$WORK/scores.tsv" <<'PY'
import csv, sys, collections
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
groups = collections.OrderedDict()
for r in rows:
    groups.setdefault((r["method"], r["epsilon"]), []).append(r)
print("| method | epsilon | KS per split | KS mean | corr per split | corr mean |")
print("|---|---|---|---|---|---|")
for (m, e), rs in groups.items():
    ks = [float(r["ks_complement"]) for r in rs]
    co = [float(r["correlation_similarity"]) for r in rs]
    print("| %s | %s | %s | %.3f | %s | %.3f |" % (m, e, " ".join("%.3f" % x for x in ks), sum(ks) / len(ks),
                                                  " ".join("%.3f" % x for x in co), sum(co) / len(co)))
PY
