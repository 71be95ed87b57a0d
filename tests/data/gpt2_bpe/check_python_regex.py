#!/usr/bin/env python3
"""Re-encodes every text of expected_ids.jsonl the way GPT-2's own encoder does (its pattern run by
the Python `regex` package) and writes the texts whose ids differ from gpt-3-encoder's to
python_regex_ids.jsonl as {"text", "ids" (GPT-2's), "gpt3_encoder_ids"}.

Run from this folder after make_expected.js, with `pip install regex`:

    python3 check_python_regex.py
"""
import json
import sys

import regex

PATTERN = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")


def byte_chars():
    printable = set(range(0x21, 0x7F)) | set(range(0xA1, 0xAD)) | set(range(0xAE, 0x100))
    table, shifted = {}, 0
    for b in range(256):
        if b in printable:
            table[b] = chr(b)
        else:
            table[b] = chr(0x100 + shifted)
            shifted += 1
    return table


def merge(symbols, ranks):
    """GPT-2's BPE: merge the lowest-ranked adjacent pair everywhere, repeat until none is left."""
    while len(symbols) > 1:
        rank, pair = min((ranks.get(p, float("inf")), p) for p in zip(symbols, symbols[1:]))
        if rank == float("inf"):
            break
        merged, i = [], 0
        while i < len(symbols):
            if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
                merged.append(pair[0] + pair[1])
                i += 2
            else:
                merged.append(symbols[i])
                i += 1
        symbols = merged
    return symbols


def main():
    with open("vocab.json", encoding="utf-8") as f:
        vocab = json.load(f)
    with open("merges.txt", encoding="utf-8") as f:
        lines = [line for line in f.read().split("\n")[1:] if line]
    ranks = {tuple(line.split(" ")): rank for rank, line in enumerate(lines)}
    chars = byte_chars()

    def encode(text):
        ids = []
        for piece in PATTERN.findall(text):
            ids += [vocab[t] for t in merge([chars[b] for b in piece.encode("utf-8")], ranks)]
        return ids

    differing, total = [], 0
    with open("expected_ids.jsonl", encoding="utf-8") as f:
        for line in f:
            case = json.loads(line)
            total += 1
            ids = encode(case["text"])
            if ids != case["ids"]:
                differing.append({"text": case["text"], "ids": ids, "gpt3_encoder_ids": case["ids"]})
    with open("python_regex_ids.jsonl", "w", encoding="utf-8") as f:
        for case in differing:
            f.write(json.dumps(case) + "\n")
    print(f"{total} texts, {len(differing)} encode differently under Python regex:", file=sys.stderr)
    for case in differing:
        print("  " + json.dumps(case["text"]), file=sys.stderr)


if __name__ == "__main__":
    main()
