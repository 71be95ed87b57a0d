#!/usr/bin/env bash
# `pwb train --out DIR` stopped by Ctrl-C leaves DIR/pwb-train-run.json; `pwb train --resume DIR`
# continues the stored run to the end, writes the adapter and removes the marker.
set -euo pipefail
pwb=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMP_NUM_THREADS=1

"$pwb" --db "$work/runs.sqlite" train --model stories260k --data uci_amazon --method lora --r 2 \
  --verbalizer "0=bad,1=good" --steps 60 --train-size 16 --test-limit 6 --eval-every 0 \
  --out "$work/adapter" >"$work/first.out" 2>"$work/first.err" &
pid=$!
# Interrupt as soon as the run has started: 60 steps cannot be done by then.
for _ in $(seq 600); do
  grep -q '^\[1/1\]' "$work/first.err" 2>/dev/null && break
  sleep 0.05
done
kill -INT "$pid"
status=0
wait "$pid" || status=$?
[ "$status" -eq 130 ] || { echo "first run: exit $status, expected 130 (cancelled)"; cat "$work/first.err"; exit 1; }
grep -q 'pwb train --resume' "$work/first.out" || { echo "no resume hint"; cat "$work/first.out"; exit 1; }
[ -f "$work/adapter/pwb-train-run.json" ] || { echo "no pwb-train-run.json"; exit 1; }
[ ! -f "$work/adapter/adapter_model.safetensors" ] || { echo "an adapter was written for an unfinished run"; exit 1; }

"$pwb" train --resume "$work/adapter" >"$work/second.out" 2>"$work/second.err" \
  || { echo "resume failed"; cat "$work/second.err"; exit 1; }
grep -q '^run 1: finished' "$work/second.out" || { echo "run 1 did not finish"; cat "$work/second.out"; exit 1; }
[ -f "$work/adapter/adapter_model.safetensors" ] || { echo "no adapter after the resumed run"; exit 1; }
[ ! -f "$work/adapter/pwb-train-run.json" ] || { echo "the marker is still there"; exit 1; }

# A folder with nothing to resume is a clear error.
if "$pwb" train --resume "$work/adapter" 2>"$work/third.err"; then echo "resumed a finished run"; exit 1; fi
grep -q 'no interrupted run to continue here' "$work/third.err" || { cat "$work/third.err"; exit 1; }
echo "train --resume: ok"
