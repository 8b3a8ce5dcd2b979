"""Exercise 16: recommenders and retrieval — TF-IDF and cosine search by hand, precision@k and
recall@k, a retrieval FAQ bot that knows when to say it has no answer, matrix factorisation by
truncated SVD and alternating least squares, held-out RMSE, and top-N against popularity."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from curriculum.checks import (
    CheckFailed,
    KnownMistake,
    call_learner_function,
    expect_array,
    expect_callable,
    expect_close,
    expect_equal,
    expect_fitted,
    expect_inputs_unchanged,
    expect_number,
    expect_only_numpy,
    expect_type,
)
from curriculum.questions import Check, Exercise, Mistake, Question
from curriculum.syllabus import find_module

Answers = Mapping[str, Any]
Params = Mapping[str, Any]

INTRO = """\
# Exercise 16 — Recommenders and retrieval

Seven questions: TF-IDF and cosine search built by hand, precision@k and recall@k, a
question-answering bot over the shop's FAQ that says when it has no answer, then collaborative
filtering on a ratings table — alternating least squares by hand, RMSE on held-out ratings and
top-N recommendations against a popularity baseline.
For each question: read the prompt, replace every `____` in the answer cell with your code, run
it, then run the check cell below it.

- `q1.check()` runs the public checks and says what is wrong, if anything.
- `q1.hint()` gives a nudge, `q1.hint(2)` a stronger one; `q1.solution()` shows our answer.
- `curriculum grade exercises/16_recommenders_retrieval.ipynb` grades the whole notebook the way
  the autograder does, with extra hidden checks.

Run the setup cells first. Do not edit the check cells: the grader restores them anyway."""

IMPORTS = """\
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity
from sklearn.model_selection import train_test_split

from curriculum.data import path"""

PARAMETERS = {"seed": 0}

CONTEXT = """\
# Help-centre articles and search-box queries (q1-q3), shipped with the course
# (written by scripts/make_faq_corpus.py). relevant[i] lists the articles that answer query i.
articles = pd.read_csv(path("help_articles.csv"))
queries = pd.read_csv(path("help_queries.csv"))
relevant = [[int(d) for d in ids.split()] for ids in queries["relevant"]]
count_vectorizer = CountVectorizer().fit(articles["text"])
article_counts = count_vectorizer.transform(articles["text"]).toarray()
query_counts = count_vectorizer.transform(queries["query"]).toarray()
# The ten best articles per query by TF-IDF cosine similarity, best first (used in q3).
_tfidf = TfidfVectorizer().fit(articles["text"])
tfidf_ranking = np.argsort(
    -cosine_similarity(_tfidf.transform(queries["query"]), _tfidf.transform(articles["text"])),
    axis=1, kind="stable",
)[:, :10]

# The FAQ (q4): several phrasings per entry, all with the entry's answer; and questions
# customers typed, with the reply a good bot gives (the entry's answer, or NO_ANSWER).
NO_ANSWER = "Sorry, I have no answer to that. A member of our team will reply by email."
faq = pd.read_csv(path("faq.csv"))
customer_questions = pd.read_csv(path("faq_questions.csv"))
_answer_of = faq.groupby("faq_id")["answer"].first()
customer_questions["reply"] = [
    _answer_of[i] if i >= 0 else NO_ANSWER for i in customer_questions["faq_id"]
]
tune_questions, test_questions = train_test_split(
    customer_questions, test_size=0.5, random_state=seed
)
THRESHOLDS = np.round(np.arange(0.05, 0.96, 0.05), 2)

# Ratings (q5-q7): 1-5 stars from 300 users on 100 films; R_train is users x films with NaN
# where the user has no training rating. The last 40 users are new: one training rating each.
ratings = pd.read_csv(path("ratings.csv"))
n_users, n_items = ratings["user"].max() + 1, ratings["item"].max() + 1
train = ratings[ratings["split"] == "train"]
test = ratings[ratings["split"] == "test"]
R_train = np.full((n_users, n_items), np.nan)
R_train[train["user"], train["item"]] = train["rating"]
test_users = test["user"].to_numpy()
test_items = test["item"].to_numpy()
test_ratings = test["rating"].to_numpy().astype(float)
new_users = np.arange(n_users - 40, n_users)
established_users = np.arange(n_users - 40)
RANK, LAM, N_ITERS = 3, 3.0, 15
rng = np.random.default_rng(seed)
V_init = rng.normal(scale=0.1, size=(n_items, RANK))   # starting film factors for ALS
print(f"{len(articles)} articles, {len(queries)} search queries, {faq['faq_id'].nunique()} FAQ "
      f"entries, {len(tune_questions)} tuning / {len(test_questions)} test customer questions")
print(f"ratings: {len(train)} train / {len(test)} test, R_train {R_train.shape}")"""

# q4: over seeds 0-29 the tuned threshold is 0.40-0.50 and the bot's test accuracy 0.55-0.77;
# answering every question (no threshold) scores 0.36-0.57, a vectorizer fitted on the customer
# questions 0.30-0.55. The checks compare with the reference for the same seed.
TOP_K = 5
TOP_N = 10


@lru_cache(maxsize=4)
def _context(seed: int) -> dict[str, Any]:
    """The pristine data for a seed, built by the same code the notebook shows."""
    return EXERCISE.run_context(seed=seed)


def _data(params: Params) -> dict[str, Any]:
    """Fresh copies each time, so learner code that mutates its inputs cannot poison the cache."""
    cached = _context(int(params.get("seed", 0)))
    import pandas as pd

    return {
        k: v.copy() if isinstance(v, (np.ndarray, list, pd.DataFrame)) else v
        for k, v in cached.items()
        if k != "__builtins__"
    }


@lru_cache(maxsize=4)
def _reference(seed: int) -> dict[str, Any]:
    """The reference answers for a seed (every solution run on the context)."""
    return EXERCISE.run_solutions(seed=seed)


def _variant(solution: str, old: str, new: str) -> str:
    """A known mistake written as one change to the reference solution."""
    if old not in solution:
        raise ValueError(f"{old!r} is not in the solution")
    return solution.replace(old, new)


def _as_float_array(value: Any, name: str) -> np.ndarray:
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(f"`{name}` should be an array of numbers.") from None


# q1: TF-IDF from counts ------------------------------------------------------------------------

Q1_SOLUTION = '''\
def tfidf(counts, smooth_idf=True):
    """TF-IDF weights of a (documents x terms) count matrix, each row scaled to length 1."""
    counts = np.asarray(counts, dtype=float)
    n_docs = counts.shape[0]
    df = np.count_nonzero(counts, axis=0)
    if smooth_idf:
        idf = np.log((1 + n_docs) / (1 + df)) + 1
    else:
        idf = np.log(n_docs / df) + 1
    weights = counts * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    return weights / np.where(norms == 0, 1, norms)'''

Q1_NO_LOG = (
    "The IDF has no logarithm: it is `log((1 + n) / (1 + df)) + 1`, not the ratio itself; "
    "without the log a rare word outweighs a common one by far too much."
)
Q1_NO_SMOOTH = (
    "With `smooth_idf=True` add one to both counts, as if one extra document held every word: "
    "`log((1 + n) / (1 + df)) + 1`. You used `log(n / df) + 1`, the unsmoothed IDF."
)
Q1_NO_PLUS_ONE = (
    "The IDF is `log(...) + 1`: the `+ 1` keeps words that appear in every document from "
    "getting weight 0."
)
Q1_DF_TOTAL = (
    "`df` is the number of *documents* that contain the word, `np.count_nonzero(counts, "
    "axis=0)`, not its total count."
)
Q1_NO_NORM = (
    "Scale each row (document) to Euclidean length 1, as `TfidfVectorizer(norm='l2')` does: "
    "divide by `np.linalg.norm(weights, axis=1, keepdims=True)`."
)
Q1_COL_NORM = (
    "You scaled the columns (words) to length 1: scale each *row* (document), "
    "`np.linalg.norm(weights, axis=1, keepdims=True)`."
)
Q1_EMPTY_ROW = (
    "A document with none of the vocabulary's words has length 0: dividing by it gives NaN. "
    "Leave such rows at 0 (divide by 1 where the norm is 0)."
)


def _reference_tfidf(counts: np.ndarray, smooth_idf: bool) -> np.ndarray:
    counts = np.asarray(counts, dtype=float)
    n = counts.shape[0]
    df = np.count_nonzero(counts, axis=0)
    idf = np.log((1 + n) / (1 + df)) + 1 if smooth_idf else np.log(n / df) + 1
    weights = counts * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    return weights / np.where(norms == 0, 1, norms)


def _random_counts(seed: int, n: int, p: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    counts = rng.poisson(0.6, size=(n, p)) * (rng.random((n, p)) < 0.6)
    counts[rng.integers(n, size=p), np.arange(p)] += 1  # every word appears somewhere
    return counts


def _q1_public(answers: Answers, params: Params) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    fn = answers["tfidf"]
    expect_callable(fn, "tfidf")
    data = _data(params)
    texts = list(data["articles"]["text"])
    expected = TfidfVectorizer(smooth_idf=True, norm="l2").fit_transform(texts).toarray()
    found = call_learner_function(fn, "tfidf", data["article_counts"].copy(), True)
    expect_array(found, expected, "tfidf(article_counts, True)", rtol=1e-6, atol=1e-9)
    expected = TfidfVectorizer(smooth_idf=False, norm="l2").fit_transform(texts).toarray()
    found = call_learner_function(fn, "tfidf", data["article_counts"].copy(), False)
    expect_array(found, expected, "tfidf(article_counts, False)", rtol=1e-6, atol=1e-9)
    expect_only_numpy(fn, "tfidf")
    expect_inputs_unchanged(fn, "tfidf", ("counts",))


def _q1_hidden(answers: Answers, params: Params) -> None:
    fn = answers["tfidf"]
    seed = int(params.get("seed", 0))
    counts = _random_counts(200 + seed, 6, 4)
    counts[2] = 0
    counts[0] += 1
    found = _as_float_array(call_learner_function(fn, "tfidf", counts, True), "tfidf")
    if found.shape == counts.shape and np.isnan(found[2]).any():
        raise KnownMistake(Q1_EMPTY_ROW)
    expect_array(found, _reference_tfidf(counts, True), "tfidf with an empty document")
    for offset, (n, p) in enumerate([(7, 5), (30, 12)]):
        counts = _random_counts(100 + seed + offset, n, p)
        for smooth in (True, False):
            found = call_learner_function(fn, "tfidf", counts.tolist(), smooth)
            expect_array(found, _reference_tfidf(counts, smooth), "tfidf on other counts")


Q1 = Question(
    id="q1",
    title="TF-IDF from scratch",
    points=2,
    prompt="""\
