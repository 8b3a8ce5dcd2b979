"""The exercise 06 spec, in-process: the key passes, blanks are not attempted, mistakes fail;
and the shop data is what its generator writes."""

import subprocess
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest

from curriculum.data import path
from curriculum.exercises import load_exercise
from curriculum.results import Status

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wrangling():
    return load_exercise("06")


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 1, 7, 42])
def test_reference_solutions_pass_every_check(wrangling, seed):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = evaluate(wrangling, wrangling.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in wrangling.questions
    }, {q: r.message for q, r in results.items()}


def test_templates_are_not_attempted(wrangling):
    namespace = wrangling.run_context(seed=0)
    for question in wrangling.questions:
        exec(question.template, namespace)
    results = evaluate(wrangling, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values())


def answer(exercise, question_id, code, seed=0):
    namespace = exercise.run_context(seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(code, namespace)
        return exercise.question(question_id).evaluate(
            namespace, {"seed": seed}, include_hidden=True, time_limit=5
        )


TO_NUMBER = (
    "def to_number(text):\n"
    "    return pd.to_numeric(text.str.replace(r'[^0-9.\\-]', '', regex=True), errors='coerce')\n\n"
)
CLEAN = (
    "def clean_orders(raw):\n"
    "    out = raw.drop_duplicates(subset='order_id').copy()\n"
    "    out['price'] = to_number(out['price'])\n"
    "    out['category'] = out['category'].str.strip().str.lower()\n"
    "    out['ordered_at'] = pd.to_datetime(out['ordered_at'])\n"
    "    return out.dropna(subset=['price']).reset_index(drop=True)\n"
)
REVENUE = (
    "def with_revenue(orders):\n"
    "    out = orders.copy()\n"
    "    out['revenue'] = out['quantity'] * out['price']\n"
    "    used = out['coupon'].notna()\n"
)
REVENUE_OK = REVENUE + "    out.loc[used, 'revenue'] *= 0.9\n    return out\n\n"
GROUP = (
    "def category_revenue(orders):\n"
    "    return orders.groupby('category')['revenue'].sum().sort_values(ascending=False)\n"
)
WIDE = (
    "def monthly_share(orders):\n"
    "    month = orders['ordered_at'].dt.strftime('%Y-%m')\n"
    "    wide = orders.pivot_table(index=month, columns='category', values='revenue',\n"
    "                              aggfunc='sum', fill_value=0)\n"
)
ATTACH = (
    "def attach_customers(orders, customers):\n"
    "    return orders.merge(customers, on='customer_id')\n\n"
)
UNMATCHED = (
    "unknown = ~raw_orders['customer_id'].isin(customers['customer_id'])\n"
    "unmatched_orders = raw_orders.loc[unknown, 'order_id'].nunique()\n"
)
Q7_JOIN = "FROM orders AS o JOIN customers AS c ON o.customer_id = c.customer_id GROUP BY c.region "

# Other correct ways to write each answer: they must pass.
RIGHT = {
    "q1": [
        "def to_number(text):\n"
        "    return pd.to_numeric(text.str.replace(r'[$£€,\\s]', '', regex=True), errors='coerce')",
        "def to_number(text):\n"
        "    return text.replace(r'[^\\d.\\-]', '', regex=True).replace('', np.nan).astype(float)",
    ],
    "q2": [
        TO_NUMBER + "def clean_orders(raw):\n"
        "    out = raw.assign(\n"
        "        price=to_number(raw['price']),\n"
        "        category=raw['category'].str.strip().str.lower(),\n"
        "        ordered_at=pd.to_datetime(raw['ordered_at'], format='%Y-%m-%d'),\n"
        "    )\n"
        "    out = out.dropna(subset=['price'])\n"
        "    return out[~out['order_id'].duplicated()].sort_values('order_id')",
    ],
    "q3": [
        "def with_revenue(orders):\n"
        "    factor = np.where(orders['coupon'].notna(), 0.9, 1.0)\n"
        "    return orders.assign(revenue=orders['quantity'] * orders['price'] * factor)\n\n"
        "def category_revenue(orders):\n"
        "    table = orders.pivot_table(index='category', values='revenue', aggfunc='sum')\n"
        "    return table['revenue'].sort_values(ascending=False)",
    ],
    "q4": [
        "def monthly_share(orders):\n"
        "    month = orders['ordered_at'].dt.strftime('%Y-%m').rename('month')\n"
        "    wide = orders.groupby([month, 'category'])['revenue'].sum().unstack(fill_value=0)\n"
        "    return wide.apply(lambda row: row / row.sum(), axis=1)",
    ],
    "q5": [
        "def attach_customers(orders, customers):\n"
        "    return pd.merge(orders, customers, how='inner', on='customer_id')\n\n"
        "m = raw_orders.merge(customers[['customer_id']], how='left', indicator=True)\n"
        "unmatched_orders = int(m.loc[m['_merge'] == 'left_only', 'order_id'].nunique())",
    ],
    "q6": [
        "email_counts_sql = '''select region, count(*) as customers,\n"
        "  sum(case when email is not null then 1 else 0 end) as with_email\n"
        "from customers group by region order by region'''",
    ],
    "q7": [
        "region_orders_sql = '''\n"
        "WITH once AS (SELECT DISTINCT order_id, customer_id FROM orders)\n"
        "SELECT c.region AS region, COUNT(*) AS orders\n"
        "FROM once AS o INNER JOIN customers AS c USING (customer_id)\n"
        "GROUP BY c.region ORDER BY 2 DESC, 1'''",
        "region_orders_sql = '''SELECT c.region, COUNT(DISTINCT o.order_id) AS orders\n"
        "FROM orders o LEFT JOIN customers c ON o.customer_id = c.customer_id\n"
        "WHERE c.region IS NOT NULL GROUP BY c.region ORDER BY orders DESC, c.region'''",
    ],
}

# Wrong answers a beginner writes, and a phrase of the message that must name the mistake.
WRONG = {
    "q1": [
        ("def to_number(text):\n    return pd.to_numeric(text, errors='coerce')", "became NaN"),
        (
            "def to_number(text):\n    cleaned = text.str.replace('$', '').str.replace(' ', '')\n"
            "    return pd.to_numeric(cleaned, errors='coerce')",
            "thousands separator",
        ),
        (TO_NUMBER.replace("errors='coerce')", "errors='coerce').fillna(0)"), "must stay missing"),
        (
            "def to_number(text):\n    return text.str.replace(r'[$,\\s]', '', regex=True)",
            "still text",
        ),
        (TO_NUMBER.replace("0-9.", "0-9"), "100 times too large"),
        (TO_NUMBER.replace("errors='coerce')", "errors='coerce').values"), "same index"),
        (
            "def to_number(text):\n    return text.str.replace('[$, ]', '').astype(float)",
            "regex=True",
        ),
        (TO_NUMBER.replace("errors='coerce')", "errors='coerce').dropna()"), "same index"),
    ],
    "q2": [
        (TO_NUMBER + CLEAN.replace("dropna(subset=['price'])", "dropna()"), "ANY column"),
        (
            TO_NUMBER + CLEAN.replace("drop_duplicates(subset='order_id')", "drop_duplicates()"),
            "identical in every column",
        ),
        (
            TO_NUMBER + CLEAN.replace("raw.drop_duplicates(subset='order_id')", "raw"),
            "were not removed",
        ),
        (TO_NUMBER + CLEAN.replace(".str.strip().str.lower()", ".str.lower()"), "not normalised"),
        (TO_NUMBER + CLEAN.replace(".str.strip().str.lower()", ".str.strip()"), "not normalised"),
        (
            TO_NUMBER + CLEAN.replace("pd.to_datetime(out['ordered_at'])", "out['ordered_at']"),
            "still text",
        ),
        (
            TO_NUMBER + CLEAN.replace("subset='order_id')", "subset='order_id', keep='last')"),
            "kept the last",
        ),
        (TO_NUMBER + CLEAN.replace(".dropna(subset=['price'])", ""), "still has NaN prices"),
        (
            TO_NUMBER + CLEAN.replace("reset_index(drop=True)", "reset_index(drop=True)['price']"),
            "should be a pandas DataFrame",
        ),
    ],
    "q3": [
        (
            REVENUE + "    out['revenue'][used] *= 0.9\n    return out\n\n" + GROUP,
            "chained indexing",
        ),
        (
            REVENUE
            + "    out[used]['revenue'] = out[used]['revenue'] * 0.9\n    return out\n\n"
            + GROUP,
            "temporary copy",
        ),
        (REVENUE + "    out['revenue'] *= 0.9\n    return out\n\n" + GROUP, "Every order got"),
        (
            REVENUE + "    out.loc[used, 'revenue'] *= 0.1\n    return out\n\n" + GROUP,
            "multiply by 0.9, not 0.1",
        ),
        (REVENUE_OK + GROUP.replace(".sum()", ".mean()"), "mean revenue per order"),
        (REVENUE_OK + GROUP.replace(".sum()", ".count()"), "counts orders"),
        (REVENUE_OK + GROUP.replace(".sort_values(ascending=False)", ""), "largest first"),
        (REVENUE_OK + GROUP.replace("ascending=False", "ascending=True"), "largest first"),
        (
            REVENUE_OK
            + GROUP.replace("['revenue']", "[['revenue']]").replace(
                "ascending=False", "'revenue', ascending=False"
            ),
            "one-column DataFrame",
        ),
        (
            REVENUE.replace("out['quantity'] * out['price']", "out['price']")
            + "    out.loc[used, 'revenue'] *= 0.9\n    return out\n\n"
            + GROUP,
            "quantity times unit price",
        ),
        (
            "def with_revenue(orders):\n    return orders['quantity'] * orders['price']\n\n"
            + GROUP,
            "returned a Series",
        ),
    ],
    "q4": [
        (WIDE + "    return wide / wide.sum()", "Each column sums to 1"),
        (WIDE + "    return wide.div(wide.sum(axis=0), axis=1)", "Each column sums to 1"),
        (WIDE + "    return wide / wide.sum(axis=1)", "full of NaN"),
        (
            WIDE.replace(".dt.strftime('%Y-%m')", ".dt.month")
            + "    return wide.div(wide.sum(axis=1), axis=0)",
            "only 12 rows",
        ),
        (
            "def monthly_share(orders):\n"
            "    month = orders['ordered_at'].dt.strftime('%Y-%m')\n"
            "    return pd.crosstab(month, orders['category'], normalize='index')",
            "number of orders",
        ),
        (
            WIDE.replace("aggfunc='sum', ", "") + "    return wide.div(wide.sum(axis=1), axis=0)",
            "averages by default",
        ),
        (
            WIDE.replace(", fill_value=0", "") + "    return wide.div(wide.sum(axis=1), axis=0)",
            "share of 0, not NaN",
        ),
        (WIDE + "    return 100 * wide.div(wide.sum(axis=1), axis=0)", "percentages"),
        (
            WIDE.replace(".dt.strftime('%Y-%m')", ".dt.to_period('M')")
            + "    return wide.div(wide.sum(axis=1), axis=0)",
            "PeriodIndex",
        ),
    ],
    "q5": [
        (ATTACH.replace("on='customer_id'", "on='customer_id', how='left'") + UNMATCHED, "LEFT"),
        (
            ATTACH.replace("on='customer_id'", "on='customer_id', how='outer'") + UNMATCHED,
            "OUTER",
        ),
        (
            ATTACH.replace("on='customer_id'", "on='customer_id', how='right'") + UNMATCHED,
            "RIGHT",
        ),
        (
            "def attach_customers(orders, customers):\n"
            "    return orders.join(customers, rsuffix='_c')\n\n" + UNMATCHED,
            "by their index",
        ),
        (
            "def attach_customers(orders, customers):\n"
            "    both = pd.concat([orders, customers.drop(columns='customer_id')], axis=1)\n"
            "    return both.dropna(subset=['order_id', 'region'])\n\n" + UNMATCHED,
            "by their index",
        ),
        (
            ATTACH
            + UNMATCHED.replace("raw_orders.loc[unknown, 'order_id'].nunique()", "unknown.sum()"),
            "counts rows",
        ),
        (
            ATTACH + UNMATCHED.replace("'order_id'].nunique()", "'customer_id'].nunique()"),
            "distinct unknown customers",
        ),
        (ATTACH + UNMATCHED.replace("~raw_orders", "raw_orders"), "DO have a customer"),
    ],
    "q6": [
        (
            "email_counts_sql = 'SELECT region, COUNT(*) AS customers, COUNT(*) AS with_email "
            "FROM customers GROUP BY region ORDER BY region'",
            "`COUNT(*)` counts rows",
        ),
        (
            "email_counts_sql = 'SELECT region, COUNT(*) AS customers, COUNT(email) AS "
            "with_email FROM customers WHERE email IS NOT NULL GROUP BY region'",
            "WHERE email IS NOT NULL",
        ),
        (
            "email_counts_sql = 'SELECT region, COUNT(email) AS customers, COUNT(email) AS "
            "with_email FROM customers GROUP BY region'",
            "skips NULLs",
        ),
        (
            "email_counts_sql = 'SELECT region, COUNT(*) AS customers, COUNT(email) AS "
            "with_email FROM customers'",
            "GROUP BY region",
        ),
        (
            "email_counts_sql = 'SELECT region, COUNT(*), COUNT(email) FROM customers "
            "GROUP BY region'",
            "name them with `AS`",
        ),
        ("email_counts_sql = 'DROP TABLE customers'", "could not run"),
        ("email_counts_sql = 42", "text of an SQL query"),
    ],
    "q7": [
        (
            "region_orders_sql = 'SELECT c.region AS region, COUNT(DISTINCT o.order_id) AS orders "
            "FROM orders AS o LEFT JOIN customers AS c ON o.customer_id = c.customer_id "
            "GROUP BY c.region ORDER BY orders DESC'",
            "LEFT JOIN keeps",
        ),
        (
            "region_orders_sql = 'SELECT c.region AS region, COUNT(*) AS orders "
            + Q7_JOIN
            + "ORDER BY orders DESC'",
            "repeated rows",
        ),
        (
            "region_orders_sql = 'SELECT c.region AS region, COUNT(o.customer_id) AS orders "
            + Q7_JOIN
            + "ORDER BY orders DESC'",
            "repeated rows",
        ),
        (
            "region_orders_sql = 'SELECT c.region AS region, COUNT(DISTINCT o.order_id) AS "
            "orders " + Q7_JOIN + "'",
            "largest first",
        ),
        (
            "region_orders_sql = 'SELECT c.region AS region, COUNT(DISTINCT o.order_id) AS "
            "orders " + Q7_JOIN + "ORDER BY orders'",
            "largest first",
        ),
        (
            "region_orders_sql = 'SELECT c.region AS region, COUNT(DISTINCT o.order_id) AS "
            "orders FROM orders AS o JOIN customers AS c ON o.customer_id = c.customer_id'",
            "GROUP BY c.region",
        ),
        (
            "region_orders_sql = 'SELECT c.region AS region, COUNT(DISTINCT o.order_id) AS "
            "orders FROM orders AS o JOIN customers AS c ON o.order_id = c.customer_id "
            "GROUP BY c.region'",
            "one row per region",
        ),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(wrangling, question_id, code):
    result = answer(wrangling, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(wrangling, question_id, code, named):
    result = answer(wrangling, question_id, code)
    assert result.status in (Status.FAILED, Status.TIMEOUT, Status.ERROR), result.message
    assert named in result.message, result.message


# Change an operator or a constant in the reference: the checks must notice.
MUTANTS = {
    "q1": [(r"0-9.\-", r"0-9\-"), ('errors="coerce")', 'errors="coerce").round()')],
    "q2": [
        ('keep="first"', 'keep="last"'),
        (".str.lower()", ".str.upper()"),
        ('subset=["price"]', 'subset=["coupon"]'),
    ],
    "q3": [("* 0.9", "* 0.8"), ("ascending=False", "ascending=True"), (".sum()", ".max()")],
    "q4": [("axis=0", "axis=1"), ('"%Y-%m"', '"%m"'), ('aggfunc="sum"', 'aggfunc="max"')],
    "q5": [('how="inner"', 'how="left"'), (".nunique()", ".count()")],
    "q6": [("COUNT(email)", "COUNT(region)"), ("GROUP BY region", "GROUP BY email")],
    "q7": [("DISTINCT o.order_id", "o.order_id"), ("orders DESC", "orders ASC")],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(
    wrangling, question_id, old, new
):
    solutions = {q.id: q.solution for q in wrangling.questions}
    solution = solutions[question_id]
    assert old in solution
    prefix = solutions["q1"] + "\n\n" if question_id == "q2" else ""
    result = answer(wrangling, question_id, prefix + solution.replace(old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(wrangling):
    assert len(wrangling.questions) >= 6
    for question in wrangling.questions:
        assert question.mistakes, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_partial_answer_names_what_is_missing(wrangling):
    result = answer(wrangling, "q5", ATTACH + "unmatched_orders = ____\n")
    assert result.status == Status.FAILED and "`unmatched_orders`" in result.message


def test_different_seeds_give_different_orders(wrangling):
    a, b = wrangling.run_context(seed=0), wrangling.run_context(seed=1)
    assert not a["raw_orders"]["order_id"].equals(b["raw_orders"]["order_id"])


def test_a_query_cannot_write_or_run_forever(wrangling):
    writes = answer(
        wrangling,
        "q6",
        "email_counts_sql = \"ATTACH DATABASE '/tmp/dw_attack.sqlite' AS evil\"",
    )
    assert writes.status == Status.FAILED and "could not run" in writes.message
    assert not Path("/tmp/dw_attack.sqlite").exists()
    started = time.monotonic()
    endless = answer(
        wrangling,
        "q6",
        "email_counts_sql = '''WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n)\n"
        "SELECT COUNT(*) AS region, 1 AS customers, 1 AS with_email FROM n'''",
    )
    assert endless.status == Status.FAILED and "more than" in endless.message
    assert time.monotonic() - started < 10


# The shipped data ------------------------------------------------------------------------------


def test_the_generator_writes_the_shipped_files_byte_for_byte(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_shop_data.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in ("orders.csv", "customers.csv"):
        assert (tmp_path / name).read_bytes() == path(name).read_bytes(), name


def test_the_shop_data_has_the_faults_the_lesson_promises():
    orders = pd.read_csv(path("orders.csv"))
    customers = pd.read_csv(path("customers.csv"))
    assert 1000 <= len(orders) <= 2000 and len(customers) >= 200
    assert orders.duplicated().sum() > 20  # exact copies
    assert orders.duplicated("order_id").sum() > orders.duplicated().sum()  # edited copies
    assert orders["price"].isna().sum() > 10 and orders["coupon"].isna().mean() > 0.5
    assert orders["price"].str.contains(r"\$").any() and orders["price"].str.contains(",").any()
    tidy = orders["category"].str.strip().str.lower()
    assert tidy.nunique() == 5 < orders["category"].nunique()
    assert (~orders["customer_id"].isin(customers["customer_id"])).sum() > 20
    assert customers["email"].isna().sum() > 20
    assert customers["customer_id"].is_unique
