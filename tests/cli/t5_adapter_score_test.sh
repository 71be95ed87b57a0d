#!/usr/bin/env bash
# `pwb score --adapter DIR` on T5: PEFT's ia3_perturbed adapter for the t5-tiny fixture. PEFT's loss
# for it, 7.420599937438965, is the mean negative log-likelihood over the 34 target tokens (13 + 7
# + 14, EOS included) of the three reference texts, so their three printed totals add up to
# -7.420599937438965 × 34 = -252.3003979 (within the fixtures' relative 1e-5). Without the adapter
# the model scores them differently.
set -euo pipefail
pwb=$1
write_fixture_adapter=$2
fixture=$3  # .../reference/t5-tiny
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMP_NUM_THREADS=1

"$write_fixture_adapter" "$fixture" ia3_perturbed "$work/adapter"

# The total log-likelihood pwb prints for a target after an input, with the given options.
total() {
  "$pwb" score --model "$fixture" --context "$1" --continuation "$2" --json "${@:3}" |
    sed -n 's/^ *"total_log_likelihood": \([-+.0-9eE]*\),\{0,1\}$/\1/p'
}
summed() {
  {
    total "The quick brown fox jumps over the lazy dog." "A fox jumps." "$@"
    total "Permission is granted to copy, distribute and modify this document." "You may copy the document." "$@"
    total "Numbers like 2024 and symbols like @ or ~ are rare here." "Rare symbols." "$@"
  } | awk '{ sum += $1; n += 1 } END { if (n != 3) exit 1; printf "%.7f\n", sum }'
}

adapted=$(summed --adapter "$work/adapter")
base=$(summed)
echo "summed log-likelihood with the adapter: $adapted (PEFT: -252.3003979), without: $base"
awk -v got="$adapted" -v base="$base" 'BEGIN {
  expected = -7.420599937438965 * 34
  d = got - expected; if (d < 0) d = -d
  if (d > 1e-5 * 252.3) { print "the adapter is not applied as PEFT applies it"; exit 1 }
  d = got - base; if (d < 0) d = -d
  if (d < 1e-3) { print "the adapter changes nothing"; exit 1 }
}'
echo "t5 score --adapter: ok"