## q1 — TF-IDF by hand (2 points)

`article_counts` is the bag of words of the help articles: row $d$ counts how often each word of
the vocabulary occurs in article $d$. Write `tfidf(counts, smooth_idf=True)` in NumPy only that
returns the TF-IDF matrix (same shape, floats) exactly as
`TfidfVectorizer(smooth_idf=smooth_idf, norm="l2")` computes it:

$$\\mathrm{idf}_j = \\ln\\frac{1 + n}{1 + \\mathrm{df}_j} + 1 \\;\\text{(smoothed)}, \\qquad
\\mathrm{idf}_j = \\ln\\frac{n}{\\mathrm{df}_j} + 1 \\;\\text{(not smoothed)},$$

where $n$ is the number of documents and $\\mathrm{df}_j$ the number of documents containing word
$j$. Multiply each count by its word's IDF, then scale every row to Euclidean length 1 (a row of
zeros stays zeros). Accept lists as well as arrays; do not modify `counts`.""",
    reads=("tfidf",),
    template='''\
def tfidf(counts, smooth_idf=True):
    """TF-IDF weights of a (documents x terms) count matrix, each row scaled to length 1."""
    counts = np.asarray(counts, dtype=float)
    df = ____
    idf = ____
    return ____''',
    solution=Q1_SOLUTION,
    mistakes=(
        Mistake(
            Q1_NO_LOG,
            _variant(
                Q1_SOLUTION,
                "idf = np.log((1 + n_docs) / (1 + df)) + 1",
                "idf = (1 + n_docs) / (1 + df) + 1",
            ),
        ),
        Mistake(
            Q1_NO_SMOOTH,
            _variant(
                Q1_SOLUTION,
                "idf = np.log((1 + n_docs) / (1 + df)) + 1",
                "idf = np.log(n_docs / df) + 1",
            ),
        ),
        Mistake(
            Q1_NO_PLUS_ONE,
            _variant(
                _variant(Q1_SOLUTION, "np.log(n_docs / df) + 1", "np.log(n_docs / df)"),
                "np.log((1 + n_docs) / (1 + df)) + 1",
                "np.log((1 + n_docs) / (1 + df))",
            ),
        ),
        Mistake(
            Q1_DF_TOTAL,
            _variant(
                Q1_SOLUTION, "df = np.count_nonzero(counts, axis=0)", "df = counts.sum(axis=0)"
            ),
        ),
        Mistake(
            Q1_NO_NORM,
            _variant(
                Q1_SOLUTION, "return weights / np.where(norms == 0, 1, norms)", "return weights"
            ),
        ),
        Mistake(
            Q1_COL_NORM,
            _variant(
                Q1_SOLUTION,
                "np.linalg.norm(weights, axis=1, keepdims=True)",
                "np.linalg.norm(weights, axis=0, keepdims=True)",
            ),
        ),
    ),
    hints=(
        "`np.count_nonzero(counts, axis=0)` counts, for each word (column), the documents it "
        "appears in; `np.log` is the natural logarithm scikit-learn uses.",
        "`weights = counts * idf` (broadcast over rows), then divide by "
        "`np.linalg.norm(weights, axis=1, keepdims=True)`, replacing zero norms by 1.",
    ),
    checks=(
        Check("matches TfidfVectorizer on the help articles, smoothed and not", _q1_public),
        Check(
            "works on lists, other count matrices and an empty document", _q1_hidden, hidden=True
        ),
    ),
)


# q2: cosine similarity search ------------------------------------------------------------------

Q2_SOLUTION = '''\
def cosine_top_k(query_vectors, doc_vectors, k):
    """Indices of the k documents most cosine-similar to each query, best first."""
    Q = np.asarray(query_vectors, dtype=float)
    D = np.asarray(doc_vectors, dtype=float)
    q_norm = np.linalg.norm(Q, axis=1, keepdims=True)
    d_norm = np.linalg.norm(D, axis=1, keepdims=True)
    sims = (Q / np.where(q_norm == 0, 1, q_norm)) @ (D / np.where(d_norm == 0, 1, d_norm)).T
    return np.argsort(-sims, axis=1, kind="stable")[:, :k]'''

Q2_NO_NORM = (
    "You ranked by the raw dot product: divide each document vector by its length first. "
    "Without it, long documents win just for being long; cosine similarity is "
    "`q · d / (|q| |d|)`."
)
Q2_ASCENDING = (
    "Your list starts with the *least* similar documents: sort by decreasing similarity, "
    "`np.argsort(-sims, axis=1)`."
)
Q2_EUCLIDEAN = (
    "You ranked by Euclidean distance on the raw vectors: cosine similarity compares "
    "directions, so normalise the vectors (or compute `q · d / (|q| |d|)`)."
)
Q2_WRONG_AXIS = "Sort each query's row of similarities (`axis=1`), not each document's column."


def _cosine(Q: np.ndarray, D: np.ndarray) -> np.ndarray:
    qn = np.linalg.norm(Q, axis=1, keepdims=True)
    dn = np.linalg.norm(D, axis=1, keepdims=True)
    return (Q / np.where(qn == 0, 1, qn)) @ (D / np.where(dn == 0, 1, dn)).T


def _check_ranking(found: Any, Q: np.ndarray, D: np.ndarray, k: int, name: str) -> None:
    """The k most similar documents per query, best first; ties may come in any order."""
    sims = _cosine(Q, D)
    found = _as_float_array(found, name)
    if found.shape != (len(Q), k):
        hint = " Transposed? Try `.T`." if found.shape == (k, len(Q)) else ""
        raise CheckFailed(
            f"`{name}` has shape {found.shape}; one row of {k} document indices per query, "
            f"shape {(len(Q), k)}, was expected.{hint}"
        )
    if not np.all(found == np.round(found)) or found.min() < 0 or found.max() >= len(D):
        raise CheckFailed(f"`{name}` should hold document indices from 0 to {len(D) - 1}.")
    idx = found.astype(int)
    for i, row in enumerate(idx):
        if len(set(row.tolist())) != k:
            raise CheckFailed(f"Row {i} of `{name}` repeats a document.")
        best = np.sort(sims[i])[::-1][:k]
        if not np.allclose(sims[i, row], best, atol=1e-9):
            raise CheckFailed(
                f"Row {i} of `{name}` is not the {k} most similar documents in decreasing order "
                f"of cosine similarity: their similarities are "
                f"{np.round(sims[i, row], 3).tolist()}, expected {np.round(best, 3).tolist()}."
            )


def _q2_public(answers: Answers, params: Params) -> None:
    fn = answers["cosine_top_k"]
    expect_callable(fn, "cosine_top_k")
    rng = np.random.default_rng(int(params.get("seed", 0)))
    D = rng.random((12, 6)) * rng.integers(1, 6, size=(12, 1))  # documents of varied length
    Q = rng.random((4, 6))
    found = call_learner_function(fn, "cosine_top_k", Q.copy(), D.copy(), 3)
    _check_ranking(found, Q, D, 3, "cosine_top_k(Q, D, 3)")
    data = _data(params)
    Qc, Dc = data["query_counts"], data["article_counts"]
    found = call_learner_function(fn, "cosine_top_k", Qc, Dc, TOP_K)
    _check_ranking(found, Qc.astype(float), Dc.astype(float), TOP_K, "search on the articles")
    expect_only_numpy(fn, "cosine_top_k")
    expect_inputs_unchanged(fn, "cosine_top_k", ("query_vectors", "doc_vectors"))


def _q2_hidden(answers: Answers, params: Params) -> None:
    fn = answers["cosine_top_k"]
    rng = np.random.default_rng(50 + int(params.get("seed", 0)))
    D = rng.random((20, 8)) * rng.integers(1, 9, size=(20, 1))
    Q = rng.random((6, 8))
    for k in (1, 7):
        found = call_learner_function(fn, "cosine_top_k", Q.tolist(), D.tolist(), k)
        _check_ranking(found, Q, D, k, f"cosine_top_k(..., k={k}) on lists")
    Q[2] = 0.0  # a query with none of the vocabulary's words
    found = _as_float_array(call_learner_function(fn, "cosine_top_k", Q, D, 4), "cosine_top_k")
    keep = [0, 1, 3, 4, 5]
    if found.shape == (6, 4):
        _check_ranking(found[keep], Q[keep], D, 4, "cosine_top_k with an empty query")
    else:
        _check_ranking(found, Q, D, 4, "cosine_top_k with an empty query")


Q2 = Question(
    id="q2",
    title="Cosine similarity search",
    points=2,
    prompt="""\
