#!/usr/bin/env bash
# Seeded mutation fuzzing of the PLINK, VCF, BCF, BIMBAM, phenotype, table and YAML readers through the command line
# (cli/src/test/java/org/genosynth/cli/FuzzTest.java; CI runs 60 mutations). Reports crashes (exit codes other than
# 0 and 2, stack traces, internal errors), hangs (no exit within 30 s), changed inputs and leftover files; each
# failing input of this run is kept under bench/work/fuzz/failures/run-SEED-I/ (emptied at the start of every run).
# Exit 0 only when the fuzz test ran and found nothing; 1 when it found failures; 3 when it did not run (the build or
# the tests failed to compile, or the test's report is missing).
#   usage: bench/fuzz.sh [RUNS] [SEED]      e.g. bench/fuzz.sh 10000
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-1000}"
SEED="${2:-1}"
KEEP="$ROOT/bench/work/fuzz/failures"
REPORT="$ROOT/cli/target/surefire-reports/TEST-org.genosynth.cli.FuzzTest.xml"
LOG="$ROOT/bench/work/fuzz/mvn.log"
# failures of an earlier run are not this run's: start empty
rm -rf "$KEEP"
mkdir -p "$KEEP"
rm -f "$REPORT"
cd "$ROOT"
# offline, through the reactor (never mvn install); the summary line is printed by the test
set +e
mvn -B -ntp -o -q test -pl cli -am -Dtest=FuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dgenosynth.fuzz.runs="$RUNS" -Dgenosynth.fuzz.seed="$SEED" -Dgenosynth.fuzz.keep="$KEEP" > "$LOG" 2>&1
MVN=$?
set -e
grep -E "^fuzz:|^  run " "$LOG" || true
# mvn -q hides the test's own output: the summary line is in its report
SUMMARY="$(grep -ho "fuzz: [0-9]* runs[^]]*" "$REPORT" 2>/dev/null | head -1 || true)"
if [ -z "$SUMMARY" ]; then
    echo "fuzz.sh: the fuzz test did not run (mvn exit $MVN: a build or compilation failure?); see $LOG" >&2
    grep -E "ERROR|BUILD" "$LOG" | head -20 >&2 || true
    exit 3
fi
echo "$SUMMARY"
if [ -z "$(ls -A "$KEEP")" ] && [ "$MVN" -eq 0 ]; then
    echo "0 crashes, 0 hangs, 0 leftover files"
    exit 0
fi
[ -n "$(ls -A "$KEEP")" ] && echo "failing inputs kept in $KEEP" >&2
[ "$MVN" -ne 0 ] && echo "mvn exit $MVN; see $LOG" >&2
exit 1
