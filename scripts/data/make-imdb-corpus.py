#!/usr/bin/env python3
"""Writes the built-in model's pretraining corpus: the 25,000 reviews of the IMDb *train* split
(Maas et al. 2011), one review per line, HTML line breaks replaced by a space, xz-compressed;
and its held-out text: every 50th review of the *test* split (500 reviews), the same way.

The test split stays out of the corpus so that evaluating the built-in model on it stays fair.
Run once by the maintainers (the results are committed in resources/corpus/):

    scripts/data/make-imdb-corpus.py ../shared/data/imdb/imdb.csv.xz resources/corpus
"""
import csv
import lzma
import re
import sys


def main(source: str, folder: str) -> None:
    csv.field_size_limit(1 << 20)
    breaks = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)
    train, held_out = [], []
    with lzma.open(source, "rt", encoding="utf-8", newline="") as rows:
        for row in csv.DictReader(rows):
            text = " ".join(breaks.sub(" ", row["review"]).split())
            if row["split"] == "train":
                train.append(text)
            else:
                held_out.append(text)
    for name, texts in (("imdb_train_reviews.txt.xz", train), ("imdb_test_sample.txt.xz", held_out[::50])):
        with lzma.open(f"{folder}/{name}", "wt", encoding="utf-8", preset=9) as out:
            out.writelines(text + "\n" for text in texts if text)
        print(f"{folder}/{name}: {len(texts)} reviews")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make-imdb-corpus.py IMDB_CSV_XZ OUT_FOLDER")
    main(sys.argv[1], sys.argv[2])