## q2 — Search by cosine similarity (2 points)

The cosine similarity of a query vector $q$ and a document vector $d$ is
$\\cos(q, d) = \\dfrac{q \\cdot d}{\\lVert q \\rVert\\,\\lVert d \\rVert}$ (take it as 0 when either
vector is all zeros). Write `cosine_top_k(query_vectors, doc_vectors, k)` in NumPy only: the
inputs are 2-D (one row per query, one row per document, same columns) and may be raw counts,
not normalised. Return an integer array of shape `(n_queries, k)`: row $i$ holds the indices of
the `k` documents most similar to query $i$, most similar first.""",
    reads=("cosine_top_k",),
    template='''\
def cosine_top_k(query_vectors, doc_vectors, k):
    """Indices of the k documents most cosine-similar to each query, best first."""
    Q = np.asarray(query_vectors, dtype=float)
    D = np.asarray(doc_vectors, dtype=float)
    sims = ____
    return ____''',
    solution=Q2_SOLUTION,
    mistakes=(
        Mistake(
            Q2_NO_NORM,
            """\
def cosine_top_k(query_vectors, doc_vectors, k):
    sims = np.asarray(query_vectors, dtype=float) @ np.asarray(doc_vectors, dtype=float).T
    return np.argsort(-sims, axis=1, kind="stable")[:, :k]""",
        ),
        Mistake(
            Q2_ASCENDING,
            _variant(Q2_SOLUTION, "np.argsort(-sims, axis=1", "np.argsort(sims, axis=1"),
        ),
        Mistake(
            Q2_EUCLIDEAN,
            """\
def cosine_top_k(query_vectors, doc_vectors, k):
    Q = np.asarray(query_vectors, dtype=float)
    D = np.asarray(doc_vectors, dtype=float)
    dist = np.linalg.norm(Q[:, None, :] - D[None, :, :], axis=2)
    return np.argsort(dist, axis=1, kind="stable")[:, :k]""",
        ),
        Mistake(
            Q2_WRONG_AXIS,
            _variant(
                Q2_SOLUTION,
                'np.argsort(-sims, axis=1, kind="stable")[:, :k]',
                'np.argsort(-sims, axis=0, kind="stable")[:k].T',
            ),
        ),
    ),
    hints=(
        "Divide each row by its length, `np.linalg.norm(X, axis=1, keepdims=True)` (use 1 where "
        "the length is 0); then one matrix product gives every similarity.",
        "`sims = Qn @ Dn.T` has shape (n_queries, n_docs); "
        "`np.argsort(-sims, axis=1)[:, :k]` keeps the k best per row.",
    ),
    checks=(
        Check("finds the most similar documents, on random vectors and the articles", _q2_public),
        Check("other k, lists, and a query with no known word", _q2_hidden, hidden=True),
    ),
)


# q3: precision@k and recall@k ------------------------------------------------------------------

Q3_SOLUTION = '''\
def precision_recall_at_k(ranked, relevant, k):
    """(precision@k, recall@k) of one ranked list of ids against the relevant ids."""
    hits = len(set(list(ranked)[:k]) & set(relevant))
    return hits / k, hits / len(relevant)


scores = [
    precision_recall_at_k(r, rel, 5) for r, rel in zip(tfidf_ranking, relevant, strict=True)
]
tfidf_p5 = float(np.mean([p for p, _ in scores]))
tfidf_r5 = float(np.mean([r for _, r in scores]))'''

Q3_RECALL_K = (
    "Recall@k divides the hits by the number of *relevant* items, `len(relevant)`, not by k: "
    "it asks what share of the right answers the top k found."
)
Q3_PRECISION_REL = (
    "Precision@k divides the hits by k (the number of results shown), not by the number of "
    "relevant items."
)
Q3_NO_CUT = (
    "Only the first k results count: cut the ranked list with `ranked[:k]` before counting hits."
)
Q3_SWAPPED = "Precision and recall are swapped: return `(precision, recall)` in that order."
Q3_LEN_RANKED = "Precision@k divides by k, not by the length of the whole ranked list."


def _reference_pr(ranked: Any, relevant: Any, k: int) -> tuple[float, float]:
    hits = len(set(list(ranked)[:k]) & set(relevant))
    return hits / k, hits / len(relevant)


def _expect_pair(found: Any, expected: tuple[float, float], name: str) -> None:
    if not isinstance(found, (tuple, list)) or len(found) != 2:
        raise CheckFailed(
            f"`{name}` should be a pair `(precision, recall)`, but it is {type(found).__name__}."
        )
    expect_close(found[0], expected[0], f"precision in {name}", atol=1e-9)
    expect_close(found[1], expected[1], f"recall in {name}", atol=1e-9)


def _q3_public(answers: Answers, params: Params) -> None:
    fn = answers["precision_recall_at_k"]
    expect_callable(fn, "precision_recall_at_k")
    cases = [
        ([4, 9, 1, 7, 3, 8], [9, 3, 5], 3),
        ([2, 5, 0, 6, 1, 3, 7, 9], [5, 6, 8, 1, 9], 4),
    ]
    for ranked, rel, k in cases:
        found = call_learner_function(fn, "precision_recall_at_k", ranked, rel, k)
        _expect_pair(found, _reference_pr(ranked, rel, k), f"precision_recall_at_k(..., k={k})")
    data = _data(params)
    scores = [
        _reference_pr(r, rel, TOP_K)
        for r, rel in zip(data["tfidf_ranking"], data["relevant"], strict=True)
    ]
    expect_close(answers["tfidf_p5"], float(np.mean([p for p, _ in scores])), "tfidf_p5")
    expect_close(answers["tfidf_r5"], float(np.mean([r for _, r in scores])), "tfidf_r5")


def _q3_hidden(answers: Answers, params: Params) -> None:
    fn = answers["precision_recall_at_k"]
    rng = np.random.default_rng(300 + int(params.get("seed", 0)))
    for k in (1, 2, 6):
        ranked = rng.permutation(20)[:12].tolist()
        rel = rng.choice(20, size=int(rng.integers(2, 8)), replace=False).tolist()
        found = call_learner_function(fn, "precision_recall_at_k", np.array(ranked), rel, k)
        _expect_pair(found, _reference_pr(ranked, rel, k), f"precision_recall_at_k(..., k={k})")


Q3 = Question(
    id="q3",
    title="Precision@k and recall@k",
    points=2,
    prompt=f"""\
