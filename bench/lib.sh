# Shared helpers of the bench/*_vs_*.sh scripts (sourced, not run).
# wall CMD...   runs CMD quietly and prints its wall time in seconds
wall() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); awk -v a="$s" -v b="$e" 'BEGIN {printf "%.3f\n", b - a}'; }
# median        the median of the numbers on standard input, one per line
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
# loadavg       the 1-, 5- and 15-minute load averages (other jobs on the machine inflate every wall time)
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
# timed CMD...  runs CMD quietly and prints its wall time and its CPU time (user + system), in seconds
timed() {
  local TIMEFORMAT='%R %U %S' t
  t=$( { time "$@" >/dev/null 2>&1; } 2>&1 )
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' <<<"$t"
}
# dummy_bed SAMPLES VARIANTS  prints dummy_SAMPLESxVARIANTS, the prefix of a plink2 --dummy fileset (1% missing calls,
#               seed 1) in the current directory, made first if it is not there
dummy_bed() {
  local d="dummy_${1}x${2}"
  if [ ! -f "$d.bed" ]; then
    echo "generating $d with plink2 --dummy ..." >&2
    plink2 --dummy "$1" "$2" 0.01 acgt --seed 1 --make-bed --out "$d" >/dev/null
  fi
  echo "$d"
}
# shared_dir ROOT  prints the shared directory (holding data/): $GENOSYNTH_SHARED, else ROOT/../shared, else
#               ROOT/../../shared (a checkout one level deeper)
shared_dir() {
  local d="${GENOSYNTH_SHARED:-$1/../shared}"
  [ -d "$d/data" ] || d="$1/../../shared"
  echo "$d"
}
