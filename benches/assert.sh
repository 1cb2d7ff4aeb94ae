#!/usr/bin/env bash
# Throughput and memory of `claimex assert` on the claims of ~100,000 articles.
#
#   bash benches/assert.sh
#
# Extracts the claims of corpus/ and (when ../shared is there) the dated development pages
# ../shared/gold/dev/html/ with the release binary, then writes bench-out/assert/claims.jsonl:
# those articles' claims copied until ARTICLES articles are reached, each copy a different
# article (its own text hash, claim ids, and dates moved by 0-4 years, so that copies fall in
# different time windows and sources stay independent; the subject and place ids of copy k
# take the suffix ~(k mod KEYS), so that the claims fall into many assertions, as many
# articles on many topics would). Then times
#   target/release/claimex assert bench-out/assert/claims.jsonl -o bench-out/assert/out.jsonl
# RUNS times and reports the median wall time, claims/s, MB/s and peak RSS (/usr/bin/time -v).
#
# Settings (environment): ARTICLES=100000, KEYS=5000 (distinct topics), RUNS=3, BUILD=0 to
# time the binary already built.
set -euo pipefail
cd "$(dirname "$0")/.."

ARTICLES=${ARTICLES:-100000}
KEYS=${KEYS:-5000}
RUNS=${RUNS:-3}
OUT=bench-out/assert
BIN=target/release/claimex
[[ -n "${CARGO_TARGET_DIR:-}" ]] && BIN=$CARGO_TARGET_DIR/release/claimex
say() { printf 'assert bench: %s\n' "$*" >&2; }

if [[ "${BUILD:-1}" != 0 ]]; then
  say "building the release binary"
  cargo build --release --quiet --bin claimex
fi
mkdir -p "$OUT"

inputs=(corpus)
[[ -d ../shared/gold/dev/html ]] && inputs+=(../shared/gold/dev/html)
"$BIN" extract --quiet "${inputs[@]}" -o "$OUT/seed.jsonl"

if [[ ! -s "$OUT/claims.jsonl" || "$(cat "$OUT/settings" 2>/dev/null)" != "$ARTICLES $KEYS $(sha256sum < "$OUT/seed.jsonl")" ]]; then
  say "writing the claims of $ARTICLES articles"
  python3 - "$OUT/seed.jsonl" "$OUT/claims.jsonl" "$ARTICLES" "$KEYS" <<'PY'
import json, re, sys
seed, out, articles, keys = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
entity = re.compile(r'"id":"((?:place|org|person):[^"]*)"')
docs = {}
for line in open(seed, encoding="utf-8"):
    r = json.loads(line)
    docs.setdefault(r["doc"]["text_sha256"], []).append(line)
groups = list(docs.values())
date = re.compile(r'"(\d{4})-(\d\d)-(\d\d)')
with open(out, "w", encoding="utf-8") as f:
    for k in range(articles):
        lines = groups[k % len(groups)]
        shift = k % 5
        text_hash = lines and json.loads(lines[0])["doc"]["text_sha256"]
        new_hash = f"{k:016x}" + text_hash[16:]
        for i, line in enumerate(lines):
            line = line.replace(text_hash, new_hash)
            line = re.sub(r'"id":"[0-9a-f]{16}"', f'"id":"{k:08x}{i:08x}"', line, count=1)
            line = entity.sub(lambda m: f'"id":"{m.group(1)}~{k % keys}"', line)
            if shift:
                line = date.sub(lambda m: f'"{int(m.group(1)) + shift}-{m.group(2)}-{m.group(3)}', line)
            f.write(line)
PY
  echo "$ARTICLES $KEYS $(sha256sum < "$OUT/seed.jsonl")" > "$OUT/settings"
fi
claims=$(wc -l < "$OUT/claims.jsonl")
bytes=$(stat -c %s "$OUT/claims.jsonl")
say "$claims claims, $((bytes / 1000000)) MB"

times=()
for ((r = 1; r <= RUNS; r++)); do
  sync
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -v "$BIN" assert "$OUT/claims.jsonl" -o "$OUT/out.jsonl" 2> "$OUT/time.txt"
    grep -E "^claimex:" "$OUT/time.txt" >&2
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$OUT/time.txt" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$OUT/time.txt")
  else
    start=$(date +%s.%N); "$BIN" assert "$OUT/claims.jsonl" -o "$OUT/out.jsonl"; end=$(date +%s.%N)
    wall=$(echo "$end - $start" | bc); rss=0
  fi
  times+=("$wall $rss")
done
printf '%s\n' "${times[@]}" | sort -n | awk -v n="$RUNS" -v c="$claims" -v b="$bytes" -v a="$ARTICLES" '
  { w[NR] = $1; m[NR] = $2 } END {
    med = w[int((n + 1) / 2)]; rss = m[int((n + 1) / 2)]
    printf "assert: %d articles, %d claims, %.0f MB: median %.2f s (%.0f claims/s, %.0f MB/s), peak RSS %.0f MB\n",
      a, c, b / 1e6, med, c / med, b / 1e6 / med, rss / 1024 }'