## q3 — Precision@k and recall@k (2 points)

For one query, a system returns a ranked list of ids; `relevant` lists the ids that answer it.
Of the first $k$ results, the *hits* are those that are relevant. Then
precision@k = hits / $k$ (how much of what we showed was useful) and recall@k = hits / (number
of relevant ids) (how much of what was useful we showed).

Write `precision_recall_at_k(ranked, relevant, k)` returning the pair `(precision, recall)` as
floats; `ranked` and `relevant` may be lists or arrays. Then, for the TF-IDF search results in
`tfidf_ranking` (row $i$ for query $i$, best first) against `relevant`, store the means over all
queries at $k = {TOP_K}$ as floats `tfidf_p5` and `tfidf_r5`.""",
    reads=("precision_recall_at_k", "tfidf_p5", "tfidf_r5"),
    template='''\
def precision_recall_at_k(ranked, relevant, k):
    """(precision@k, recall@k) of one ranked list of ids against the relevant ids."""
    hits = ____
    return ____


tfidf_p5 = ____
tfidf_r5 = ____''',
    solution=Q3_SOLUTION,
    mistakes=(
        Mistake(Q3_RECALL_K, _variant(Q3_SOLUTION, "hits / len(relevant)", "hits / k")),
        Mistake(Q3_PRECISION_REL, _variant(Q3_SOLUTION, "hits / k,", "hits / len(relevant),")),
        Mistake(Q3_NO_CUT, _variant(Q3_SOLUTION, "set(list(ranked)[:k])", "set(list(ranked))")),
        Mistake(
            Q3_SWAPPED,
            _variant(
                Q3_SOLUTION,
                "return hits / k, hits / len(relevant)",
                "return hits / len(relevant), hits / k",
            ),
        ),
        Mistake(Q3_LEN_RANKED, _variant(Q3_SOLUTION, "hits / k,", "hits / len(list(ranked)),")),
    ),
    hints=(
        "`set(list(ranked)[:k]) & set(relevant)` is the set of hits; its `len` is the count.",
        "Return `hits / k, hits / len(relevant)`; for the means, apply it to every "
        "`zip(tfidf_ranking, relevant)` pair and average each half with `np.mean`.",
    ),
    checks=(
        Check("precision and recall on examples, and the TF-IDF means", _q3_public),
        Check("other k, arrays as input", _q3_hidden, hidden=True),
    ),
)


# q4: the FAQ bot ------------------------------------------------------------------------------

Q4_SOLUTION = '''\
faq_vectorizer = TfidfVectorizer().fit(faq["question"])
faq_matrix = faq_vectorizer.transform(faq["question"])
faq_answers = faq["answer"].to_numpy()


def replies(questions, threshold):
    """The bot's reply to each question: the best match's answer, or NO_ANSWER."""
    sims = cosine_similarity(faq_vectorizer.transform(questions), faq_matrix)
    best = faq_answers[sims.argmax(axis=1)]
    return np.where(sims.max(axis=1) >= threshold, best, NO_ANSWER)


tune_accuracy = np.array([
    np.mean(replies(tune_questions["question"], t) == tune_questions["reply"].to_numpy())
    for t in THRESHOLDS
])
threshold = float(THRESHOLDS[np.argmax(tune_accuracy)])


def faq_bot(question):
    """Reply to one customer question."""
    return str(replies([question], threshold)[0])


test_accuracy = float(
    np.mean(replies(test_questions["question"], threshold) == test_questions["reply"].to_numpy())
)'''

Q4_FIT_QUERIES = (
    "`faq_vectorizer` was fitted on the customer questions (the queries): fit it on the FAQ's "
    "own questions, `faq['question']`, the collection the bot searches. New questions are only "
    "transformed."
)
Q4_FIT_OTHER = (
    "`faq_vectorizer` should be `TfidfVectorizer()` with its defaults, fitted on "
    "`faq['question']` only."
)
Q4_NO_THRESHOLD = (
    "Your bot answers questions it has no good match for: when the best cosine similarity is "
    "below `threshold` it must reply `NO_ANSWER` instead of guessing with low confidence."
)
Q4_THRESHOLD_TEST = (
    "`threshold` was chosen on the test questions: pick it on `tune_questions` and keep the "
    "test questions for the final measurement."
)
Q4_ACC_TUNE = "`test_accuracy` is measured on the tuning questions: measure it on `test_questions`."


def _reference_vocabulary(texts: Any) -> dict[str, int]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return dict(TfidfVectorizer().fit(list(texts)).vocabulary_)


def _q4_vectorizer(answers: Answers, params: Params) -> None:
    data = _data(params)
    vec = answers["faq_vectorizer"]
    expect_fitted(vec, "faq_vectorizer")
    vocab = {str(k): int(v) for k, v in dict(getattr(vec, "vocabulary_", {})).items()}
    for texts in (data["tune_questions"]["question"], data["customer_questions"]["question"]):
        if vocab == _reference_vocabulary(texts):
            raise KnownMistake(Q4_FIT_QUERIES)
    if vocab != _reference_vocabulary(data["faq"]["question"]):
        raise CheckFailed(
            f"`faq_vectorizer` has a vocabulary of {len(vocab)} words, not the FAQ questions' "
            f"{len(_reference_vocabulary(data['faq']['question']))}. {Q4_FIT_OTHER}"
        )


def _q4_public(answers: Answers, params: Params) -> None:
    seed = int(params.get("seed", 0))
    ref = _reference(seed)
    data = _data(params)
    _q4_vectorizer(answers, params)
    expect_array(answers["tune_accuracy"], ref["tune_accuracy"], "tune_accuracy", atol=1e-9)
    found = expect_number(answers["threshold"], "threshold")
    if abs(found - ref["threshold"]) > 1e-9:
        test_acc = [
            np.mean(
                ref["replies"](data["test_questions"]["question"], t)
                == data["test_questions"]["reply"].to_numpy()
            )
            for t in data["THRESHOLDS"]
        ]
        if abs(found - float(data["THRESHOLDS"][int(np.argmax(test_acc))])) < 1e-9:
            raise KnownMistake(Q4_THRESHOLD_TEST)
        raise CheckFailed(
            f"`threshold` is {found:.2f}, but the value in THRESHOLDS with the best "
            f"`tune_accuracy` is {ref['threshold']:.2f} (the first, if several tie)."
        )
    bot = answers["faq_bot"]
    expect_callable(bot, "faq_bot")
    questions = list(data["test_questions"]["question"])
    for question, expected in zip(
        questions, ref["replies"](questions, ref["threshold"]), strict=True
    ):
        reply = call_learner_function(bot, "faq_bot", question)
        expect_type(reply, str, f"faq_bot({question!r})")
        if reply != expected:
            if expected == data["NO_ANSWER"]:
                raise KnownMistake(Q4_NO_THRESHOLD)
            raise CheckFailed(
                f"`faq_bot({question!r})` replied {reply[:60]!r}..., but the best-matching "
                f"FAQ entry's reply is {expected[:60]!r}..."
            )
    acc = expect_number(answers["test_accuracy"], "test_accuracy")
    if abs(acc - ref["test_accuracy"]) > 1e-9:
        if abs(acc - float(np.max(ref["tune_accuracy"]))) < 1e-9:
            raise KnownMistake(Q4_ACC_TUNE)
        expect_close(acc, ref["test_accuracy"], "test_accuracy", atol=1e-9)


def _q4_hidden(answers: Answers, params: Params) -> None:
    ref = _reference(int(params.get("seed", 0)))
    data = _data(params)
    bot = answers["faq_bot"]
    for question in ("", "xyzzy plugh quux", "zebra giraffe"):
        reply = call_learner_function(bot, "faq_bot", question)
        if reply != data["NO_ANSWER"]:
            raise KnownMistake(Q4_NO_THRESHOLD)
    questions = list(data["faq"]["question"])[::9] + list(data["tune_questions"]["question"])[:12]
    for question, expected in zip(
        questions, ref["replies"](questions, ref["threshold"]), strict=True
    ):
        reply = call_learner_function(bot, "faq_bot", question)
        if reply != expected:
            if expected == data["NO_ANSWER"]:
                raise KnownMistake(Q4_NO_THRESHOLD)
            raise CheckFailed("`faq_bot` gives a different reply to some other questions.")


Q4 = Question(
    id="q4",
    title="A FAQ bot that knows when it has no answer",
    points=3,
    prompt="""\
