#!/usr/bin/env bash
# Seeded mutation fuzzing of the PLINK, VCF, BCF, BIMBAM, phenotype, table and YAML readers through the command line
# (cli/src/test/java/org/genosynth/cli/FuzzTest.java; CI runs 60 mutations). Reports crashes (exit codes other than
# 0 and 2, stack traces, internal errors), hangs (no exit within 30 s), changed inputs and leftover files; each
# failing input is kept under bench/work/fuzz/failures/run-SEED-I/.
#   usage: bench/fuzz.sh [RUNS] [SEED]      e.g. bench/fuzz.sh 10000
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-1000}"
SEED="${2:-1}"
KEEP="$ROOT/bench/work/fuzz/failures"
mkdir -p "$KEEP"
cd "$ROOT"
# offline, through the reactor (never mvn install); the summary line is printed by the test
mvn -B -ntp -o -q test -pl cli -am -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dgenosynth.fuzz.runs="$RUNS" -Dgenosynth.fuzz.seed="$SEED" -Dgenosynth.fuzz.keep="$KEEP" \
    2>&1 | grep -E "^fuzz:|^  run " || true
# mvn -q hides the test's own output: the summary line is in its report
grep -ho "fuzz: [0-9]* runs[^]]*" cli/target/surefire-reports/TEST-org.genosynth.cli.FuzzTest.xml 2>/dev/null | head -1 || true
[ -z "$(ls -A "$KEEP")" ] && echo "0 crashes, 0 hangs, 0 leftover files" && exit 0
echo "failing inputs kept in $KEEP" >&2
exit 1
