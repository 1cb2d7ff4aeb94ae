#!/usr/bin/env bash
# End-to-end throughput of `claimex extract` on a generated ~100 MB corpus.
#
#   bash benches/end_to_end.sh
#
# Builds the release binary, writes the corpus under bench-out/corpus/ (the sample articles
# in corpus/*.txt copied many times into a few hundred folders, each copy with one extra
# line so that no two files hash alike), then times
#   target/release/claimex extract bench-out/corpus -o bench-out/out.jsonl --jobs N
# for N=1 and N=all cores, RUNS times each, and reports the median wall time, MB/s, peak RSS
# (from /usr/bin/time -v), peak RSS on half the corpus, and the number of claims.
#
# Settings (environment):
#   RUNS=5         timed runs per setting (median reported)
#   TARGET_MB=100  corpus size in MB (10^6 bytes)
#   FOLDERS=300    number of sub-folders the copies are spread over
#   JOBS="1 N"     --jobs values to time (default: 1 and the number of cores)
# The corpus is kept between runs and rebuilt only when its settings change; delete
# bench-out/ to start afresh.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
TARGET_MB=${TARGET_MB:-100}
FOLDERS=${FOLDERS:-300}
CORES=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
if [[ -z "${JOBS:-}" ]]; then
  JOBS=1
  if ((CORES > 1)); then JOBS="1 $CORES"; fi
fi
OUT=bench-out
CORPUS=$OUT/corpus
BIN=target/release/claimex