## q4 — A retrieval FAQ bot (3 points)

The bot compares a customer's question with every phrasing in `faq["question"]` and replies
with the answer of the most similar one — unless even the best match is weak, when it replies
`NO_ANSWER`. How weak is too weak is measured, not guessed:

1. `faq_vectorizer`: a `TfidfVectorizer()` (defaults) fitted on `faq["question"]`.
2. `tune_accuracy`: for each value `t` in `THRESHOLDS`, the share of `tune_questions` whose reply
   equals the `reply` column, when the bot answers only if the best cosine similarity is `>= t`
   (an array as long as `THRESHOLDS`).
3. `threshold`: the value of `THRESHOLDS` with the highest `tune_accuracy` (the first if tied),
   as a float.
4. `faq_bot(question)`: a function taking one string and returning the reply string (an FAQ
   answer or `NO_ANSWER`), using `threshold`.
5. `test_accuracy`: the share of `test_questions` it replies to correctly, as a float.""",
    reads=("faq_vectorizer", "tune_accuracy", "threshold", "faq_bot", "test_accuracy"),
    template='''\
faq_vectorizer = ____
faq_matrix = ____  # the FAQ phrasings as TF-IDF vectors
faq_answers = faq["answer"].to_numpy()


def replies(questions, threshold):
    """The bot's reply to each question: the best match's answer, or NO_ANSWER."""
    sims = ____
    return ____


tune_accuracy = ____
threshold = ____


def faq_bot(question):
    """Reply to one customer question."""
    return ____


test_accuracy = ____''',
    solution=Q4_SOLUTION,
    mistakes=(
        Mistake(
            Q4_FIT_QUERIES,
            _variant(
                Q4_SOLUTION,
                'TfidfVectorizer().fit(faq["question"])',
                'TfidfVectorizer().fit(tune_questions["question"])',
            ),
        ),
        Mistake(
            Q4_NO_THRESHOLD,
            _variant(
                Q4_SOLUTION,
                "return str(replies([question], threshold)[0])",
                "return str(replies([question], 0.0)[0])",
            ),
        ),
        Mistake(
            Q4_ACC_TUNE,
            _variant(
                Q4_SOLUTION,
                'np.mean(replies(test_questions["question"], threshold) == '
                'test_questions["reply"].to_numpy())',
                'np.mean(replies(tune_questions["question"], threshold) == '
                'tune_questions["reply"].to_numpy())',
            ),
        ),
    ),
    hints=(
        "`cosine_similarity(faq_vectorizer.transform(questions), faq_matrix)` has one row per "
        "question; its row maximum says how good the best match is, `argmax` which phrasing it "
        "is.",
        "`np.where(sims.max(axis=1) >= threshold, faq_answers[sims.argmax(axis=1)], NO_ANSWER)`; "
        "compare with `tune_questions['reply'].to_numpy()` and average for each threshold.",
    ),
    checks=(
        Check(
            "vectorizer fitted on the FAQ, threshold tuned on tune_questions, replies and test "
            "accuracy",
            _q4_public,
        ),
        Check(
            "says it has no answer to nonsense, answers the FAQ's own questions",
            _q4_hidden,
            hidden=True,
        ),
    ),
)


# q5: one half-step of alternating least squares ----------------------------------------------

Q5_SOLUTION = '''\
def als_half_step(R, fixed, lam):
    """Regularised least-squares factors for the rows of R, the other side held fixed."""
    R = np.asarray(R, dtype=float)
    fixed = np.asarray(fixed, dtype=float)
    k = fixed.shape[1]
    out = np.zeros((R.shape[0], k))
    for i, row in enumerate(R):
        seen = ~np.isnan(row)
        F = fixed[seen]
        out[i] = np.linalg.solve(F.T @ F + lam * np.eye(k), F.T @ row[seen])
    return out'''

Q5_ZEROS = (
    "Missing ratings are treated as zeros: fit each row only on the entries it has "
    "(`seen = ~np.isnan(row)`), not on a row where the gaps became 0 stars."
)
Q5_NO_LAM = "The penalty is missing: solve `(F.T @ F + lam * I) x = F.T @ r`, with `I = np.eye(k)`."
Q5_LAM_ONES = "Add `lam` on the diagonal only (`lam * np.eye(k)`), not to every entry of `F.T @ F`."
Q5_WEIGHTED = (
    "Use the plain penalty `lam * np.eye(k)` asked for, not `lam` times the number of ratings."
)


def _reference_half(R: np.ndarray, fixed: np.ndarray, lam: float) -> np.ndarray:
    k = fixed.shape[1]
    out = np.zeros((R.shape[0], k))
    for i, row in enumerate(R):
        seen = ~np.isnan(row)
        F = fixed[seen]
        out[i] = np.linalg.solve(F.T @ F + lam * np.eye(k), F.T @ row[seen])
    return out


def _random_ratings(seed: int, n: int, m: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    R = rng.integers(1, 6, size=(n, m)).astype(float) - 3.0
    R[rng.random((n, m)) < 0.6] = np.nan
    return R, rng.normal(size=(m, k))


def _q5_public(answers: Answers, params: Params) -> None:
    fn = answers["als_half_step"]
    expect_callable(fn, "als_half_step")
    R, V = _random_ratings(int(params.get("seed", 0)), 8, 10, 2)
    found = call_learner_function(fn, "als_half_step", R.copy(), V.copy(), 0.5)
    expect_array(found, _reference_half(R, V, 0.5), "als_half_step(R, V, 0.5)", rtol=1e-6)
    data = _data(params)
    centred = data["R_train"] - np.nanmean(data["R_train"], axis=0)
    found = call_learner_function(fn, "als_half_step", centred, data["V_init"], data["LAM"])
    expect_array(
        found,
        _reference_half(centred, data["V_init"], data["LAM"]),
        "als_half_step(centred R_train, V_init, LAM)",
        rtol=1e-6,
        atol=1e-9,
    )
    expect_only_numpy(fn, "als_half_step")
    expect_inputs_unchanged(fn, "als_half_step", ("R", "fixed"))


def _q5_hidden(answers: Answers, params: Params) -> None:
    fn = answers["als_half_step"]
    R, V = _random_ratings(70 + int(params.get("seed", 0)), 9, 6, 3)
    R[4] = np.nan  # a row with no ratings at all gets the zero vector
    for lam in (0.1, 4.0):
        found = call_learner_function(fn, "als_half_step", R, V, lam)
        expect_array(found, _reference_half(R, V, lam), f"als_half_step(..., lam={lam})")
    found = call_learner_function(fn, "als_half_step", R.T.copy(), _rng_factors(9, 3), 1.0)
    expect_array(found, _reference_half(R.T, _rng_factors(9, 3), 1.0), "the other half-step")


def _rng_factors(n: int, k: int) -> np.ndarray:
    return np.random.default_rng(n * 10 + k).normal(size=(n, k))


Q5 = Question(
    id="q5",
    title="Alternating least squares, one half-step",
    points=2,
    prompt="""\
