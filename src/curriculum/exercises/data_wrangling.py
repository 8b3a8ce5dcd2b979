"""Exercise 06: data wrangling — cleaning a messy shop export with pandas, group-by, dates and
reshaping, joins, and the same questions asked in SQL on an in-memory SQLite database."""

from __future__ import annotations

import io
import sqlite3
import time
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from curriculum.checks import (
    CheckFailed,
    KnownMistake,
    call_learner_function,
    expect_callable,
    expect_number,
)
from curriculum.questions import Check, Exercise, Mistake, Question
from curriculum.syllabus import find_module

Answers = Mapping[str, Any]
Params = Mapping[str, Any]

INTRO = """\
# Exercise 06 — Data wrangling with pandas and SQL

Seven questions on the shop's messy export (`orders.csv` and `customers.csv`, shipped with the
curriculum): turn prices stored as text into numbers, clean the orders table, add a revenue
column without falling into the copy trap, summarise by category and by month, join the two
tables, and ask two questions in SQL.
For each question: read the prompt, replace every `____` in the answer cell with your code, run
it, then run the check cell below it.

- `q1.check()` runs the public checks and says what is wrong, if anything.
- `q1.hint()` gives a nudge, `q1.hint(2)` a stronger one; `q1.solution()` shows our answer.
- `curriculum grade exercises/06_data_wrangling.ipynb` grades the whole notebook the way the
  autograder does, with extra hidden checks.

Most answers are functions that take a table and return a table: the checks call them on the
correct input for that question (so a slip in q2 does not spoil q3), and the hidden checks call
them on other messy tables. Run the setup cells first. Do not edit the check cells: the grader
restores them anyway."""

IMPORTS = """\
import sqlite3

import numpy as np
import pandas as pd

from curriculum.data import path"""

PARAMETERS = {"seed": 0}

CONTEXT = """\
# The shop's export, as it came (written by scripts/make_shop_data.py). Your copy of the orders
# is a random 90 % of the rows, chosen by `seed`, kept in file order.
all_orders = pd.read_csv(path("orders.csv"))
raw_orders = all_orders.sample(frac=0.9, random_state=seed).sort_index().reset_index(drop=True)
customers = pd.read_csv(path("customers.csv"))

# An in-memory SQLite database holding both tables as they are (for q6 and q7).
con = sqlite3.connect(":memory:")
raw_orders.to_sql("orders", con, index=False)
customers.to_sql("customers", con, index=False)

print(f"raw_orders: {raw_orders.shape[0]} rows x {raw_orders.shape[1]} columns")
print(f"customers: {customers.shape[0]} rows x {customers.shape[1]} columns")
print(raw_orders.head())"""

DISCOUNT = 0.9  # an order with a coupon pays 90 % of its list price
SQL_TIME_LIMIT = 2.0  # seconds a learner's query may run on the check's database


@lru_cache(maxsize=8)
def _context(seed: int) -> dict[str, Any]:
    """The pristine data for a seed, built by the same code the notebook shows."""
    return EXERCISE.run_context(seed=seed)


def _data(params: Params) -> dict[str, Any]:
    """Fresh copies each time, so nothing a check does can change the cached tables."""
    cached = _context(int(params.get("seed", 0)))
    return {k: v.copy() for k, v in cached.items() if isinstance(v, (pd.DataFrame, pd.Series))}


# Reference pipeline (the same steps as the reference solutions) ---------------------------------


def _to_number(text: pd.Series) -> pd.Series:
    cleaned = text.str.replace(r"[^0-9.\-]", "", regex=True)
    return pd.to_numeric(cleaned, errors="coerce")


def _clean(raw: pd.DataFrame, *, subset: Any = "order_id", keep: Any = "first") -> pd.DataFrame:
    orders = raw.drop_duplicates(subset=subset, keep=keep).copy()
    orders["price"] = _to_number(orders["price"])
    orders["category"] = orders["category"].str.strip().str.lower()
    orders["ordered_at"] = pd.to_datetime(orders["ordered_at"])
    return orders.dropna(subset=["price"]).reset_index(drop=True)


def _with_revenue(orders: pd.DataFrame) -> pd.DataFrame:
    out = orders.copy()
    out["revenue"] = out["quantity"] * out["price"]
    used = out["coupon"].notna()
    out.loc[used, "revenue"] = out.loc[used, "revenue"] * DISCOUNT
    return out


def _category_revenue(orders: pd.DataFrame) -> pd.Series:
    return orders.groupby("category")["revenue"].sum().sort_values(ascending=False)


def _month_table(orders: pd.DataFrame, values: str = "revenue", aggfunc: str = "sum"):
    month = orders["ordered_at"].dt.strftime("%Y-%m").rename("month")
    return orders.pivot_table(
        index=month, columns="category", values=values, aggfunc=aggfunc, fill_value=0
    )


def _monthly_share(orders: pd.DataFrame) -> pd.DataFrame:
    wide = _month_table(orders)
    return wide.div(wide.sum(axis=1), axis=0)


def _attach(orders: pd.DataFrame, customers: pd.DataFrame, how: str = "inner") -> pd.DataFrame:
    return orders.merge(customers, on="customer_id", how=how)


# Other messy tables, for the hidden checks --------------------------------------------------------


