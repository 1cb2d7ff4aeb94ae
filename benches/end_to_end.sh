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
sample_sum=$(cat "${samples[@]}" | cksum)
stamp="samples=$sample_sum folders=$FOLDERS copies=$passes"

# A copy's extra line spells its number in letters: digits in it could be read as a claim.
letters() {
  local n=$1 out='' d=(a b c d e f g h i j)
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
    # The copies spread evenly: the first (passes % FOLDERS) folders take one more.
    in_folder=$((passes / FOLDERS + (folder < passes % FOLDERS ? 1 : 0)))
    for ((k = 0; k < in_folder; k++)); do
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
now() { date +%s.%N; }

# run JOBS PATHS...: one timed extraction; sets LAST_SECONDS, LAST_RSS_KB, LAST_CPU, LAST_CLAIMS,
# LAST_OUT_BYTES.
run() {
  local jobs=$1
  shift
  local log=$OUT/run.log tlog=$OUT/time.log start end lines
  rm -f "$OUT/out.jsonl"
  # The last run's 450 MB of output is still being written back to disk: left to run, that
  # writeback stalls this run's writes (seen as iowait), which measures the disk, not claimex.
  sync
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
  LAST_RSS_KB='' LAST_CPU=''
  if [[ -n "$TIME_BIN" ]]; then
    LAST_RSS_KB=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$tlog")
    LAST_CPU=$(awk -F: '/Percent of CPU this job got/ { gsub(/[ %]/, "", $2); print $2 }' "$tlog")
  fi
  # The summary line: "claimex: N documents, M claims, F failed, X MB in Ys (Z MB/s)".
  LAST_CLAIMS=$(sed -n 's/^claimex: [0-9]* documents, \([0-9]*\) claims.*/\1/p' "$log" | tail -n 1)
  lines=$(wc -l <"$OUT/out.jsonl")
  [[ "$LAST_CLAIMS" == "$lines" ]] || die "claimex reported '$LAST_CLAIMS' claims but wrote $lines lines"
  LAST_OUT_BYTES=$(wc -c <"$OUT/out.jsonl")
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.1f", b / 1e6 / s }'; }
# rss_mb KB: megabytes, rounded (empty if KB is empty).
rss_mb() { if [[ -n "$1" ]]; then awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; fi; }
# or_na VALUE [SUFFIX]: the value and its suffix, or n/a when there is no value.
or_na() { if [[ -n "$1" ]]; then printf '%s%s' "$1" "${2:-}"; else printf 'n/a'; fi; }

# Other work on the machine skews every figure: say how busy it was before and after.
load() { if [[ -r /proc/loadavg ]]; then cut -d' ' -f1-3 /proc/loadavg; else printf 'n/a'; fi; }
load_before=$(load)

say "warm-up run (fills the page cache; not timed)"
run "$CORES" "$CORPUS"
claims=$LAST_CLAIMS
out_bytes=$LAST_OUT_BYTES
((claims > 0)) || die "no claims extracted: check the binary and the corpus"

# Settings alternate within each round, so a burst of load elsewhere on the machine hits
# all of them alike rather than one.
declare -A SECS RSS CPU
for ((r = 1; r <= RUNS; r++)); do
  for jobs in $JOBS; do
    run "$jobs" "$CORPUS"
    [[ "$LAST_CLAIMS" == "$claims" ]] || die "claims differ between runs: $LAST_CLAIMS vs $claims"
    SECS[$jobs]+="$LAST_SECONDS "
    RSS[$jobs]+="$LAST_RSS_KB "
    CPU[$jobs]+="$LAST_CPU "
    say "run $r/$RUNS --jobs $jobs: ${LAST_SECONDS}s, $(mbps "$corpus_bytes" "$LAST_SECONDS") MB/s," \
      "CPU $(or_na "$LAST_CPU" %), peak RSS $(or_na "$(rss_mb "$LAST_RSS_KB")" " MB")"
  done
done

# Peak RSS on half the corpus, with the largest --jobs: memory should not grow with the corpus.
last_jobs=${JOBS##* }
half_secs='' half_rss=''
for ((r = 1; r <= RUNS; r++)); do
  run "$last_jobs" "${half[@]}"
  half_secs+="$LAST_SECONDS "
  half_rss+="$LAST_RSS_KB "
  say "half corpus run $r/$RUNS --jobs $last_jobs: ${LAST_SECONDS}s, peak RSS $(or_na "$(rss_mb "$LAST_RSS_KB")" " MB")"
done
half_claims=$LAST_CLAIMS
rm -f "$OUT/out.jsonl" "$OUT/run.log" "$OUT/time.log"
load_after=$(load)

# median LIST: the median of space-separated numbers (empty if none).
median() {
  tr ' ' '\n' <<<"$1" | awk 'NF' | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
best() { tr ' ' '\n' <<<"$1" | awk 'NF' | sort -g | head -n 1; }

# ---------------------------------------------------------------- summary
printf '\nclaimex end to end: %s files, %s MB in %s folders, %s cores, median of %s runs\n' \
  "$corpus_files" "$(mb "$corpus_bytes")" "${#folders[@]}" "$CORES" "$RUNS"
printf 'claims: %s (%s copies of the %s sample articles); JSONL written: %s MB; half corpus: %s MB, %s claims\n' \
  "$claims" "$passes" "${#samples[@]}" "$(mb "$out_bytes")" "$(mb "$half_bytes")" "$half_claims"
printf 'load average (1, 5, 15 min) before the runs: %s, after: %s (these runs count too: well above\n' \
  "$load_before" "$load_after"
printf 'the --jobs used means other work shared the cores and the figures are low)\n\n'
row() { printf '| %-20s | %8s | %6s | %13s | %11s | %5s | %13s |\n' "$@"; }
row "setting" "wall (s)" "MB/s" "MB/s per job" "best MB/s" "CPU %" "peak RSS (MB)"
row "---" "---:" "---:" "---:" "---:" "---:" "---:"
for jobs in $JOBS; do
  m=$(median "${SECS[$jobs]}")
  row "full, --jobs $jobs" "$m" "$(mbps "$corpus_bytes" "$m")" \
    "$(awk -v b="$corpus_bytes" -v s="$m" -v j="$jobs" 'BEGIN { printf "%.1f", b / 1e6 / s / j }')" \
    "$(mbps "$corpus_bytes" "$(best "${SECS[$jobs]}")")" "$(or_na "$(median "${CPU[$jobs]}" | awk 'NF { printf "%.0f", $1 }')")" \
    "$(or_na "$(rss_mb "$(median "${RSS[$jobs]}")")")"
done
m=$(median "$half_secs")
row "half, --jobs $last_jobs" "$m" "$(mbps "$half_bytes" "$m")" "" "" "" "$(or_na "$(rss_mb "$(median "$half_rss")")")"
first_jobs=${JOBS%% *}
if [[ "$first_jobs" != "$last_jobs" ]]; then
  printf '\nratio --jobs %s / --jobs %s (median MB/s): %sx\n' "$last_jobs" "$first_jobs" \
    "$(awk -v a="$(median "${SECS[$first_jobs]}")" -v b="$(median "${SECS[$last_jobs]}")" 'BEGIN { printf "%.2f", a / b }')"
fi
if ((claims % passes != 0)); then
  say "warning: $claims claims is not a whole number per copy ($passes copies): the copy lines may be read as text"
fi
