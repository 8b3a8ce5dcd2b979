"""Write ``src/curriculum/data/ratings.csv``: star ratings of films by users, split for testing.

The ratings come from a hidden low-rank model, as collaborative filtering assumes: every user and
every film has a few hidden "taste" numbers, and a rating is the overall mean, plus a user bias,
plus a film bias, plus the dot product of the two taste vectors, plus noise, rounded to 1-5 stars.
Which films a user rates is not random either: popular films are seen more, and people pick
films they expect to like.

Columns: ``user,item,rating,split``. ``split`` is ``train`` or ``test``: about a fifth of each
established user's ratings are held out for testing. The last ``N_NEW_USERS`` users joined
recently: only ``NEW_USER_TRAIN`` of their ratings are in the training split (the cold-start
case), the rest are held out. Fixed seed, so the same bytes everywhere. Run from the repository
root:

    .venv/bin/python scripts/make_ratings.py
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np

SEED = 1616
N_USERS = 300
N_NEW_USERS = 40
N_ITEMS = 100
RANK = 3
NEW_USER_TRAIN = 1
TEST_SHARE = 0.2
POP_EXPONENT = 0.6  # how unevenly attention is spread over the films
CHOOSINESS = 1.5  # how strongly people pick films that suit their taste
TASTE = 0.8  # spread of the hidden taste numbers
BASE = 3.2  # the overall mean before rounding and clipping to 1-5 stars
OUT = Path(__file__).resolve().parents[1] / "src" / "curriculum" / "data" / "ratings.csv"


def ratings_rows() -> list[tuple[int, int, int, str]]:
    rng = np.random.default_rng(SEED)
    user_taste = rng.normal(scale=TASTE, size=(N_USERS, RANK))
    item_taste = rng.normal(scale=TASTE, size=(N_ITEMS, RANK))
    user_bias = rng.normal(scale=0.35, size=N_USERS)
    item_bias = rng.normal(scale=0.45, size=N_ITEMS)
    popularity = 1.0 / (np.arange(N_ITEMS) + 8.0) ** POP_EXPONENT
    popularity = popularity[rng.permutation(N_ITEMS)]
    affinity = user_taste @ item_taste.T
    true = BASE + user_bias[:, None] + item_bias[None, :] + affinity
    stars = np.clip(np.rint(true + rng.normal(scale=0.5, size=true.shape)), 1, 5).astype(int)

    rows: list[tuple[int, int, int, str]] = []
    for user in range(N_USERS):
        new = user >= N_USERS - N_NEW_USERS
        count = int(rng.integers(12, 21) if new else rng.integers(15, 46))
        weight = popularity * np.exp(CHOOSINESS * affinity[user])
        items = rng.choice(N_ITEMS, size=count, replace=False, p=weight / weight.sum())
        if new:
            held = np.ones(count, dtype=bool)
            held[rng.choice(count, size=NEW_USER_TRAIN, replace=False)] = False
        else:
            held = rng.random(count) < TEST_SHARE
        for item, is_test in sorted(zip(items.tolist(), held.tolist(), strict=True)):
            rows.append((user, item, int(stars[user, item]), "test" if is_test else "train"))
    return rows


def ratings_text() -> str:
    buffer = io.StringIO()
    buffer.write("user,item,rating,split\n")
    for user, item, rating, split in ratings_rows():
        buffer.write(f"{user},{item},{rating},{split}\n")
    return buffer.getvalue()


def main() -> None:
    OUT.write_bytes(ratings_text().encode("utf-8"))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