def _other_raw_orders(seed: int, n: int = 150) -> pd.DataFrame:
    """A small export with the same faults as orders.csv but other categories and dates."""
    rng = np.random.default_rng(seed)
    spellings = {
        "games": ("games", "Games", " GAMES", "games "),
        "music": ("music", "Music ", "MUSIC", " music"),
        "sports": ("sports", "Sports", "SPORTS ", " sports"),
    }
    names = list(spellings)
    start = pd.Timestamp("2022-10-01")
    rows = []
    for i in range(n):
        category = names[int(rng.integers(len(names)))]
        price = round(float(rng.uniform(2.0, 1800.0)), 2)
        style = int(rng.integers(4))
        text = [f"{price:.2f}", f"${price:,.2f}", f" {price:,.2f} ", f"$ {price:.2f}"][style]
        rows.append(
            {
                "order_id": 700001 + i,
                "customer_id": int(rng.integers(1, 46)),
                "ordered_at": (start + pd.Timedelta(days=int(i * 150 / n))).strftime("%Y-%m-%d"),
                "category": spellings[category][int(rng.integers(4))],
                "quantity": int(rng.integers(1, 5)),
                "price": "" if rng.random() < 0.08 else text,
                "coupon": "SAVE10" if rng.random() < 0.25 else "",
            }
        )
    for source in sorted(rng.choice(n, size=10, replace=False), reverse=True):
        rows.insert(int(source) + 1, dict(rows[int(source)]))
    priced = [r for r in rows[: n // 2] if r["price"]]
    for index in sorted(rng.choice(len(priced), size=6, replace=False), reverse=True):
        edited = dict(priced[int(index)], quantity=priced[int(index)]["quantity"] + 1)
        rows.insert(rows.index(priced[int(index)]) + 3, edited)
    text = pd.DataFrame(rows).to_csv(index=False)
    return pd.read_csv(io.StringIO(text))


def _other_customers(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed + 1000)
    regions = np.array(["Coast", "Hills", "Valley"])
    ids = np.arange(1, 41)
    emails = [None if rng.random() < 0.3 else f"person{i}@example.org" for i in ids]
    return pd.DataFrame(
        {
            "customer_id": ids,
            "region": regions[rng.integers(0, 3, size=len(ids))],
            "email": emails,
            "signed_up": "2021-05-01",
        }
    )


# Comparing tables -------------------------------------------------------------------------------


def _expect_series(value: Any, name: str) -> pd.Series:
    if isinstance(value, pd.DataFrame) and value.shape[1] == 1:
        raise CheckFailed(
            f"`{name}` is a one-column DataFrame; return a Series (select the column with "
            "`['revenue']`, not `[['revenue']]`)."
        )
    if not isinstance(value, pd.Series):
        what = "a function" if callable(value) else type(value).__name__
        raise CheckFailed(f"`{name}` should be a pandas Series, but it is {what}.")
    return value


def _expect_frame(value: Any, name: str, columns: list[str] | None = None) -> pd.DataFrame:
    if not isinstance(value, pd.DataFrame):
        what = type(value).__name__
        if isinstance(value, pd.Series):
            what = "a Series (one column); return the whole table"
        raise CheckFailed(f"`{name}` should be a pandas DataFrame, but it is {what}.")
    if columns is not None:
        missing = [c for c in columns if c not in value.columns]
        if missing:
            listed = ", ".join(f"`{c}`" for c in missing)
            raise CheckFailed(
                f"`{name}` has no column {listed}; its columns are {list(value.columns)}."
            )
    return value


def _same(found: pd.Series, expected: pd.Series, rtol: float = 1e-6) -> np.ndarray:
    """Row by row: do two columns hold the same values (missing matches missing)?"""
    a = found.reset_index(drop=True)
    b = expected.reset_index(drop=True)
    if pd.api.types.is_datetime64_any_dtype(b):
        try:
            a = pd.to_datetime(a)
        except (TypeError, ValueError):
            return np.zeros(len(b), dtype=bool)
        return ((a == b) | (a.isna() & b.isna())).to_numpy()
    if pd.api.types.is_numeric_dtype(b) and not pd.api.types.is_bool_dtype(b):
        try:
            x = a.to_numpy(dtype=float)
        except (TypeError, ValueError):
            return np.zeros(len(b), dtype=bool)
        return np.isclose(x, b.to_numpy(dtype=float), rtol=rtol, atol=1e-9, equal_nan=True)
    a, b = a.astype(object), b.astype(object)
    return np.array(
        [
            (pd.isna(x) and pd.isna(y)) or (not pd.isna(x) and x == y)
            for x, y in zip(a, b, strict=True)
        ],
        dtype=bool,
    )


def _labels(index: pd.Index) -> list[Any]:
    return [str(v) for v in index]


# q1: numbers stored as text -----------------------------------------------------------------------

Q1_SYMBOLS = (
    "Prices with a `$` or spaces became NaN: `pd.to_numeric(..., errors='coerce')` turns any "
    "text it cannot read into NaN. Remove the symbols first, e.g. "
    "`text.str.replace(r'[^0-9.\\-]', '', regex=True)` (without `regex=True`, `str.replace` "
    "looks for the pattern as literal text)."
)
Q1_COMMAS = (
    "Prices of 1,000 or more became NaN: the thousands separator `,` is still in the text. "
    "Remove commas as well as currency symbols and spaces before converting."
)
Q1_FILLED = (
    "A missing price must stay missing (NaN): filling it with 0 says the item was free, and "
    "every mean and sum after that is wrong. Leave blanks as NaN."
)
Q1_TEXT = (
    "The result is still text: after removing the symbols, convert with `pd.to_numeric(...)` "
    "(or `.astype(float)`) so the Series has a float dtype."
)
Q1_POINT = (
    "The values are 100 times too large: the decimal point was removed along with the symbols. "
    "Keep digits, `.` and `-`."
)
Q1_LITERAL = (
    "Converting raised an error because the symbols are still there: `str.replace` looks for "
    "its pattern as literal text unless you pass `regex=True`, so `'[$, ]'` matched nothing. "
    "Use `text.str.replace(r'[^0-9.\\-]', '', regex=True)`."
)
Q1_INDEX = (
    "Return a Series with the same index as the input (and one value per input row), so that "
    "it can be put back into the table: `orders['price'] = to_number(orders['price'])`."
)


def _q1_compare(fn: Any, text: pd.Series, label: str) -> None:
    found = call_learner_function(fn, "to_number", text.copy())
    if isinstance(found, np.ndarray) or isinstance(found, list):
        raise KnownMistake(Q1_INDEX)
    found = _expect_series(found, label)
    expected = _to_number(text)
    if len(found) != len(expected) or _labels(found.index) != _labels(expected.index):
        raise KnownMistake(Q1_INDEX)
    if not pd.api.types.is_numeric_dtype(found.dtype):
        raise KnownMistake(Q1_TEXT)
    values = found.to_numpy(dtype=float)
    want = expected.to_numpy(dtype=float)
    lost = np.isnan(values) & ~np.isnan(want)
    if lost.any():
        shown = text[lost].astype(str)
        if shown.str.contains(",").all():
            raise KnownMistake(Q1_COMMAS)
        if shown.str.contains(r"[$\s£€]").any():
            raise KnownMistake(Q1_SYMBOLS)
        raise CheckFailed(
            f"{int(lost.sum())} price(s) became NaN although they hold a number, "
            f"for example {shown.iloc[0]!r}."
        )
    if (np.isnan(want) & ~np.isnan(values)).any():
        raise KnownMistake(Q1_FILLED)
    ok = np.isclose(values, want, equal_nan=True)
    if not ok.all():
        if np.allclose(values[~np.isnan(want)], 100 * want[~np.isnan(want)]):
            raise KnownMistake(Q1_POINT)
        first = int(np.argmax(~ok))
        raise CheckFailed(
            f"{int((~ok).sum())} of {len(ok)} values differ; for example {text.iloc[first]!r} "
            f"gave {values[first]!r}, but {want[first]!r} was expected."
        )


def _q1_public(answers: Answers, params: Params) -> None:
    fn = answers["to_number"]
    expect_callable(fn, "to_number")
    _q1_compare(fn, _data(params)["raw_orders"]["price"], "to_number(raw_orders['price'])")


def _q1_other(answers: Answers, params: Params) -> None:
    text = pd.Series(
        [" £1,050.00", "€3.5 ", None, "7", "$ 12,345.67", "", "0.99", "-4.00"],
        index=[10, 3, 7, 20, 21, 5, 99, 2],
        name="amount",
    )
    _q1_compare(answers["to_number"], text, "to_number on other text")


Q1_REF = '''\
def to_number(text):
    """Prices stored as text -> floats; a blank stays missing (NaN)."""
    cleaned = text.str.replace(r"[^0-9.\\-]", "", regex=True)
    return pd.to_numeric(cleaned, errors="coerce")'''

Q1 = Question(
    id="q1",
    title="Numbers stored as text",
    points=2,
    prompt="""\
## q1 — Prices stored as text (2 points)

`raw_orders["price"]` is text: `"12.50"`, `"$12.50"`, `" 1,299.00 "`, `"$ 8.99"`, and some blanks
(read as missing). Write `to_number(text)` that takes such a Series and returns a **float**
Series with the **same index**: currency symbols (`$`, `£`, `€`), thousands separators and
spaces removed, and a blank or missing entry left as NaN (not 0). Do not loop over the rows:
use the `.str` methods and `pd.to_numeric`.""",
    reads=("to_number",),
    template='''\
def to_number(text):
    """Prices stored as text -> floats; a blank stays missing (NaN)."""
    cleaned = ____
    return ____''',
    solution=Q1_REF,
    mistakes=(
        Mistake(
            Q1_SYMBOLS,
            "def to_number(text):\n    return pd.to_numeric(text, errors='coerce')",
        ),
        Mistake(
            Q1_COMMAS,
            "def to_number(text):\n"
            "    cleaned = text.str.replace('$', '').str.strip()\n"
            "    return pd.to_numeric(cleaned, errors='coerce')",
        ),
        Mistake(
            Q1_FILLED,
            "def to_number(text):\n"
            "    cleaned = text.str.replace(r'[^0-9.]', '', regex=True)\n"
            "    return pd.to_numeric(cleaned, errors='coerce').fillna(0)",
        ),
        Mistake(
            Q1_TEXT,
            "def to_number(text):\n    return text.str.replace(r'[^0-9.]', '', regex=True)",
        ),
        Mistake(
            Q1_POINT,
            "def to_number(text):\n"
            "    cleaned = text.str.replace(r'[^0-9]', '', regex=True)\n"
            "    return pd.to_numeric(cleaned, errors='coerce')",
        ),
        Mistake(
            Q1_LITERAL,
            "def to_number(text):\n    return text.str.replace('[$, ]', '').astype(float)",
        ),
        Mistake(
            Q1_INDEX,
            "def to_number(text):\n"
            "    cleaned = text.str.replace(r'[^0-9.]', '', regex=True)\n"
            "    return pd.to_numeric(cleaned, errors='coerce').to_numpy()",
        ),
    ),
    hints=(
        "First remove every character that is not a digit, a point or a minus sign "
        "(a regular expression with `.str.replace(..., regex=True)`), then convert.",
        "`text.str.replace(r'[^0-9.\\-]', '', regex=True)` leaves `'1299.00'` or `''`; "
        "`pd.to_numeric(cleaned, errors='coerce')` turns `''` into NaN.",
    ),
    checks=(
        Check("converts every price in raw_orders['price']", _q1_public),
        Check(
            "works on other text: £ and €, negative numbers, another index",
            _q1_other,
            hidden=True,
        ),
    ),
)


# q2: cleaning the orders table --------------------------------------------------------------------

Q2_COLUMNS = ["order_id", "customer_id", "ordered_at", "category", "quantity", "price", "coupon"]
Q2_DROPNA_ALL = (
    "Far too many rows were dropped: `dropna()` with no arguments drops a row if ANY column is "
    "missing, and most orders have no coupon. Drop only the rows whose price is missing: "
    "`dropna(subset=['price'])`."
)
Q2_WHOLE_ROW = (
    "Some order_ids still appear twice: `drop_duplicates()` with no arguments only removes rows "
    "that are identical in every column, but an order exported again after an edit differs in "
    "`quantity`. Deduplicate on the key: `drop_duplicates(subset='order_id')`."
)
Q2_NO_DEDUPE = (
    "Duplicated orders were not removed: some rows were exported twice. Keep the first row of "
    "each `order_id` with `drop_duplicates(subset='order_id')`."
)
Q2_KEEP_LAST = (
    "For a repeated order_id the prompt asks for the first row in the file (`keep='first'`, "
    "the default); your table kept the last one."
)
Q2_CATEGORY = (
    "Categories are not normalised: the same category is spelled with different case and with "
    "spaces around it (`' Books'`, `'BOOKS'`). Use `.str.strip().str.lower()`."
)
Q2_DATES = (
    "`ordered_at` is still text: convert it with `pd.to_datetime(...)` so that dates sort, "
    "subtract and group by month correctly."
)
Q2_PRICE_LEFT = (
    "Rows whose price is missing must be dropped (after converting the prices): your table "
    "still has NaN prices."
)


def _q2_compare(fn: Any, raw: pd.DataFrame, label: str) -> None:
    found = _expect_frame(call_learner_function(fn, "clean_orders", raw.copy()), label, Q2_COLUMNS)
    expected = _clean(raw)
    ids = pd.Series(found["order_id"])
    if ids.duplicated().any():
        if len(found) == len(_clean(raw, subset=None)):
            raise KnownMistake(Q2_WHOLE_ROW)
        if len(found) >= len(raw.dropna(subset=["price"])):
            raise KnownMistake(Q2_NO_DEDUPE)
        raise KnownMistake(Q2_WHOLE_ROW)
    if len(found) < len(expected):
        dropped_all = raw.drop_duplicates(subset="order_id").dropna()
        if len(found) <= len(dropped_all):
            raise KnownMistake(Q2_DROPNA_ALL)
    price = pd.to_numeric(found["price"], errors="coerce")
    if price.isna().any():
        raise KnownMistake(Q2_PRICE_LEFT)
    if len(found) != len(expected):
        raise CheckFailed(
            f"{label} has {len(found)} rows, but {len(expected)} were expected "
            "(one per order_id, without the orders whose price is missing)."
        )
    categories = pd.Series(found["category"]).astype(str)
    if (categories != categories.str.strip().str.lower()).any():
        raise KnownMistake(Q2_CATEGORY)
    if not pd.api.types.is_datetime64_any_dtype(found["ordered_at"]):
        raise KnownMistake(Q2_DATES)
    found = found.sort_values("order_id", kind="stable").reset_index(drop=True)
    expected = expected.sort_values("order_id", kind="stable").reset_index(drop=True)
    if not _same(found["quantity"], expected["quantity"]).all():
        last = _clean(raw, keep="last").sort_values("order_id", kind="stable")
        if _same(found["quantity"], last["quantity"]).all():
            raise KnownMistake(Q2_KEEP_LAST)
    for column in Q2_COLUMNS:
        ok = _same(found[column], expected[column])
        if not ok.all():
            where = int(np.argmax(~ok))
            raise CheckFailed(
                f"column `{column}` differs in {int((~ok).sum())} row(s); for order_id "
                f"{expected['order_id'].iloc[where]} it is {found[column].iloc[where]!r}, "
                f"but {expected[column].iloc[where]!r} was expected. "
                + ("(clean_orders uses your `to_number` from q1: does q1 pass?)")
                * (column == "price")
            )


def _q2_public(answers: Answers, params: Params) -> None:
    fn = answers["clean_orders"]
    expect_callable(fn, "clean_orders")
    _q2_compare(fn, _data(params)["raw_orders"], "clean_orders(raw_orders)")


def _q2_other(answers: Answers, params: Params) -> None:
    raw = _other_raw_orders(20 + int(params.get("seed", 0)))
    _q2_compare(answers["clean_orders"], raw, "clean_orders on another export")


Q2_HEAD = Q1_REF + "\n\n\ndef clean_orders(raw):\n"
Q2_TAIL = (
    "    out['price'] = to_number(out['price'])\n"
    "    out['category'] = out['category'].str.strip().str.lower()\n"
    "    out['ordered_at'] = pd.to_datetime(out['ordered_at'])\n"
)

Q2 = Question(
    id="q2",
    title="Cleaning the orders table",
    points=3,
    prompt="""\
## q2 — Clean the orders (3 points)

Write `clean_orders(raw)` that takes a table like `raw_orders` and returns a **new** DataFrame
with the same seven columns, where:

- each `order_id` appears once: when an order was exported more than once, keep its **first**
  row in the file (some copies are exact, others were edited and differ in `quantity`);
- `price` is a float (use your `to_number` from q1), and rows whose price is missing are
  dropped — **only** those: other columns (such as `coupon`) may be missing;
- `category` is normalised: no surrounding spaces, lower case (`"books"`);
- `ordered_at` holds dates (`datetime64`), not text.

Keep the rows in file order and reset the index to 0, 1, 2, ...""",
    reads=("clean_orders",),
    template='''\
def clean_orders(raw):
    """One row per order, numeric prices, tidy categories, real dates."""
    out = ____
    return out''',
    solution='''\
def clean_orders(raw):
    """One row per order, numeric prices, tidy categories, real dates."""
    out = raw.drop_duplicates(subset="order_id", keep="first").copy()
    out["price"] = to_number(out["price"])
    out["category"] = out["category"].str.strip().str.lower()
    out["ordered_at"] = pd.to_datetime(out["ordered_at"])
    out = out.dropna(subset=["price"])
    return out.reset_index(drop=True)''',
    mistakes=(
        Mistake(
            Q2_DROPNA_ALL,
            Q2_HEAD
            + "    out = raw.drop_duplicates(subset='order_id').copy()\n"
            + Q2_TAIL
            + "    return out.dropna().reset_index(drop=True)",
        ),
        Mistake(
            Q2_WHOLE_ROW,
            Q2_HEAD
            + "    out = raw.drop_duplicates().copy()\n"
            + Q2_TAIL
            + "    return out.dropna(subset=['price']).reset_index(drop=True)",
        ),
        Mistake(
            Q2_NO_DEDUPE,
            Q2_HEAD
            + "    out = raw.copy()\n"
            + Q2_TAIL
            + "    return out.dropna(subset=['price']).reset_index(drop=True)",
        ),
        Mistake(
            Q2_KEEP_LAST,
            Q2_HEAD
            + "    out = raw.drop_duplicates(subset='order_id', keep='last').copy()\n"
            + Q2_TAIL
            + "    return out.dropna(subset=['price']).sort_values('order_id')"
            ".reset_index(drop=True)",
        ),
        Mistake(
            Q2_CATEGORY,
            Q2_HEAD
            + "    out = raw.drop_duplicates(subset='order_id').copy()\n"
            + Q2_TAIL.replace(".str.strip().str.lower()", ".str.lower()")
            + "    return out.dropna(subset=['price']).reset_index(drop=True)",
        ),
        Mistake(
            Q2_DATES,
            Q2_HEAD
            + "    out = raw.drop_duplicates(subset='order_id').copy()\n"
            + Q2_TAIL.replace("pd.to_datetime(out['ordered_at'])", "out['ordered_at']")
            + "    return out.dropna(subset=['price']).reset_index(drop=True)",
        ),
        Mistake(
            Q2_PRICE_LEFT,
            Q2_HEAD
            + "    out = raw.drop_duplicates(subset='order_id').copy()\n"
            + Q2_TAIL
            + "    return out.reset_index(drop=True)",
        ),
    ),
    hints=(
        "Four steps on a copy: `drop_duplicates` on the key, convert `price`, tidy `category` "
        "with the `.str` methods, convert `ordered_at`; then `dropna` on one column.",
        "`raw.drop_duplicates(subset='order_id').copy()`, then "
        "`out['category'].str.strip().str.lower()`, `pd.to_datetime(out['ordered_at'])`, "
        "`out.dropna(subset=['price']).reset_index(drop=True)`.",
    ),
    checks=(
        Check("cleans raw_orders: one row per order, prices, categories, dates", _q2_public),
        Check(
            "works on another export with other categories, duplicates and blanks",
            _q2_other,
            hidden=True,
        ),
    ),
)


# q3: a new column without the copy trap, and a group-by -----------------------------------------

Q3_CHAINED = (
    "The coupon discount never reached the table: `df[mask]['revenue'] = ...` or "
    "`df['revenue'][mask] *= 0.9` (chained indexing) writes to a temporary copy, and the "
    "original is left unchanged. Select rows and column in one step: "
    "`df.loc[mask, 'revenue'] = df.loc[mask, 'revenue'] * 0.9`."
)
Q3_ALL = (
    "Every order got the discount: only orders whose `coupon` is not missing pay 90 % "
    "(`mask = df['coupon'].notna()`)."
)
Q3_TENTH = (
    "Orders with a coupon kept only 10 % of their revenue: a 10 % discount means paying 90 %, "
    "so multiply by 0.9, not 0.1."
)
Q3_QUANTITY = (
    "Revenue is quantity times unit price: `df['quantity'] * df['price']`; your revenue looks "
    "like the price alone."
)
Q3_MEAN = (
    "That is the mean revenue per order in each category; the prompt asks for the total: "
    "`.sum()`, not `.mean()`."
)
Q3_SORT = "Sort the categories by revenue, largest first: `.sort_values(ascending=False)`."
Q3_COUNT = "That counts orders per category; the prompt asks for the total revenue (`.sum()`)."


def _q3_revenue(fn: Any, orders: pd.DataFrame, label: str) -> None:
    found = call_learner_function(fn, "with_revenue", orders.copy())
    if isinstance(found, pd.Series):
        raise CheckFailed(
            f"`{label}` returned a Series; return the whole table with a new `revenue` column."
        )
    found = _expect_frame(found, label, ["order_id", "revenue"])
    expected = _with_revenue(orders)
    if len(found) != len(expected):
        raise CheckFailed(f"`{label}` has {len(found)} rows; the input had {len(expected)}.")
    revenue = found["revenue"]
    gross = orders["quantity"] * orders["price"]
    used = orders["coupon"].notna().to_numpy()
    if _same(revenue, expected["revenue"]).all():
        return
    if _same(revenue, gross).all():
        raise KnownMistake(Q3_CHAINED)
    if _same(revenue, gross * DISCOUNT).all():
        raise KnownMistake(Q3_ALL)
    if _same(revenue, gross.where(~used, gross * 0.1)).all():
        raise KnownMistake(Q3_TENTH)
    price = orders["price"]
    if _same(revenue, price.where(~used, price * DISCOUNT)).all() or _same(revenue, price).all():
        raise KnownMistake(Q3_QUANTITY)
    ok = _same(revenue, expected["revenue"])
    where = int(np.argmax(~ok))
    raise CheckFailed(
        f"`revenue` differs in {int((~ok).sum())} of {len(ok)} rows; for order_id "
        f"{orders['order_id'].iloc[where]} it is {revenue.iloc[where]:.4g}, but "
        f"{expected['revenue'].iloc[where]:.4g} was expected."
    )


def _q3_groupby(fn: Any, orders: pd.DataFrame, label: str) -> None:
    table = _with_revenue(orders)
    found = _expect_series(call_learner_function(fn, "category_revenue", table.copy()), label)
    expected = _category_revenue(table)
    grouped = table.groupby("category")["revenue"]
    values = pd.to_numeric(found, errors="coerce")
    if sorted(_labels(found.index)) != sorted(_labels(expected.index)):
        raise CheckFailed(
            f"`{label}` should have one entry per category, {sorted(_labels(expected.index))}, "
            f"but its index is {_labels(found.index)}."
        )
    lookup = dict(zip(_labels(found.index), values.to_numpy(dtype=float), strict=True))
    aligned = pd.Series([lookup[k] for k in _labels(expected.index)])
    for wrong, message in ((grouped.mean(), Q3_MEAN), (grouped.size(), Q3_COUNT)):
        if _same(aligned, wrong.reindex(expected.index)).all():
            raise KnownMistake(message)
    ok = _same(aligned, expected)
    if not ok.all():
        where = int(np.argmax(~ok))
        raise CheckFailed(
            f"the revenue of {expected.index[where]!r} is {aligned.iloc[where]:.6g}, but "
            f"{expected.iloc[where]:.6g} was expected (the sum of `revenue` over its orders)."
        )
    if _labels(found.index) != _labels(expected.index):
        raise KnownMistake(Q3_SORT)


def _q3_public(answers: Answers, params: Params) -> None:
    expect_callable(answers["with_revenue"], "with_revenue")
    expect_callable(answers["category_revenue"], "category_revenue")
    orders = _clean(_data(params)["raw_orders"])
    _q3_revenue(answers["with_revenue"], orders, "with_revenue(orders)")
    _q3_groupby(answers["category_revenue"], orders, "category_revenue(orders)")


def _q3_other(answers: Answers, params: Params) -> None:
    orders = _clean(_other_raw_orders(30 + int(params.get("seed", 0))))
    _q3_revenue(answers["with_revenue"], orders, "with_revenue on other orders")
    _q3_groupby(answers["category_revenue"], orders, "category_revenue on other orders")


Q3_GROUP = (
    "\n\ndef category_revenue(orders):\n"
    "    return orders.groupby('category')['revenue'].sum().sort_values(ascending=False)\n"
)
Q3_REVENUE_HEAD = (
    "def with_revenue(orders):\n"
    "    out = orders.copy()\n"
    "    out['revenue'] = out['quantity'] * out['price']\n"
    "    used = out['coupon'].notna()\n"
)

Q3 = Question(
    id="q3",
    title="A revenue column and revenue by category",
    points=2,
    prompt="""\
## q3 — Revenue, and revenue by category (2 points)

An order's revenue is `quantity * price`, except that an order with a coupon (its `coupon` is
not missing) pays 90 % of that. Write:

- `with_revenue(orders)`: returns a **copy** of a cleaned orders table (as from q2) with a new
  float column `revenue`. Do not modify the argument.
- `category_revenue(orders)`: takes a table with a `revenue` column and returns a **Series**:
  the total revenue of each category, indexed by category, largest first.

Beware the copy trap: an assignment through two sets of brackets, `df[mask]["revenue"] = ...`,
changes a temporary copy and leaves `df` as it was.""",
    reads=("with_revenue", "category_revenue"),
    template='''\
def with_revenue(orders):
    """A copy of orders with revenue = quantity * price, 90 % of that with a coupon."""
    out = orders.copy()
    out["revenue"] = ____
    ____
    return out


def category_revenue(orders):
    """Total revenue per category, largest first."""
    return ____''',
    solution='''\
def with_revenue(orders):
    """A copy of orders with revenue = quantity * price, 90 % of that with a coupon."""
    out = orders.copy()
    out["revenue"] = out["quantity"] * out["price"]
    used = out["coupon"].notna()
    out.loc[used, "revenue"] = out.loc[used, "revenue"] * 0.9
    return out


def category_revenue(orders):
    """Total revenue per category, largest first."""
    return orders.groupby("category")["revenue"].sum().sort_values(ascending=False)''',
    mistakes=(
        Mistake(
            Q3_CHAINED,
            Q3_REVENUE_HEAD
            + "    out[used]['revenue'] = out[used]['revenue'] * 0.9\n"
            + "    return out\n"
            + Q3_GROUP,
        ),
        Mistake(
            Q3_ALL,
            Q3_REVENUE_HEAD
            + "    out['revenue'] = out['revenue'] * 0.9\n    return out\n"
            + Q3_GROUP,
        ),
        Mistake(
            Q3_TENTH,
            Q3_REVENUE_HEAD
            + "    out.loc[used, 'revenue'] = out.loc[used, 'revenue'] * 0.1\n"
            + "    return out\n"
            + Q3_GROUP,
        ),
        Mistake(
            Q3_QUANTITY,
            Q3_REVENUE_HEAD.replace("out['quantity'] * out['price']", "out['price']")
            + "    out.loc[used, 'revenue'] = out.loc[used, 'revenue'] * 0.9\n"
            + "    return out\n"
            + Q3_GROUP,
        ),
        Mistake(
            Q3_MEAN,
            Q3_REVENUE_HEAD
            + "    out.loc[used, 'revenue'] = out.loc[used, 'revenue'] * 0.9\n"
            + "    return out\n"
            + Q3_GROUP.replace(".sum()", ".mean()"),
        ),
        Mistake(
            Q3_SORT,
            Q3_REVENUE_HEAD
            + "    out.loc[used, 'revenue'] = out.loc[used, 'revenue'] * 0.9\n"
            + "    return out\n"
            + Q3_GROUP.replace(".sort_values(ascending=False)", ""),
        ),
    ),
    hints=(
        "Build the mask `out['coupon'].notna()` once; change only those rows with `.loc`. "
        "For the totals: `groupby`, pick the column, aggregate, sort.",
        "`out.loc[used, 'revenue'] = out.loc[used, 'revenue'] * 0.9`; "
        "`orders.groupby('category')['revenue'].sum().sort_values(ascending=False)`.",
    ),
    checks=(
        Check("revenue per order and total per category on the cleaned orders", _q3_public),
        Check("both functions work on other orders and other categories", _q3_other, hidden=True),
    ),
)


# q4: dates, a pivot table and the axis of a division -------------------------------------------

Q4_AXIS = (
    "Each column sums to 1, not each row: you divided by the column totals (`wide / wide.sum()` "
    "works down the columns, axis 0). Divide each row by its own total: "
    "`wide.div(wide.sum(axis=1), axis=0)`."
)
Q4_ALIGN = (
    "The table is full of NaN: `wide / wide.sum(axis=1)` lines the month totals up with the "
    "COLUMNS (categories), which share no labels with months. Say which axis to align on: "
    "`wide.div(wide.sum(axis=1), axis=0)`."
)
Q4_MONTH_NUMBER = (
    "There are only 12 rows: grouping by `.dt.month` puts January 2023 and January 2024 "
    "together. Label months with the year: `.dt.strftime('%Y-%m')`."
)
Q4_COUNT = (
    "These are shares of the number of orders, not of revenue: aggregate the `revenue` column "
    "with `aggfunc='sum'`."
)
Q4_MEAN = (
    "`pivot_table` averages by default (`aggfunc='mean'`): the shares must come from the total "
    "revenue of each category and month, `aggfunc='sum'`."
)
Q4_FILL = (
    "A category with no orders in a month must get a share of 0, not NaN: pass "
    "`fill_value=0` to `pivot_table` (or `.fillna(0)`)."
)
Q4_PERCENT = "The shares are percentages (rows sum to 100): return fractions that sum to 1."


def _q4_compare(fn: Any, orders: pd.DataFrame, label: str) -> None:
    table = _with_revenue(orders)
    found = _expect_frame(call_learner_function(fn, "monthly_share", table.copy()), label)
    expected = _monthly_share(table)
    if len(found) == 12 and len(expected) > 12:
        raise KnownMistake(Q4_MONTH_NUMBER)
    if _labels(found.index) != _labels(expected.index):
        raise CheckFailed(
            f"`{label}` should have one row per month labelled like '2023-01', in order: "
            f"{_labels(expected.index)[:3]} ...; its index starts {_labels(found.index)[:3]}."
        )
    if sorted(_labels(found.columns)) != _labels(expected.columns):
        raise CheckFailed(
            f"`{label}` should have one column per category, {_labels(expected.columns)}; "
            f"its columns are {_labels(found.columns)}."
        )
    found = found[[c for c in expected.columns]]
    values = found.to_numpy(dtype=float)
    want = expected.to_numpy(dtype=float)
    if np.isnan(values).all():
        raise KnownMistake(Q4_ALIGN)
    if np.isnan(values).any():
        raise KnownMistake(Q4_FILL)
    if np.allclose(values, 100 * want):
        raise KnownMistake(Q4_PERCENT)
    if np.allclose(values, want, atol=1e-9):
        return
    wide = _month_table(table)
    if np.allclose(values, (wide / wide.sum()).to_numpy()):
        raise KnownMistake(Q4_AXIS)
    for values_from, aggfunc, message in (
        ("order_id", "count", Q4_COUNT),
        ("revenue", "mean", Q4_MEAN),
    ):
        other = _month_table(table, values_from, aggfunc)
        other = other.div(other.sum(axis=1), axis=0)
        if np.allclose(values, other.to_numpy()):
            raise KnownMistake(message)
    rows = np.abs(values.sum(axis=1) - 1)
    if rows.max() > 1e-6:
        worst = int(rows.argmax())
        raise CheckFailed(
            f"each row of `{label}` should sum to 1; row {_labels(expected.index)[worst]!r} "
            f"sums to {values.sum(axis=1)[worst]:.4g}."
        )
    bad = ~np.isclose(values, want, atol=1e-9)
    month, category = np.argwhere(bad)[0]
    raise CheckFailed(
        f"{int(bad.sum())} share(s) differ; for {expected.index[month]!r} and "
        f"{expected.columns[category]!r} it is {values[month, category]:.4g}, but "
        f"{want[month, category]:.4g} was expected."
    )


def _q4_public(answers: Answers, params: Params) -> None:
    fn = answers["monthly_share"]
    expect_callable(fn, "monthly_share")
    _q4_compare(fn, _clean(_data(params)["raw_orders"]), "monthly_share(orders)")


def _q4_other(answers: Answers, params: Params) -> None:
    orders = _clean(_other_raw_orders(40 + int(params.get("seed", 0))))
    # December has no music orders: its share must be 0.
    december = orders["ordered_at"].dt.strftime("%Y-%m") == "2022-12"
    orders = orders[~(december & (orders["category"] == "music"))].reset_index(drop=True)
    _q4_compare(answers["monthly_share"], orders, "monthly_share on other orders")


Q4_SHARE_HEAD = (
    "def monthly_share(orders):\n"
    "    month = orders['ordered_at'].dt.strftime('%Y-%m')\n"
    "    wide = orders.pivot_table(index=month, columns='category', values='revenue',\n"
    "                              aggfunc='sum', fill_value=0)\n"
)

Q4 = Question(
    id="q4",
    title="Monthly revenue shares",
    points=2,
    prompt="""\
## q4 — Each category's share of a month's revenue (2 points)

Write `monthly_share(orders)`: it takes a table with `ordered_at` (dates), `category` and
`revenue` (as from q3) and returns a DataFrame with

- one **row per month**, labelled with text like `"2023-01"` and in time order (the data spans
  more than a year: January 2023 and January 2024 are different months);
- one **column per category**;
- in each cell, the category's fraction of that month's total revenue, so **every row sums to
  1**; a category with no orders in a month gets 0.

`orders.pivot_table(index=..., columns=..., values=..., aggfunc=..., fill_value=...)` builds
the month-by-category table; then divide each row by its total.""",
    reads=("monthly_share",),
    template='''\
def monthly_share(orders):
    """Rows: months ('2023-01', ...); columns: categories; each row sums to 1."""
    month = ____
    wide = ____
    return ____''',
    solution='''\
def monthly_share(orders):
    """Rows: months ('2023-01', ...); columns: categories; each row sums to 1."""
    month = orders["ordered_at"].dt.strftime("%Y-%m")
    wide = orders.pivot_table(
        index=month, columns="category", values="revenue", aggfunc="sum", fill_value=0
    )
    return wide.div(wide.sum(axis=1), axis=0)''',
    mistakes=(
        Mistake(Q4_AXIS, Q4_SHARE_HEAD + "    return wide / wide.sum()"),
        Mistake(Q4_ALIGN, Q4_SHARE_HEAD + "    return wide / wide.sum(axis=1)"),
        Mistake(
            Q4_MONTH_NUMBER,
            Q4_SHARE_HEAD.replace(".dt.strftime('%Y-%m')", ".dt.month")
            + "    return wide.div(wide.sum(axis=1), axis=0)",
        ),
        Mistake(
            Q4_COUNT,
            "def monthly_share(orders):\n"
            "    month = orders['ordered_at'].dt.strftime('%Y-%m')\n"
            "    return pd.crosstab(month, orders['category'], normalize='index')",
        ),
        Mistake(
            Q4_MEAN,
            Q4_SHARE_HEAD.replace("aggfunc='sum', ", "")
            + "    return wide.div(wide.sum(axis=1), axis=0)",
        ),
        Mistake(
            Q4_PERCENT,
            Q4_SHARE_HEAD + "    return 100 * wide.div(wide.sum(axis=1), axis=0)",
        ),
    ),
    hints=(
        "Month labels: `orders['ordered_at'].dt.strftime('%Y-%m')`. Row totals: "
        "`wide.sum(axis=1)`. Plain `/` aligns a Series with the columns, which is not what you "
        "want here.",
        "`wide = orders.pivot_table(index=month, columns='category', values='revenue', "
        "aggfunc='sum', fill_value=0)`, then `wide.div(wide.sum(axis=1), axis=0)`.",
    ),
    checks=(
        Check("monthly shares of the cleaned orders: labels, and rows that sum to 1", _q4_public),
        Check(
            "other orders, where a category has no orders in one month",
            _q4_other,
            hidden=True,
        ),
    ),
)


# q5: joins -------------------------------------------------------------------------------------

Q5_LEFT = (
    "Your table keeps orders whose customer is unknown (their region is NaN): that is a LEFT "
    "join. The prompt asks for an INNER join, which keeps only the orders with a matching "
    "customer: `how='inner'` (the default of `merge`)."
)
Q5_OUTER = (
    "Your table has rows with no order (customers who never ordered) or no customer: that is "
    "an OUTER join. Use an inner join: `orders.merge(customers, on='customer_id', how='inner')`."
)
Q5_RIGHT = (
    "Your table keeps every customer, even those with no orders: that is a RIGHT join. Use an "
    "inner join, `how='inner'`."
)
Q5_POSITION = (
    "The regions belong to the wrong orders: `join` (or `concat` along axis 1) matches rows by "
    "their index, i.e. by position here, not by customer. Match on the key: "
    "`orders.merge(customers, on='customer_id')`."
)
Q5_ROWS = (
    "`unmatched_orders` counts rows, and a duplicated order counts twice: count distinct "
    "`order_id`s (`.nunique()`)."
)
Q5_CUSTOMERS = (
    "`unmatched_orders` counts distinct unknown customers; the prompt asks for the number of "
    "distinct orders that belong to them."
)
Q5_MATCHED = (
    "`unmatched_orders` counts the orders that DO have a customer: keep the rows whose "
    "customer_id is NOT in customers (`~...isin(...)`)."
)


def _q5_compare(fn: Any, orders: pd.DataFrame, customers: pd.DataFrame, label: str) -> None:
    found = call_learner_function(fn, "attach_customers", orders.copy(), customers.copy())
    found = _expect_frame(found, label, ["order_id", "customer_id", "region"])
    expected = _attach(orders, customers)
    regions = dict(zip(customers["customer_id"], customers["region"], strict=True))
    known = found["customer_id"].isin(customers["customer_id"]).to_numpy()
    should_be = found["customer_id"].map(regions)
    if known.any() and not _same(found["region"][known], should_be[known]).all():
        raise KnownMistake(Q5_POSITION)
    for how, message in (("left", Q5_LEFT), ("right", Q5_RIGHT), ("outer", Q5_OUTER)):
        if len(found) == len(_attach(orders, customers, how)) != len(expected):
            raise KnownMistake(message)
    if len(found) != len(expected):
        raise CheckFailed(
            f"`{label}` has {len(found)} rows, but the inner join has {len(expected)} "
            "(one per order whose customer_id is in customers)."
        )
    found = found.sort_values("order_id", kind="stable").reset_index(drop=True)
    expected = expected.sort_values("order_id", kind="stable").reset_index(drop=True)
    if not _same(found["order_id"], expected["order_id"]).all():
        raise KnownMistake(Q5_POSITION)
    for column in ("customer_id", "region"):
        if not _same(found[column], expected[column]).all():
            raise KnownMistake(Q5_POSITION)
    missing = [c for c in orders.columns if c not in found.columns]
    if missing:
        raise CheckFailed(f"`{label}` lost the order column(s) {missing}; keep every column.")


def _expected_unmatched(raw: pd.DataFrame, customers: pd.DataFrame) -> tuple[int, ...]:
    unknown = ~raw["customer_id"].isin(customers["customer_id"])
    return (
        int(raw.loc[unknown, "order_id"].nunique()),
        int(unknown.sum()),
        int(raw.loc[unknown, "customer_id"].nunique()),
        int(raw.loc[~unknown, "order_id"].nunique()),
    )


def _q5_public(answers: Answers, params: Params) -> None:
    expect_callable(answers["attach_customers"], "attach_customers")
    data = _data(params)
    orders = _clean(data["raw_orders"])
    _q5_compare(
        answers["attach_customers"],
        orders,
        data["customers"],
        "attach_customers(orders, customers)",
    )
    expected, rows, people, matched = _expected_unmatched(data["raw_orders"], data["customers"])
    found = expect_number(answers["unmatched_orders"], "unmatched_orders")
    for wrong, message in ((rows, Q5_ROWS), (people, Q5_CUSTOMERS), (matched, Q5_MATCHED)):
        if found == wrong != expected:
            raise KnownMistake(message)
    if found != expected:
        raise CheckFailed(
            f"`unmatched_orders` is {found:g}, but {expected} orders of raw_orders have a "
            "customer_id that customers does not know."
        )


def _q5_other(answers: Answers, params: Params) -> None:
    seed = 50 + int(params.get("seed", 0))
    _q5_compare(
        answers["attach_customers"],
        _clean(_other_raw_orders(seed)),
        _other_customers(seed),
        "attach_customers on other tables",
    )


Q5_UNMATCHED = (
    "unknown = ~raw_orders['customer_id'].isin(customers['customer_id'])\n"
    "unmatched_orders = raw_orders.loc[unknown, 'order_id'].nunique()\n"
)

Q5 = Question(
    id="q5",
    title="Joining orders to customers",
    points=2,
    prompt="""\
## q5 — Join the two tables (2 points)

Some orders belong to customers whose accounts were deleted: their `customer_id` is not in
`customers`.

- Write `attach_customers(orders, customers)` that returns the **inner join** of the two tables
  on `customer_id`: every column of both, and only the orders whose customer is known.
- Set `unmatched_orders` (an int) to the number of **distinct** `order_id`s in `raw_orders`
  whose `customer_id` does not appear in `customers` (these are what an inner join drops).""",
    reads=("attach_customers", "unmatched_orders"),
    template='''\
def attach_customers(orders, customers):
    """Orders with their customer's columns; only orders whose customer is known."""
    return ____


unknown = ____
unmatched_orders = ____''',
    solution='''\
def attach_customers(orders, customers):
    """Orders with their customer's columns; only orders whose customer is known."""
    return orders.merge(customers, on="customer_id", how="inner")


unknown = ~raw_orders["customer_id"].isin(customers["customer_id"])
unmatched_orders = raw_orders.loc[unknown, "order_id"].nunique()''',
    mistakes=(
        Mistake(
            Q5_LEFT,
            "def attach_customers(orders, customers):\n"
            "    return orders.merge(customers, on='customer_id', how='left')\n\n" + Q5_UNMATCHED,
        ),
        Mistake(
            Q5_OUTER,
            "def attach_customers(orders, customers):\n"
            "    return orders.merge(customers, on='customer_id', how='outer')\n\n" + Q5_UNMATCHED,
        ),
        Mistake(
            Q5_RIGHT,
            "def attach_customers(orders, customers):\n"
            "    return orders.merge(customers, on='customer_id', how='right')\n\n" + Q5_UNMATCHED,
        ),
        Mistake(
            Q5_POSITION,
            "def attach_customers(orders, customers):\n"
            "    joined = orders.join(customers.drop(columns='customer_id'), how='inner')\n"
            "    return joined\n\n" + Q5_UNMATCHED,
        ),
        Mistake(
            Q5_ROWS,
            "def attach_customers(orders, customers):\n"
            "    return orders.merge(customers, on='customer_id')\n\n"
            "unknown = ~raw_orders['customer_id'].isin(customers['customer_id'])\n"
            "unmatched_orders = int(unknown.sum())\n",
        ),
        Mistake(
            Q5_CUSTOMERS,
            "def attach_customers(orders, customers):\n"
            "    return orders.merge(customers, on='customer_id')\n\n"
            "unknown = ~raw_orders['customer_id'].isin(customers['customer_id'])\n"
            "unmatched_orders = raw_orders.loc[unknown, 'customer_id'].nunique()\n",
        ),
    ),
    hints=(
        "`merge` joins on a column; its `how=` says which unmatched rows to keep. "
        "`Series.isin(...)` tells which ids appear in the other table.",
        "`orders.merge(customers, on='customer_id', how='inner')`; then "
        "`raw_orders.loc[~raw_orders['customer_id'].isin(customers['customer_id']), "
        "'order_id'].nunique()`.",
    ),
    checks=(
        Check("the inner join of the cleaned orders and customers; the count", _q5_public),
        Check("the join on other tables with other unknown customers", _q5_other, hidden=True),
    ),
)


# SQL on a fresh database of the check's own ------------------------------------------------------

_ALLOWED = {
    sqlite3.SQLITE_SELECT,
    sqlite3.SQLITE_READ,
    sqlite3.SQLITE_FUNCTION,
    getattr(sqlite3, "SQLITE_RECURSIVE", 33),
}


def _read_only(action: int, *args: Any) -> int:
    return sqlite3.SQLITE_OK if action in _ALLOWED else sqlite3.SQLITE_DENY


def _run_query(query: Any, name: str, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Run the learner's query (read-only, time-limited) on a fresh in-memory database."""
    if not isinstance(query, str) or not query.strip():
        raise CheckFailed(f"`{name}` should be the text of an SQL query (a str).")
    con = sqlite3.connect(":memory:")
    try:
        for table, frame in tables.items():
            frame.to_sql(table, con, index=False)
        con.set_authorizer(_read_only)
        deadline = time.monotonic() + SQL_TIME_LIMIT
        con.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        try:
            return pd.read_sql(query, con)
        except Exception as exc:  # the learner's SQL: its error is theirs to see
            text = str(exc).split("\n")[-1][:160]
            if "interrupted" in text:
                text = f"it ran for more than {SQL_TIME_LIMIT:g} s"
            raise CheckFailed(f"`{name}` could not run on a fresh database: {text}") from None
    finally:
        con.close()


def _expect_columns(found: pd.DataFrame, columns: list[str], name: str) -> None:
    if [str(c).lower() for c in found.columns] != columns:
        raise CheckFailed(
            f"the result of `{name}` has columns {list(found.columns)}, but {columns} were "
            "expected: name them with `AS`."
        )


# q6: COUNT(*) versus COUNT(column) --------------------------------------------------------------

Q6_COLUMNS = ["region", "customers", "with_email"]
Q6_COUNT_STAR = (
    "`with_email` counts every customer: `COUNT(*)` counts rows, missing email or not. "
    "`COUNT(email)` counts only the rows where email is not NULL."
)
Q6_WHERE = (
    "Both counts leave out customers without an email: `WHERE email IS NOT NULL` removes those "
    "rows before any counting. Drop the WHERE and use `COUNT(*)` and `COUNT(email)`."
)
Q6_COUNT_EMAIL = (
    "`customers` counts only customers with an email: `COUNT(email)` skips NULLs. Count every "
    "row with `COUNT(*)`."
)
Q6_GROUP = "The result should have one row per region: add `GROUP BY region`."
Q6_REFERENCE = """\
SELECT region, COUNT(*) AS customers, COUNT(email) AS with_email
FROM customers
GROUP BY region
ORDER BY region"""


def _q6_compare(query: Any, customers: pd.DataFrame, label: str) -> None:
    tables = {"customers": customers}
    found = _run_query(query, "email_counts_sql", tables)
    expected = _run_query(Q6_REFERENCE, "reference", tables)
    _expect_columns(found, Q6_COLUMNS, "email_counts_sql")
    found.columns = Q6_COLUMNS
    if len(found) == 1 and len(expected) > 1:
        raise KnownMistake(Q6_GROUP)
    if _labels(found["region"]) != _labels(expected["region"]):
        raise CheckFailed(
            f"the result of {label} should have one row per region in alphabetical order, "
            f"{_labels(expected['region'])}, but its regions are {_labels(found['region'])}."
        )
    everyone, emails = expected["customers"], expected["with_email"]
    same_customers = _same(found["customers"], everyone).all()
    same_emails = _same(found["with_email"], emails).all()
    if same_customers and same_emails:
        return
    if same_customers and _same(found["with_email"], everyone).all():
        raise KnownMistake(Q6_COUNT_STAR)
    if _same(found["customers"], emails).all():
        raise KnownMistake(Q6_WHERE if "where" in query.lower() else Q6_COUNT_EMAIL)
    raise CheckFailed(
        f"the counts of {label} differ: expected customers {everyone.tolist()} and with_email "
        f"{emails.tolist()}, found {found['customers'].tolist()} and "
        f"{found['with_email'].tolist()}."
    )


def _q6_public(answers: Answers, params: Params) -> None:
    _q6_compare(answers["email_counts_sql"], _data(params)["customers"], "your query")


def _q6_other(answers: Answers, params: Params) -> None:
    customers = _other_customers(60 + int(params.get("seed", 0)))
    _q6_compare(answers["email_counts_sql"], customers, "your query on another customers table")


Q6_SQL = "SELECT region, {a} AS customers, {b} AS with_email\nFROM customers\n{w}GROUP BY region\n"

Q6 = Question(
    id="q6",
    title="SQL: COUNT(*) and COUNT(column)",
    points=1,
    prompt="""\
## q6 — Count in SQL (1 point)

The setup wrote both tables into the SQLite database `con`. Many customers left no email
(`email` is NULL in SQL, NaN in pandas). Set `email_counts_sql` to the text of a query on the
`customers` table that returns one row per region, ordered by region, with three columns:
`region`, `customers` (how many customers) and `with_email` (how many of them have an email).

Try it with `pd.read_sql(email_counts_sql, con)`. The check runs your query on a fresh
database of its own, holding the same `customers` table.""",
    reads=("email_counts_sql",),
    template="""\
# SELECT ... FROM customers GROUP BY ... ORDER BY ...
email_counts_sql = ____

# email_counts = pd.read_sql(email_counts_sql, con)  # run it to see your result""",
    solution='''\
email_counts_sql = """
SELECT region, COUNT(*) AS customers, COUNT(email) AS with_email
FROM customers
GROUP BY region
ORDER BY region
"""
email_counts = pd.read_sql(email_counts_sql, con)
email_counts''',
    mistakes=(
        Mistake(
            Q6_COUNT_STAR,
            "email_counts_sql = '''" + Q6_SQL.format(a="COUNT(*)", b="COUNT(*)", w="") + "'''",
        ),
        Mistake(
            Q6_WHERE,
            "email_counts_sql = '''"
            + Q6_SQL.format(a="COUNT(*)", b="COUNT(email)", w="WHERE email IS NOT NULL\n")
            + "'''",
        ),
        Mistake(
            Q6_COUNT_EMAIL,
            "email_counts_sql = '''"
            + Q6_SQL.format(a="COUNT(email)", b="COUNT(email)", w="")
            + "'''",
        ),
        Mistake(
            Q6_GROUP,
            "email_counts_sql = '''SELECT MIN(region) AS region, COUNT(*) AS customers, "
            "COUNT(email) AS with_email FROM customers'''",
        ),
    ),
    hints=(
        "`GROUP BY region` makes one row per region; an aggregate in the SELECT is computed "
        "per group. Name result columns with `AS`.",
        "`COUNT(*)` counts rows; `COUNT(email)` counts the non-NULL emails. "
        "`SELECT region, COUNT(*) AS customers, COUNT(email) AS with_email ...`",
    ),
    checks=(
        Check("the counts per region from the customers table", _q6_public),
        Check("the same query on another customers table", _q6_other, hidden=True),
    ),
)


# q7: a join in SQL, and COUNT(DISTINCT ...) ---------------------------------------------------

Q7_COLUMNS = ["region", "orders"]
Q7_LEFT = (
    "There is a row whose region is NULL: a LEFT JOIN keeps orders whose customer is unknown. "
    "Use an inner `JOIN ... ON o.customer_id = c.customer_id`."
)
Q7_ROWS = (
    "The counts include repeated rows: the raw `orders` table holds some orders twice, and "
    "`COUNT(*)` counts rows. Count distinct orders: `COUNT(DISTINCT o.order_id)`."
)
Q7_ORDER = (
    "The rows must be ordered by the number of orders, largest first: "
    "`ORDER BY orders DESC, region`."
)
Q7_GROUP = "The result should have one row per region: add `GROUP BY c.region`."
Q7_REFERENCE = """\
SELECT c.region AS region, COUNT(DISTINCT o.order_id) AS orders
FROM orders AS o
JOIN customers AS c ON o.customer_id = c.customer_id
GROUP BY c.region
ORDER BY orders DESC, region"""


def _q7_compare(query: Any, raw: pd.DataFrame, customers: pd.DataFrame, label: str) -> None:
    tables = {"orders": raw, "customers": customers}
    found = _run_query(query, "region_orders_sql", tables)
    expected = _run_query(Q7_REFERENCE, "reference", tables)
    _expect_columns(found, Q7_COLUMNS, "region_orders_sql")
    found.columns = Q7_COLUMNS
    if found["region"].isna().any():
        raise KnownMistake(Q7_LEFT)
    if len(found) == 1 and len(expected) > 1:
        raise KnownMistake(Q7_GROUP)
    if sorted(_labels(found["region"])) != sorted(_labels(expected["region"])):
        raise CheckFailed(
            f"the result of {label} should have one row per region, "
            f"{sorted(_labels(expected['region']))}; found {_labels(found['region'])}."
        )
    counts = dict(zip(_labels(found["region"]), found["orders"], strict=True))
    aligned = pd.Series([counts[r] for r in _labels(expected["region"])])
    if not _same(aligned, expected["orders"]).all():
        joined = raw.merge(customers, on="customer_id")
        rows = joined.groupby("region").size().reindex(expected["region"])
        if _same(aligned, rows).all():
            raise KnownMistake(Q7_ROWS)
        raise CheckFailed(
            f"the order counts of {label} differ: expected {expected['orders'].tolist()} "
            f"for {_labels(expected['region'])}, found {aligned.tolist()}."
        )
    if _labels(found["region"]) != _labels(expected["region"]):
        raise KnownMistake(Q7_ORDER)


def _q7_public(answers: Answers, params: Params) -> None:
    data = _data(params)
    _q7_compare(answers["region_orders_sql"], data["raw_orders"], data["customers"], "your query")


def _q7_other(answers: Answers, params: Params) -> None:
    seed = 70 + int(params.get("seed", 0))
    _q7_compare(
        answers["region_orders_sql"],
        _other_raw_orders(seed),
        _other_customers(seed),
        "your query on other tables",
    )


Q7_SQL = (
    "SELECT c.region AS region, {count} AS orders\n"
    "FROM orders AS o\n"
    "{join} customers AS c ON o.customer_id = c.customer_id\n"
    "GROUP BY c.region\n"
    "{order}"
)

Q7 = Question(
    id="q7",
    title="SQL: a join and COUNT(DISTINCT)",
    points=2,
    prompt="""\
## q7 — Orders per region in SQL (2 points)

In `con`, the `orders` table is the **raw** export (`raw_orders`: some orders appear more than
once, and some customers are unknown). Set `region_orders_sql` to a query that returns one row
per region with two columns, `region` and `orders` — the number of **distinct** orders placed
by that region's customers — keeping only orders whose customer is known (an inner join), and
ordered by `orders`, largest first (ties by region).

The check runs your query on a fresh database of its own, holding the same two tables.""",
    reads=("region_orders_sql",),
    template="""\
# SELECT c.region AS region, ... AS orders FROM orders AS o JOIN ... GROUP BY ... ORDER BY ...
region_orders_sql = ____

# region_orders = pd.read_sql(region_orders_sql, con)  # run it to see your result""",
    solution='''\
region_orders_sql = """
SELECT c.region AS region, COUNT(DISTINCT o.order_id) AS orders
FROM orders AS o
JOIN customers AS c ON o.customer_id = c.customer_id
GROUP BY c.region
ORDER BY orders DESC, region
"""
region_orders = pd.read_sql(region_orders_sql, con)
region_orders''',
    mistakes=(
        Mistake(
            Q7_LEFT,
            "region_orders_sql = '''"
            + Q7_SQL.format(
                count="COUNT(DISTINCT o.order_id)",
                join="LEFT JOIN",
                order="ORDER BY orders DESC, region",
            )
            + "'''",
        ),
        Mistake(
            Q7_ROWS,
            "region_orders_sql = '''"
            + Q7_SQL.format(count="COUNT(*)", join="JOIN", order="ORDER BY orders DESC, region")
            + "'''",
        ),
        Mistake(
            Q7_ORDER,
            "region_orders_sql = '''"
            + Q7_SQL.format(count="COUNT(DISTINCT o.order_id)", join="JOIN", order="")
            + "'''",
        ),
        Mistake(
            Q7_GROUP,
            "region_orders_sql = '''SELECT MIN(c.region) AS region, COUNT(DISTINCT o.order_id) "
            "AS orders FROM orders AS o JOIN customers AS c ON o.customer_id = c.customer_id'''",
        ),
    ),
    hints=(
        "`JOIN customers AS c ON o.customer_id = c.customer_id` is an inner join; "
        "`COUNT(DISTINCT column)` counts different values, not rows.",
        "`COUNT(DISTINCT o.order_id) AS orders`, `GROUP BY c.region`, "
        "`ORDER BY orders DESC, region`.",
    ),
    checks=(
        Check("distinct orders per region from the raw orders and customers", _q7_public),
        Check("the same query on other tables", _q7_other, hidden=True),
    ),
)


EXERCISE = Exercise(
    module=find_module("06"),
    intro=INTRO,
    imports=IMPORTS,
    parameters=PARAMETERS,
    context=CONTEXT,
    questions=(Q1, Q2, Q3, Q4, Q5, Q6, Q7),
)