## q5 — Alternating least squares by hand (2 points)

Matrix factorisation approximates the ratings matrix by $R \\approx U V^\\top$: a row of $U$
(length $k$) per user and a row of $V$ per film. Alternating least squares (ALS) fixes $V$ and
solves a small ridge regression for each user, then fixes $U$ and does the same for each film.
For row $i$ of $R$ with observed entries $\\Omega_i$ (the columns that are not NaN), and $F$ the
rows of the fixed factors at those columns:
$$x_i = (F^\\top F + \\lambda I)^{-1} F^\\top r_{i,\\Omega_i}.$$

Write `als_half_step(R, fixed, lam)` in NumPy only: `R` is (n_rows, n_cols) with NaN for
missing, `fixed` is (n_cols, k); return the (n_rows, k) array of the $x_i$ (a row with no ratings
gets zeros). Do not modify the inputs. The same function updates films with `R.T`.""",
    reads=("als_half_step",),
    template='''\
def als_half_step(R, fixed, lam):
    """Regularised least-squares factors for the rows of R, the other side held fixed."""
    R = np.asarray(R, dtype=float)
    fixed = np.asarray(fixed, dtype=float)
    k = fixed.shape[1]
    out = np.zeros((R.shape[0], k))
    for i, row in enumerate(R):
        seen = ____
        F = ____
        out[i] = ____
    return out''',
    solution=Q5_SOLUTION,
    mistakes=(
        Mistake(
            Q5_ZEROS,
            _variant(
                _variant(Q5_SOLUTION, "seen = ~np.isnan(row)", "row = np.nan_to_num(row)"),
                "F = fixed[seen]",
                "F, seen = fixed, slice(None)",
            ),
        ),
        Mistake(Q5_NO_LAM, _variant(Q5_SOLUTION, "F.T @ F + lam * np.eye(k)", "F.T @ F")),
        Mistake(
            Q5_LAM_ONES,
            _variant(Q5_SOLUTION, "F.T @ F + lam * np.eye(k)", "F.T @ F + lam"),
        ),
        Mistake(
            Q5_WEIGHTED,
            _variant(
                Q5_SOLUTION, "F.T @ F + lam * np.eye(k)", "F.T @ F + lam * seen.sum() * np.eye(k)"
            ),
        ),
    ),
    hints=(
        "`seen = ~np.isnan(row)` marks the observed columns; `fixed[seen]` keeps their factors "
        "and `row[seen]` their ratings.",
        "`out[i] = np.linalg.solve(F.T @ F + lam * np.eye(k), F.T @ row[seen])`.",
    ),
    checks=(
        Check("matches the formula on a small matrix and on the ratings", _q5_public),
        Check(
            "other penalties, a row with no ratings, the film-side step", _q5_hidden, hidden=True
        ),
    ),
)


# q6: SVD and ALS against the item-mean baseline, on held-out ratings ---------------------------

Q6_SOLUTION = '''\
item_means = np.nanmean(R_train, axis=0)
centred = R_train - item_means

# Truncated SVD: a missing rating is the film's mean, i.e. 0 after centring.
U, s, Vt = np.linalg.svd(np.nan_to_num(centred), full_matrices=False)
svd_scores = item_means + (U[:, :RANK] * s[:RANK]) @ Vt[:RANK]


def half_step(R, fixed, lam):
    out = np.zeros((R.shape[0], fixed.shape[1]))
    for i, row in enumerate(R):
        seen = ~np.isnan(row)
        F = fixed[seen]
        out[i] = np.linalg.solve(F.T @ F + lam * np.eye(F.shape[1]), F.T @ row[seen])
    return out


V = V_init.copy()
for _ in range(N_ITERS):
    U_als = half_step(centred, V, LAM)
    V = half_step(centred.T, U_als, LAM)
als_scores = item_means + U_als @ V.T


def rmse(scores):
    """Root mean squared error on the held-out ratings only."""
    return float(np.sqrt(np.mean((scores[test_users, test_items] - test_ratings) ** 2)))


rmse_baseline = rmse(np.tile(item_means, (n_users, 1)))
rmse_svd = rmse(svd_scores)
rmse_als = rmse(als_scores)'''

Q6_ON_TRAIN = (
    "That RMSE is measured on the training ratings, which the model has seen: measure it on the "
    "held-out ratings, `scores[test_users, test_items]` against `test_ratings`."
)
Q6_ALL_CELLS = (
    "Missing ratings are treated as zeros in the error: average only over the held-out ratings "
    "that exist, not over every cell of the matrix."
)
Q6_SVD_ZEROS = (
    "The SVD was taken of the ratings with 0 stars in the gaps, so it learns to predict 0 for "
    "every unseen film: centre by the film means first (then a gap means 'average') and add "
    "the means back."
)
Q6_MSE = "That is the mean squared error: take its square root for the RMSE."
Q6_GLOBAL = (
    "The baseline predicts each film's mean training rating (`np.nanmean(R_train, axis=0)`), "
    "not one overall mean."
)


def _rmse_variants(scores: np.ndarray, data: dict[str, Any]) -> dict[str, float]:
    R = data["R_train"]
    seen = ~np.isnan(R)
    R_test = np.zeros_like(R)
    R_test[data["test_users"], data["test_items"]] = data["test_ratings"]
    return {
        Q6_ON_TRAIN: float(np.sqrt(np.mean((scores[seen] - R[seen]) ** 2))),
        Q6_ALL_CELLS: float(np.sqrt(np.mean((scores - R_test) ** 2))),
        Q6_MSE: float(
            np.mean((scores[data["test_users"], data["test_items"]] - data["test_ratings"]) ** 2)
        ),
    }


def _q6_expect_rmse(value: Any, scores: np.ndarray, expected: float, name: str, data) -> None:
    found = expect_number(value, name)
    if abs(found - expected) <= 1e-6:
        return
    for message, wrong in _rmse_variants(scores, data).items():
        if abs(found - wrong) <= 1e-6:
            raise KnownMistake(f"`{name}`: {message}")
    expect_close(found, expected, name, atol=1e-6)


def _q6_public(answers: Answers, params: Params) -> None:
    seed = int(params.get("seed", 0))
    ref = _reference(seed)
    data = _data(params)
    shape = (int(data["n_users"]), int(data["n_items"]))
    svd = _as_float_array(answers["svd_scores"], "svd_scores")
    if svd.shape == shape and np.isfinite(svd).all():
        U, s, Vt = np.linalg.svd(np.nan_to_num(data["R_train"]), full_matrices=False)
        zero_filled = (U[:, :3] * s[:3]) @ Vt[:3]
        if np.allclose(svd, zero_filled, atol=1e-6):
            raise KnownMistake(Q6_SVD_ZEROS)
    expect_array(svd, ref["svd_scores"], "svd_scores", rtol=1e-6, atol=1e-6)
    expect_array(answers["als_scores"], ref["als_scores"], "als_scores", rtol=1e-5, atol=1e-5)
    baseline = np.tile(ref["item_means"], (shape[0], 1))
    found = expect_number(answers["rmse_baseline"], "rmse_baseline")
    overall = np.full(shape, np.nanmean(data["R_train"]))
    if abs(found - ref["rmse"](overall)) < 1e-6:
        raise KnownMistake(Q6_GLOBAL)
    _q6_expect_rmse(found, baseline, ref["rmse_baseline"], "rmse_baseline", data)
    _q6_expect_rmse(answers["rmse_svd"], ref["svd_scores"], ref["rmse_svd"], "rmse_svd", data)
    _q6_expect_rmse(answers["rmse_als"], ref["als_scores"], ref["rmse_als"], "rmse_als", data)


def _q6_hidden(answers: Answers, params: Params) -> None:
    ref = _reference(int(params.get("seed", 0)))
    found = expect_number(answers["rmse_als"], "rmse_als")
    if not found < expect_number(answers["rmse_baseline"], "rmse_baseline"):
        raise CheckFailed("`rmse_als` should be below the film-mean baseline's RMSE.")
    expect_close(found, ref["rmse_als"], "rmse_als", atol=1e-6)


Q6 = Question(
    id="q6",
    title="Matrix factorisation on held-out ratings",
    points=3,
    prompt="""\
