"""Write ``src/curriculum/data/reviews.csv``: short product reviews labelled positive or negative.

Every review is assembled from the word lists and sentence patterns below with a fixed seed, so
the file is the same bytes on every machine. The corpus is deliberately imperfect, as real reviews
are: many reviews mix praise and complaints, some praise is negated ("not great"), and the
product and delivery words carry no sentiment at all. Run from the repository root:

    .venv/bin/python scripts/make_reviews_corpus.py
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

SEED = 2024
N_REVIEWS = 400
OUT = Path(__file__).resolve().parents[1] / "src" / "curriculum" / "data" / "reviews.csv"

PRODUCTS = [
    "kettle",
    "toaster",
    "blender",
    "headphones",
    "charger",
    "backpack",
    "lamp",
    "keyboard",
    "mouse",
    "speaker",
    "jacket",
    "umbrella",
    "novel",
    "cookbook",
    "tent",
    "water bottle",
    "phone case",
    "desk chair",
    "frying pan",
    "alarm clock",
]
GOOD = [
    "great",
    "excellent",
    "sturdy",
    "reliable",
    "comfortable",
    "fast",
    "beautiful",
    "perfect",
    "solid",
    "quiet",
    "lovely",
    "brilliant",
    "handy",
    "elegant",
    "superb",
]
BAD = [
    "terrible",
    "awful",
    "flimsy",
    "slow",
    "useless",
    "cheap",
    "noisy",
    "broken",
    "poor",
    "disappointing",
    "fragile",
    "ugly",
    "faulty",
    "clumsy",
    "dreadful",
]
GOOD_VERBS = ["works well", "does the job", "still works", "exceeded my hopes", "feels premium"]
BAD_VERBS = ["stopped working", "fell apart", "broke", "leaks", "overheats"]
GOOD_CLOSERS = [
    "I would buy it again.",
    "Highly recommend it.",
    "Worth every penny.",
    "Five stars.",
    "My family loves it.",
    "Happy with this purchase.",
]
BAD_CLOSERS = [
    "I asked for a refund.",
    "Sent it back.",
    "Avoid this one.",
    "One star.",
    "Waste of money.",
    "Very disappointed.",
]
NEUTRAL = [
    "It arrived on Tuesday.",
    "The box was plain.",
    "I use it every morning.",
    "Delivery took a week.",
    "The colour matches the photo.",
    "I bought it for my sister.",
    "The instructions were short.",
    "It came in a brown box.",
    "I ordered the blue one.",
    "The price was average.",
]


# Made-up brand names: rare words, so a vocabulary learnt from some reviews misses others.
BRANDS = [
    a + b
    for a in ["zo", "ka", "lu", "mi", "tor", "vel", "quin", "bra", "fen", "gil"]
    for b in ["ro", "via", "tek", "lux", "mo", "nix", "dra", "pa", "ster", "ly"]
]
PARTS = ["handle", "button", "lid", "strap", "cover"]


def _sentence_for(label: str, rng: random.Random, product: str) -> str:
    """One sentence that leans towards ``label``."""
    good = label == "positive"
    words, verbs = (GOOD, GOOD_VERBS) if good else (BAD, BAD_VERBS)
    opposite = BAD if good else GOOD
    pattern = rng.randrange(5)
    if pattern == 0:
        return f"The {product} is {rng.choice(words)}."
    if pattern == 1:
        return f"It {rng.choice(verbs)} after a month."
    if pattern == 2:
        return f"Really {rng.choice(words)} and {rng.choice(words)}."
    if pattern == 3:
        # A negated word of the other side: "not terrible" leans positive, "not great" negative.
        return f"Honestly not {rng.choice(opposite)}."
    return f"The {rng.choice(PARTS)} feels {rng.choice(words)}."


def make_review(label: str, rng: random.Random) -> str:
    """A review of two to five sentences whose overall leaning is ``label``."""
    product = rng.choice(PRODUCTS)
    other = "negative" if label == "positive" else "positive"
    sentences = [_sentence_for(label, rng, product) for _ in range(rng.randint(1, 2))]
    if rng.random() < 0.45:  # a complaint inside a good review, or praise inside a bad one
        sentences.append(_sentence_for(other, rng, product))
    if rng.random() < 0.6:
        sentences.append(rng.choice(NEUTRAL))
    if rng.random() < 0.5:
        sentences.append(f"It is a {rng.choice(BRANDS).capitalize()} {product}.")
    rng.shuffle(sentences)
    if rng.random() < 0.7:
        sentences.append(rng.choice(GOOD_CLOSERS if label == "positive" else BAD_CLOSERS))
    return " ".join(sentences)


def build_rows(seed: int = SEED, n: int = N_REVIEWS) -> list[tuple[str, str]]:
    """``n`` (text, label) pairs, half of each label, in a shuffled order."""
    rng = random.Random(seed)
    labels = ["positive", "negative"] * (n // 2)
    rng.shuffle(labels)
    return [(make_review(label, rng), label) for label in labels]


def corpus_text(seed: int = SEED, n: int = N_REVIEWS) -> str:
    """The CSV file's exact contents (Unix line endings, a header row)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["text", "label"])
    writer.writerows(build_rows(seed, n))
    return buffer.getvalue()


def main() -> None:
    OUT.write_text(corpus_text(), encoding="utf-8", newline="")
    print(f"wrote {N_REVIEWS} reviews to {OUT}")


if __name__ == "__main__":
    main()
