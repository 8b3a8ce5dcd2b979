"""Write the small, deliberately messy shop data that module 06 (data wrangling) cleans.

Two tables, from a fixed seed, so that running this again writes byte-identical files:

- ``orders.csv``: one row per order line, with the faults real exports have: prices stored as
  text with currency symbols, thousands separators and stray spaces; some prices missing; the
  same category spelled in several ways (case, surrounding spaces); dates as text; rows exported
  twice (exact copies) and orders exported again after an edit (same ``order_id``, another
  quantity); and some customers that the customer table does not know.
- ``customers.csv``: one row per customer, with a region, an email that is often missing, and
  a sign-up date as text.

Usage: ``python scripts/make_shop_data.py [--out DIR]`` (default: ``src/curriculum/data``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from pathlib import Path

import numpy as np

SEED = 2024
N_CUSTOMERS = 240
N_UNKNOWN_CUSTOMERS = 30  # ids above N_CUSTOMERS: accounts deleted since, so no customer row
N_ORDERS = 1100
N_EXACT_COPIES = 45
N_EDITED_COPIES = 20
FIRST_DAY = dt.date(2023, 1, 1)
N_DAYS = 546  # to 2024-06-30: eighteen months

REGIONS = ("North", "South", "East", "West")
REGION_WEIGHTS = (0.35, 0.25, 0.25, 0.15)
# category: (typical price, spread of log price, share of orders, ways it is spelled)
CATEGORIES = {
    "books": (14.0, 0.45, 0.30, ("books", "Books", "BOOKS", " books", "Books ")),
    "kitchen": (35.0, 0.6, 0.20, ("kitchen", "Kitchen", "kitchen ", " Kitchen")),
    "garden": (45.0, 0.6, 0.18, ("garden", "Garden", "GARDEN", "garden  ")),
    "toys": (22.0, 0.5, 0.20, ("toys", "Toys", " toys", "TOYS ")),
    "electronics": (320.0, 0.7, 0.12, ("electronics", "Electronics", "electronics ")),
}
COUPONS = ("SPRING10", "WELCOME10", "LOYAL10")

ORDER_COLUMNS = ("order_id", "customer_id", "ordered_at", "category", "quantity", "price", "coupon")
CUSTOMER_COLUMNS = ("customer_id", "region", "email", "signed_up")


def price_text(rng: np.random.Generator, price: float) -> str:
    """A price the way a careless export writes it."""
    style = rng.choice(4, p=[0.45, 0.35, 0.1, 0.1])
    if style == 0:
        return f"{price:.2f}"
    if style == 1:
        return f"${price:,.2f}"
    if style == 2:
        return f" {price:,.2f} "
    return f"$ {price:.2f}"


def make_customers(rng: np.random.Generator) -> list[list[str]]:
    rows = []
    for customer_id in range(1, N_CUSTOMERS + 1):
        region = REGIONS[rng.choice(len(REGIONS), p=REGION_WEIGHTS)]
        email = "" if rng.random() < 0.22 else f"customer{customer_id:04d}@example.com"
        signed_up = FIRST_DAY - dt.timedelta(days=int(rng.integers(0, 900)))
        rows.append([str(customer_id), region, email, signed_up.isoformat()])
    return rows


def make_orders(rng: np.random.Generator) -> list[list[str]]:
    names = list(CATEGORIES)
    shares = np.array([CATEGORIES[c][2] for c in names])
    days = np.sort(rng.integers(0, N_DAYS, size=N_ORDERS))
    rows = []
    for number, day in enumerate(days):
        category = names[rng.choice(len(names), p=shares / shares.sum())]
        typical, spread, _, spellings = CATEGORIES[category]
        price = round(float(typical * np.exp(rng.normal(0.0, spread))), 2)
        if rng.random() < 0.05:
            customer = N_CUSTOMERS + int(rng.integers(1, N_UNKNOWN_CUSTOMERS + 1))
        else:
            customer = int(rng.integers(1, N_CUSTOMERS + 1))
        rows.append(
            [
                str(50001 + number),
                str(customer),
                (FIRST_DAY + dt.timedelta(days=int(day))).isoformat(),
                spellings[rng.choice(len(spellings))],
                str(int(rng.choice([1, 1, 1, 2, 2, 3, 4, 5]))),
                "" if rng.random() < 0.04 else price_text(rng, price),
                COUPONS[rng.choice(len(COUPONS))] if rng.random() < 0.15 else "",
            ]
        )
    # Rows exported twice: an exact copy a few rows later.
    for source in sorted(rng.choice(N_ORDERS, size=N_EXACT_COPIES, replace=False), reverse=True):
        rows.insert(int(source) + int(rng.integers(1, 4)), list(rows[source]))
    # Orders exported again after an edit: same order_id, a different quantity, later on.
    originals = [row for row in rows[: len(rows) // 2] if row[5]]
    chosen = rng.choice(len(originals), size=N_EDITED_COPIES, replace=False)
    for index in sorted(chosen, reverse=True):
        edited = list(originals[int(index)])
        edited[4] = str(int(edited[4]) + int(rng.integers(1, 3)))
        rows.insert(rows.index(originals[int(index)]) + int(rng.integers(5, 40)), edited)
    return rows


def write_csv(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main(out: Path) -> None:
    rng = np.random.default_rng(SEED)
    out.mkdir(parents=True, exist_ok=True)
    customers = make_customers(rng)
    orders = make_orders(rng)
    write_csv(out / "customers.csv", CUSTOMER_COLUMNS, customers)
    write_csv(out / "orders.csv", ORDER_COLUMNS, orders)
    print(f"wrote {len(orders)} orders and {len(customers)} customers to {out}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[1] / "src" / "curriculum" / "data"
    parser.add_argument("--out", type=Path, default=default)
    main(parser.parse_args().out)