say() { printf 'end_to_end: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

for n in "$RUNS" "$TARGET_MB" "$FOLDERS"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "RUNS, TARGET_MB and FOLDERS must be positive integers (got '$n')"
done
command -v cargo >/dev/null || die "cargo is not installed (https://rustup.rs)"

TIME_BIN=
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1; then
  TIME_BIN=/usr/bin/time
else
  say "GNU time (/usr/bin/time) is missing: peak RSS will not be reported."
  say "  install it with: apt-get install time   (Debian/Ubuntu; needs root or sudo)"
fi

# ---------------------------------------------------------------- build
say "building the release binary (cargo build --release)"
cargo build --release --quiet
[[ -x "$BIN" ]] || die "$BIN was not built"

# ---------------------------------------------------------------- corpus
shopt -s nullglob
samples=(corpus/*.txt)
shopt -u nullglob
((${#samples[@]} > 0)) || die "no sample articles in corpus/*.txt"

pass_bytes=0
texts=()
for f in "${samples[@]}"; do
  texts+=("$(<"$f")")
  pass_bytes=$((pass_bytes + $(wc -c <"$f")))
done
target_bytes=$((TARGET_MB * 1000000))
passes=$(((target_bytes + pass_bytes - 1) / pass_bytes))
per_folder=$(((passes + FOLDERS - 1) / FOLDERS))
passes=$((per_folder * FOLDERS))
sample_sum=$(cat "${samples[@]}" | cksum)
stamp="samples=$sample_sum folders=$FOLDERS per_folder=$per_folder"

# A copy's extra line spells its number in letters: digits in it could be read as a claim.
letters() {
  local n=$1 out= d=(a b c d e f g h i j)
  while :; do
    out=${d[n % 10]}$out
    n=$((n / 10))
    ((n > 0)) || break
  done
  printf '%s' "$out"
}

if [[ -f "$CORPUS/.stamp" && "$(<"$CORPUS/.stamp")" == "$stamp" ]]; then
  say "reusing $CORPUS ($passes copies of the ${#samples[@]} sample articles)"
else
  say "writing $CORPUS: $passes copies of ${#samples[@]} articles in $FOLDERS folders (~$TARGET_MB MB)"
  rm -rf "$CORPUS"
  mkdir -p "$CORPUS"
  copy=0
  for ((folder = 0; folder < FOLDERS; folder++)); do
    dir=$(printf '%s/%03d' "$CORPUS" "$folder")
    mkdir -p "$dir"
    for ((k = 0; k < per_folder; k++)); do
      tag=$(letters "$copy")
      for i in "${!samples[@]}"; do
        name=${samples[$i]##*/}
        printf '%s\n\nArchive copy %s.\n' "${texts[$i]}" "$tag" >"$dir/${tag}_${name}"
      done
      copy=$((copy + 1))
    done
  done
  printf '%s' "$stamp" >"$CORPUS/.stamp"
fi
corpus_bytes=$(find "$CORPUS" -name '*.txt' -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
corpus_files=$(find "$CORPUS" -name '*.txt' -type f | wc -l)
folders=("$CORPUS"/[0-9][0-9][0-9])
half=("${folders[@]:0:$((${#folders[@]} / 2))}")
half_bytes=$(find "${half[@]}" -name '*.txt' -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
say "corpus: $corpus_files files, $(awk -v b="$corpus_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB"

# ---------------------------------------------------------------- runs
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
now() { date +%s.%N; }

# run JOBS PATHS...: one timed extraction; sets LAST_SECONDS, LAST_RSS_KB, LAST_CLAIMS.
run() {
  local jobs=$1
  shift
  local log=$OUT/run.log tlog=$OUT/time.log start end
  rm -f "$OUT/out.jsonl"
  start=$(now)
  if [[ -n "$TIME_BIN" ]]; then
    "$TIME_BIN" -v -o "$tlog" "$BIN" extract "$@" -o "$OUT/out.jsonl" --jobs "$jobs" 2>"$log" ||
      die "claimex failed (jobs=$jobs): $(tail -n 5 "$log")"
  else
    "$BIN" extract "$@" -o "$OUT/out.jsonl" --jobs "$jobs" 2>"$log" ||
      die "claimex failed (jobs=$jobs): $(tail -n 5 "$log")"
  fi
  end=$(now)
  LAST_SECONDS=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')
  LAST_RSS_KB=
  if [[ -n "$TIME_BIN" ]]; then
    LAST_RSS_KB=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$tlog")
  fi
  # claimex: N documents, M claims, F failed, X MB in Ys (Z MB/s)
  LAST_CLAIMS=$(sed -n 's/^claimex: [0-9]* documents, \([0-9]*\) claims.*/\1/p' "$log" | tail -n 1)
  local lines
  lines=$(wc -l <"$OUT/out.jsonl")
  [[ "$LAST_CLAIMS" == "$lines" ]] || die "claimex reported '$LAST_CLAIMS' claims but wrote $lines lines"
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
rss_mb() { if [[ -n "$1" ]]; then awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; else printf 'n/a'; fi; }

say "warm-up run (fills the page cache; not timed)"
run "$CORES" "$CORPUS"
claims=$LAST_CLAIMS
((claims > 0)) || die "no claims extracted: check the binary and the corpus"

declare -A MED_S MED_MBS MED_RSS
for jobs in $JOBS; do
  secs=() rss=()
  for ((r = 1; r <= RUNS; r++)); do
    run "$jobs" "$CORPUS"
    [[ "$LAST_CLAIMS" == "$claims" ]] || die "claims differ between runs: $LAST_CLAIMS vs $claims"
    secs+=("$LAST_SECONDS")
    if [[ -n "$LAST_RSS_KB" ]]; then rss+=("$LAST_RSS_KB"); fi
    say "jobs=$jobs run $r/$RUNS: ${LAST_SECONDS}s, $(awk -v b="$corpus_bytes" -v s="$LAST_SECONDS" 'BEGIN { printf "%.1f", b / 1e6 / s }') MB/s, peak RSS $(rss_mb "$LAST_RSS_KB") MB"
  done
  MED_S[$jobs]=$(printf '%s\n' "${secs[@]}" | median)
  MED_MBS[$jobs]=$(awk -v b="$corpus_bytes" -v s="${MED_S[$jobs]}" 'BEGIN { printf "%.1f", b / 1e6 / s }')
  if ((${#rss[@]} > 0)); then MED_RSS[$jobs]=$(printf '%s\n' "${rss[@]}" | median); else MED_RSS[$jobs]=; fi
done

# Peak RSS on half the corpus, same --jobs as the last setting: memory should not grow with it.
last_jobs=${JOBS##* }
half_rss=()
for ((r = 1; r <= RUNS; r++)); do
  run "$last_jobs" "${half[@]}"
  if [[ -n "$LAST_RSS_KB" ]]; then half_rss+=("$LAST_RSS_KB"); fi
done
half_claims=$LAST_CLAIMS
HALF_RSS=
if ((${#half_rss[@]} > 0)); then HALF_RSS=$(printf '%s\n' "${half_rss[@]}" | median); fi
rm -f "$OUT/out.jsonl" "$OUT/run.log" "$OUT/time.log"

# ---------------------------------------------------------------- summary
expected=$((claims / passes))
printf '\nclaimex end to end: %s files, %s MB in %s folders, %s cores, %s runs each (median)\n' \
  "$corpus_files" "$(mb "$corpus_bytes")" "${#folders[@]}" "$CORES" "$RUNS"
printf 'claims: %s (%s per copy of the %s sample articles); half corpus: %s claims\n\n' \
  "$claims" "$expected" "${#samples[@]}" "$half_claims"
printf '| %-22s | %10s | %8s | %14s | %13s |\n' "setting" "wall (s)" "MB/s" "MB/s per core" "peak RSS (MB)"
printf '| %-22s | %10s | %8s | %14s | %13s |\n' "---" "---:" "---:" "---:" "---:"
base=
for jobs in $JOBS; do
  per_core=$(awk -v m="${MED_MBS[$jobs]}" -v j="$jobs" 'BEGIN { printf "%.1f", m / j }')
  printf '| %-22s | %10s | %8s | %14s | %13s |\n' "full, --jobs $jobs" "${MED_S[$jobs]}" "${MED_MBS[$jobs]}" "$per_core" "$(rss_mb "${MED_RSS[$jobs]}")"
  if [[ -z "$base" ]]; then base=${MED_S[$jobs]}; fi
done
printf '| %-22s | %10s | %8s | %14s | %13s |\n' "half, --jobs $last_jobs" "" "" "" "$(rss_mb "$HALF_RSS")"
if [[ "$JOBS" == *" "* ]]; then
  printf '\nspeed-up --jobs %s / --jobs %s: %sx\n' "$last_jobs" "${JOBS%% *}" \
    "$(awk -v a="$base" -v b="${MED_S[$last_jobs]}" 'BEGIN { printf "%.2f", a / b }')"
fi
if ((claims % passes != 0)); then
  say "warning: $claims claims is not a whole number per copy ($passes copies): the copy lines may be read as text"
fi
