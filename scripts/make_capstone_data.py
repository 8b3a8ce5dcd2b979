"""Write the customer-churn tables that module 18 (the capstone project) is built on.

A subscription company's export: one row per customer, a realistic mix of numeric and
categorical columns with missing values, and whether the customer left (``churned``, "yes" or
"no") in the following quarter. The outcome is drawn from a known logistic model plus noise, so
the best achievable ROC AUC is well below 1 and the lesson can say what a good model reaches.

- ``capstone_train.csv`` (2000 rows): what the learner gets.
- ``capstone_holdout.csv`` (1000 rows): the same kind of customers, drawn later; only the hidden
  checks read it. It contains a payment method ("wallet") launched after the training rows were
  exported, so a pipeline that cannot take an unseen category fails on it.

The ground truth (log-odds of churning), in words: month-to-month contracts churn most and
two-year contracts least; churn falls with the logarithm of tenure; every support call raises
it, more so on a month-to-month contract; higher monthly charges and paying by electronic check
raise it; a satisfaction score (1-5) lowers it, and customers who did not answer the survey
churn more than average. ``region``, ``age`` and ``customer_id`` carry no signal.

Usage: ``python scripts/make_capstone_data.py [--out DIR] [--seed N]`` (default:
``src/curriculum/data``, seed 2018). Running it again writes byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

SEED = 2018
N_TRAIN = 2000
N_HOLDOUT = 1000
WALLET_SHARE = 0.05  # of holdout rows: the payment method the training rows never saw

COLUMNS = (
    "customer_id",
    "tenure_months",
    "monthly_charge",
    "support_calls",
    "data_usage_gb",
    "satisfaction",
    "age",
    "contract",
    "plan",
    "payment_method",
    "region",
    "churned",
)
CONTRACTS = ("month-to-month", "one-year", "two-year")
CONTRACT_WEIGHTS = (0.5, 0.28, 0.22)
CONTRACT_EFFECT = {"month-to-month": 1.2, "one-year": -0.4, "two-year": -1.9}
PLANS = ("basic", "standard", "premium")
PLAN_PRICE = {"basic": 35.0, "standard": 60.0, "premium": 95.0}
PAYMENTS = ("card", "bank_transfer", "e_check", "mailed_check")
PAYMENT_WEIGHTS = (0.35, 0.25, 0.28, 0.12)
REGIONS = ("north", "south", "east", "west", "central")
# Missing shares per column (the survey is the one most customers skip).
MISSING = {
    "monthly_charge": 0.05,
    "data_usage_gb": 0.10,
    "satisfaction": 0.30,
    "age": 0.08,
    "payment_method": 0.04,
}


def churn_log_odds(
    contract: np.ndarray,
    tenure: np.ndarray,
    calls: np.ndarray,
    charge: np.ndarray,
    payment: np.ndarray,
    satisfaction: np.ndarray,
) -> np.ndarray:
    """The true log-odds of churning (satisfaction is NaN where the survey was skipped)."""
    effect = np.array([CONTRACT_EFFECT[c] for c in contract])
    monthly = contract == "month-to-month"
    answered = ~np.isnan(satisfaction)
    survey = np.where(answered, -0.55 * (np.nan_to_num(satisfaction) - 3.0), 0.45)
    return (
        -1.9
        + effect
        - 0.75 * np.log(tenure / 12.0)
        + 0.25 * calls
        + 0.3 * monthly * np.maximum(calls - 2, 0)
        + 0.018 * (charge - 60.0)
        + 0.7 * (payment == "e_check")
        + survey
    )


def make_customers(rng: np.random.Generator, n: int, first_id: int, wallet: float) -> list:
    contract = rng.choice(CONTRACTS, size=n, p=CONTRACT_WEIGHTS)
    long_contract = contract != "month-to-month"
    tenure = np.clip(np.round(rng.gamma(1.6 + 1.4 * long_contract, 10.0, size=n)), 1, 72)
    plan = rng.choice(PLANS, size=n, p=(0.4, 0.4, 0.2))
    charge = np.array([PLAN_PRICE[p] for p in plan]) + rng.normal(0.0, 8.0, size=n)
    charge = np.round(np.clip(charge, 15.0, None), 2)
    calls = rng.poisson(1.2 + 0.6 * (plan == "basic"), size=n)
    usage = np.round(rng.lognormal(np.log(np.array([PLAN_PRICE[p] for p in plan]) / 8), 0.5), 1)
    payment = rng.choice(PAYMENTS, size=n, p=PAYMENT_WEIGHTS).astype(object)
    payment[rng.random(n) < wallet] = "wallet"
    satisfaction = np.clip(np.round(rng.normal(3.4 - 0.25 * calls, 1.0)), 1, 5)
    age = np.round(np.clip(rng.normal(45.0, 14.0, size=n), 18, 85))
    region = rng.choice(REGIONS, size=n, p=(0.25, 0.2, 0.2, 0.2, 0.15))

    skipped = rng.random(n) < MISSING["satisfaction"] + 0.1 * (calls >= 3)
    satisfaction = np.where(skipped, np.nan, satisfaction)
    logit = churn_log_odds(contract, tenure, calls, charge, payment, satisfaction)
    churned = rng.random(n) < 1.0 / (1.0 + np.exp(-logit))

    values = {
        "customer_id": np.arange(first_id, first_id + n),
        "tenure_months": tenure.astype(int),
        "monthly_charge": charge,
        "support_calls": calls,
        "data_usage_gb": usage,
        "satisfaction": satisfaction,
        "age": age,
        "contract": contract,
        "plan": plan,
        "payment_method": payment,
        "region": region,
        "churned": np.where(churned, "yes", "no"),
    }
    for column, share in MISSING.items():
        if column != "satisfaction":
            values[column] = np.where(rng.random(n) < share, None, values[column]).astype(object)
    return [[_text(values[c][i]) for c in COLUMNS] for i in range(n)]


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (float, np.floating)):
        return f"{float(value):g}" if float(value).is_integer() else f"{float(value):.2f}"
    return str(value)


def write(rows: list, target: Path) -> None:
    with target.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)


def make_tables(seed: int = SEED) -> tuple[list, list]:
    rng = np.random.default_rng(seed)
    train = make_customers(rng, N_TRAIN, first_id=10001, wallet=0.0)
    holdout = make_customers(rng, N_HOLDOUT, first_id=10001 + N_TRAIN, wallet=WALLET_SHARE)
    return train, holdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[1] / "src" / "curriculum" / "data"
    parser.add_argument("--out", type=Path, default=default)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    train, holdout = make_tables(args.seed)
    write(train, args.out / "capstone_train.csv")
    write(holdout, args.out / "capstone_holdout.csv")
    print(f"wrote {len(train)} + {len(holdout)} rows to {args.out}")


if __name__ == "__main__":
    main()