## q6 — Truncated SVD and ALS against a baseline (3 points)

Work with `centred = R_train - item_means`, where `item_means` holds each film's mean training
rating (`np.nanmean(R_train, axis=0)`); every score matrix below has shape `(n_users, n_items)`
and adds the film means back.

- `svd_scores`: replace the NaNs of `centred` by 0 (the film's mean), keep the `RANK` largest
  singular values of `np.linalg.svd`, and multiply back: $U_k \\Sigma_k V_k^\\top$ + film means.
- `als_scores`: starting from `V = V_init`, repeat `N_ITERS` times: update the user factors `U`
  from `V`, then `V` from `U` (q5's half-step, penalty `LAM`, on `centred` and `centred.T`);
  then $U V^\\top$ + film means.
- `rmse_baseline`, `rmse_svd`, `rmse_als`: the root mean squared error of the film-mean
  prediction, `svd_scores` and `als_scores` on the **held-out** ratings
  (`test_users`, `test_items`, `test_ratings`), as floats.""",
    reads=("svd_scores", "als_scores", "rmse_baseline", "rmse_svd", "rmse_als"),
    template='''\
item_means = np.nanmean(R_train, axis=0)
centred = R_train - item_means

svd_scores = ____

V = V_init.copy()
for _ in range(N_ITERS):
    U_als = ____
    V = ____
als_scores = ____


def rmse(scores):
    """Root mean squared error on the held-out ratings only."""
    return ____


rmse_baseline = ____
rmse_svd = ____
rmse_als = ____''',
    solution=Q6_SOLUTION,
    mistakes=(
        Mistake(
            Q6_SVD_ZEROS,
            _variant(
                _variant(
                    Q6_SOLUTION,
                    "np.linalg.svd(np.nan_to_num(centred), full_matrices=False)",
                    "np.linalg.svd(np.nan_to_num(R_train), full_matrices=False)",
                ),
                "svd_scores = item_means + (U",
                "svd_scores = (U",
            ),
        ),
        Mistake(
            Q6_ON_TRAIN,
            _variant(
                Q6_SOLUTION,
                "np.mean((scores[test_users, test_items] - test_ratings) ** 2)",
                "np.nanmean((scores - R_train) ** 2)",
            ),
        ),
        Mistake(
            Q6_ALL_CELLS,
            _variant(
                Q6_SOLUTION,
                "np.mean((scores[test_users, test_items] - test_ratings) ** 2)",
                "np.mean((scores - np.bincount(test_users * n_items + test_items, "
                "test_ratings, n_users * n_items).reshape(n_users, n_items)) ** 2)",
            ),
        ),
    ),
    hints=(
        "`np.linalg.svd(np.nan_to_num(centred), full_matrices=False)` gives U, s, Vt; "
        "`(U[:, :RANK] * s[:RANK]) @ Vt[:RANK]` is the rank-RANK product. For ALS, "
        "`U_als = als_half_step(centred, V, LAM)` and `V = als_half_step(centred.T, U_als, LAM)`.",
        "`rmse = np.sqrt(np.mean((scores[test_users, test_items] - test_ratings) ** 2))`; the "
        "baseline's scores are `np.tile(item_means, (n_users, 1))`.",
    ),
    checks=(
        Check("the SVD and ALS scores and the three held-out RMSEs", _q6_public),
        Check("ALS beats the film-mean baseline on held-out ratings", _q6_hidden, hidden=True),
    ),
)


# q7: top-N recommendations, popularity and new users -----------------------------------------

Q7_SOLUTION = '''\
# als_scores as in q6 (recomputed here so that this cell stands on its own)
item_means = np.nanmean(R_train, axis=0)
centred = R_train - item_means
V = V_init.copy()
for _ in range(N_ITERS):
    U_als = np.array([
        np.linalg.solve(V[~np.isnan(r)].T @ V[~np.isnan(r)] + LAM * np.eye(RANK),
                        V[~np.isnan(r)].T @ r[~np.isnan(r)])
        for r in centred
    ])
    V = np.array([
        np.linalg.solve(U_als[~np.isnan(c)].T @ U_als[~np.isnan(c)] + LAM * np.eye(RANK),
                        U_als[~np.isnan(c)].T @ c[~np.isnan(c)])
        for c in centred.T
    ])
als_scores = item_means + U_als @ V.T


def top_n(scores, R_train, n):
    """The n best-scored films per user among those the user has not rated, best first."""
    scores = np.where(np.isnan(R_train), np.asarray(scores, dtype=float), -np.inf)
    return np.argsort(-scores, axis=1, kind="stable")[:, :n]


popularity = np.sum(~np.isnan(R_train), axis=0)
liked = np.zeros((n_users, n_items), dtype=bool)
liked[test_users[test_ratings >= 4], test_items[test_ratings >= 4]] = True


def mean_precision(recs, users):
    return float(np.mean([liked[u, recs[u]].mean() for u in users]))


recs = {
    "als": top_n(als_scores, R_train, 10),
    "popularity": top_n(np.tile(popularity, (n_users, 1)), R_train, 10),
}
precision_at_10 = {
    f"{name}_{group}": mean_precision(r, users)
    for name, r in recs.items()
    for group, users in [("established", established_users), ("new", new_users)]
}
gain = {
    group: precision_at_10[f"als_{group}"] / precision_at_10[f"popularity_{group}"]
    for group in ("established", "new")
}
smaller_gain = min(gain, key=gain.get)'''

Q7_RATED = (
    "`top_n` recommends films the user has already rated: give those films a score of "
    "`-np.inf` (where `R_train` is not NaN) before ranking."
)
Q7_ASCENDING = "`top_n` lists the *lowest* scores first: sort by decreasing score."
Q7_POP_MEAN = (
    "Popularity is how many users rated a film (`np.sum(~np.isnan(R_train), axis=0)`), not its "
    "mean rating: a film three people loved is not popular."
)
Q7_LIKED_ALL = (
    "A hit is a recommended film the user rated 4 or more in the held-out split, not any "
    "held-out film."
)


def _reference_top_n(scores: np.ndarray, R: np.ndarray, n: int) -> np.ndarray:
    masked = np.where(np.isnan(R), np.asarray(scores, dtype=float), -np.inf)
    return np.argsort(-masked, axis=1, kind="stable")[:, :n]


def _check_top_n(found: Any, scores: np.ndarray, R: np.ndarray, n: int, name: str) -> None:
    found = _as_float_array(found, name)
    if found.shape != (R.shape[0], n):
        raise CheckFailed(
            f"`{name}` has shape {found.shape}; one row of {n} film indices per user, shape "
            f"{(R.shape[0], n)}, was expected."
        )
    idx = found.astype(int)
    if not np.all(found == idx) or idx.min() < 0 or idx.max() >= R.shape[1]:
        raise CheckFailed(f"`{name}` should hold film indices from 0 to {R.shape[1] - 1}.")
    rows = np.arange(R.shape[0])[:, None]
    if (~np.isnan(R[rows, idx])).any():
        raise KnownMistake(Q7_RATED)
    masked = np.where(np.isnan(R), scores, -np.inf)
    best = -np.sort(-masked, axis=1)[:, :n]
    if not np.allclose(masked[rows, idx], best) or any(len(set(r)) != n for r in idx.tolist()):
        worst = np.sort(masked, axis=1)[:, :n]
        if np.allclose(masked[rows, idx], worst):
            raise KnownMistake(Q7_ASCENDING)
        raise CheckFailed(
            f"`{name}` is not, for every user, the {n} unrated films with the highest scores in "
            "decreasing order."
        )


def _q7_public(answers: Answers, params: Params) -> None:
    seed = int(params.get("seed", 0))
    ref = _reference(seed)
    data = _data(params)
    fn = answers["top_n"]
    expect_callable(fn, "top_n")
    rng = np.random.default_rng(seed)
    R = np.where(rng.random((5, 8)) < 0.4, 3.0, np.nan)
    scores = rng.normal(size=(5, 8))
    found = call_learner_function(fn, "top_n", scores.copy(), R.copy(), 3)
    _check_top_n(found, scores, R, 3, "top_n(scores, R, 3)")
    found = call_learner_function(fn, "top_n", ref["als_scores"], data["R_train"], TOP_N)
    _check_top_n(found, ref["als_scores"], data["R_train"], TOP_N, "top_n(als_scores, ...)")
    pop = _as_float_array(answers["popularity"], "popularity")
    if pop.shape == ref["item_means"].shape and np.allclose(pop, ref["item_means"]):
        raise KnownMistake(Q7_POP_MEAN)
    expect_array(pop, ref["popularity"], "popularity")
    found = answers["precision_at_10"]
    expect_type(found, dict, "precision_at_10")
    expect_equal(sorted(found), sorted(ref["precision_at_10"]), "the keys of precision_at_10")
    for key, value in ref["precision_at_10"].items():
        expect_close(found[key], value, f"precision_at_10[{key!r}]", atol=1e-9)
    expect_type(answers["smaller_gain"], str, "smaller_gain")
    expect_equal(answers["smaller_gain"], ref["smaller_gain"], "smaller_gain")


def _q7_hidden(answers: Answers, params: Params) -> None:
    fn = answers["top_n"]
    rng = np.random.default_rng(90 + int(params.get("seed", 0)))
    R = np.where(rng.random((7, 12)) < 0.5, 4.0, np.nan)
    R[:, rng.permutation(12)[:5]] = np.nan  # every user has at least 5 unrated films
    scores = rng.normal(size=(7, 12))
    for n in (1, 5):
        found = call_learner_function(fn, "top_n", scores.tolist(), R, n)
        _check_top_n(found, scores, R, n, f"top_n(..., n={n}) on lists")


Q7 = Question(
    id="q7",
    title="Top-N recommendations against popularity",
    points=2,
    prompt="""\
## q7 — Top-N recommendations, popularity and new users (2 points)

1. Write `top_n(scores, R_train, n)`: for every user (row), the indices of the `n` films with
   the highest `scores` **among the films that user has not rated** in `R_train`, best first
   (an integer array of shape `(n_users, n)`); break ties by the lower film index, as
   `np.argsort(..., kind="stable")` does.
2. `popularity`: for each film, the number of users who rated it in `R_train` (shape
   `(n_items,)`). The popularity baseline recommends the most-rated films the user has not rated.
3. A *hit* is a recommended film the user rated 4 or more in the held-out split. Precision@10 of
   a user is hits / 10. Store the mean precision@10 over `established_users` and over
   `new_users`, for ALS (`top_n(als_scores, R_train, 10)`, with q6's `als_scores`) and for
   popularity, in a dict `precision_at_10` with keys `"als_established"`, `"als_new"`,
   `"popularity_established"`, `"popularity_new"`.
4. `smaller_gain`: the group, `"established"` or `"new"`, in which ALS's precision divided by
   popularity's is smaller: where knowing a user's taste helps less.""",
    reads=("top_n", "popularity", "precision_at_10", "smaller_gain"),
    template='''\
def top_n(scores, R_train, n):
    """The n best-scored films per user among those the user has not rated, best first."""
    scores = ____
    return ____


popularity = ____
liked = ____  # (n_users, n_items) booleans: True where a held-out rating is 4 or more

precision_at_10 = {
    "als_established": ____,
    "als_new": ____,
    "popularity_established": ____,
    "popularity_new": ____,
}
smaller_gain = ____''',
    solution=Q7_SOLUTION,
    mistakes=(
        Mistake(
            Q7_RATED,
            _variant(
                Q7_SOLUTION,
                "scores = np.where(np.isnan(R_train), np.asarray(scores, dtype=float), -np.inf)",
                "scores = np.asarray(scores, dtype=float)",
            ),
        ),
        Mistake(
            Q7_POP_MEAN,
            _variant(
                Q7_SOLUTION,
                "popularity = np.sum(~np.isnan(R_train), axis=0)",
                "popularity = np.nanmean(R_train, axis=0)",
            ),
        ),
        Mistake(
            Q7_LIKED_ALL,
            _variant(
                Q7_SOLUTION,
                "liked[test_users[test_ratings >= 4], test_items[test_ratings >= 4]] = True",
                "liked[test_users, test_items] = True",
            ),
        ),
    ),
    hints=(
        "In `top_n`, `np.where(np.isnan(R_train), scores, -np.inf)` pushes rated films to the "
        "bottom; then `np.argsort(-scores, axis=1)[:, :n]`. For a user `u`, "
        "`liked[u, recs[u]].mean()` is their precision@10.",
        "`popularity = np.sum(~np.isnan(R_train), axis=0)`; the baseline's scores are "
        "`np.tile(popularity, (n_users, 1))`. Average the per-user precisions with `np.mean` "
        "over each group, then compare `als / popularity` between the groups.",
    ),
    checks=(
        Check("top_n skips rated films; popularity; precision@10 per group", _q7_public),
        Check("top_n on lists and other n", _q7_hidden, hidden=True),
    ),
)


EXERCISE = Exercise(
    module=find_module("16"),
    intro=INTRO,
    imports=IMPORTS,
    parameters=PARAMETERS,
    context=CONTEXT,
    questions=(Q1, Q2, Q3, Q4, Q5, Q6, Q7),
)
