"""The exercise 16 spec, in-process: the key passes, blanks are not attempted, mistakes fail, and
the shipped help-centre texts and ratings are what their generators write."""

import importlib.util
import warnings
from pathlib import Path

import numpy as np
import pytest

from curriculum.data import path
from curriculum.exercises import load_exercise
from curriculum.results import Status

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def recsys():
    return load_exercise("16")


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 3])
def test_reference_solutions_pass_every_check(recsys, seed):
    results = evaluate(recsys, recsys.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in recsys.questions
    }, {q: r.message for q, r in results.items()}


def test_templates_are_not_attempted(recsys):
    namespace = recsys.run_context(seed=0)
    for question in recsys.questions:
        exec(question.template, namespace)
    results = evaluate(recsys, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values()), results


def answer(recsys, question_id, code, seed=0):
    namespace = recsys.run_context(seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(code, namespace)
        return recsys.question(question_id).evaluate(
            namespace, {"seed": seed}, include_hidden=True, time_limit=20
        )


def solution(recsys, question_id):
    return recsys.question(question_id).solution


def edit(recsys, question_id, *changes):
    code = solution(recsys, question_id)
    for old, new in changes:
        assert old in code, old
        code = code.replace(old, new)
    return code


TFIDF_HEAD = (
    "def tfidf(counts, smooth_idf=True):\n"
    "    C = np.asarray(counts, dtype=float)\n"
    "    n = len(C)\n"
    "    df = (C > 0).sum(axis=0)\n"
)
TFIDF_TAIL = "    W = C * idf\n    L = np.sqrt((W ** 2).sum(axis=1))[:, None]\n"

RIGHT = {
    "q1": [
        TFIDF_HEAD
        + "    idf = np.log((n + smooth_idf) / (df + smooth_idf)) + 1\n"
        + TFIDF_TAIL
        + "    L[L == 0] = 1\n    return W / L"
    ],
    "q2": [
        "def cosine_top_k(query_vectors, doc_vectors, k):\n"
        "    Q = np.array(query_vectors, dtype=float)\n"
        "    D = np.array(doc_vectors, dtype=float)\n"
        "    D /= np.maximum(np.linalg.norm(D, axis=1), 1e-300)[:, None]\n"
        "    return np.argsort(-(Q @ D.T), axis=1, kind='stable')[:, :k]"
    ],
    "q3": [
        "def precision_recall_at_k(ranked, relevant, k):\n"
        "    hits = sum(1 for r in list(ranked)[:k] if r in set(relevant))\n"
        "    return float(hits) / k, hits / float(len(relevant))\n"
        "pr = np.array([precision_recall_at_k(r, s, 5) for r, s in zip(tfidf_ranking, relevant)])\n"
        "tfidf_p5, tfidf_r5 = pr.mean(axis=0)"
    ],
    "q5": [
        "def als_half_step(R, fixed, lam):\n"
        "    R = np.array(R, dtype=float)\n"
        "    out = []\n"
        "    for row in R:\n"
        "        m = ~np.isnan(row)\n"
        "        F = fixed[m]\n"
        "        A = F.T @ F + lam * np.identity(fixed.shape[1])\n"
        "        out.append(np.linalg.lstsq(A, F.T @ row[m], rcond=None)[0])\n"
        "    return np.array(out)"
    ],
    "q7": [
        edit(
            load_exercise("16"),
            "q7",
            (
                '    return np.argsort(-scores, axis=1, kind="stable")[:, :n]',
                "    return np.array([sorted(range(len(r)), key=lambda j: -r[j])[:n] for r in scores])",
            ),
            (
                "smaller_gain = min(gain, key=gain.get)",
                "smaller_gain = sorted(gain, key=gain.get)[0]",
            ),
        )
    ],
}

WRONG = {
    "q1": [
        (
            edit(
                load_exercise("16"),
                "q1",
                ("np.log((1 + n_docs) / (1 + df)) + 1", "(1 + n_docs) / (1 + df) + 1"),
            ),
            "no logarithm",
        ),
        (
            edit(
                load_exercise("16"),
                "q1",
                ("np.log((1 + n_docs) / (1 + df)) + 1", "np.log(n_docs / df) + 1"),
            ),
            "unsmoothed IDF",
        ),
        (
            edit(
                load_exercise("16"),
                "q1",
                ("df = np.count_nonzero(counts, axis=0)", "df = counts.sum(axis=0)"),
            ),
            "number of *documents*",
        ),
        (
            edit(
                load_exercise("16"),
                "q1",
                ("return weights / np.where(norms == 0, 1, norms)", "return weights"),
            ),
            "Euclidean length 1",
        ),
        (
            edit(load_exercise("16"), "q1", ("axis=1, keepdims", "axis=0, keepdims")),
            "scaled the columns",
        ),
        (
            edit(load_exercise("16"), "q1", ("np.where(norms == 0, 1, norms)", "norms")),
            "length 0",
        ),
        (
            "from sklearn.feature_extraction.text import TfidfTransformer\n"
            "def tfidf(counts, smooth_idf=True):\n"
            "    return TfidfTransformer(smooth_idf=smooth_idf).fit_transform(counts).toarray()",
            "NumPy only",
        ),
    ],
    "q2": [
        (
            "def cosine_top_k(query_vectors, doc_vectors, k):\n"
            "    S = np.asarray(query_vectors, float) @ np.asarray(doc_vectors, float).T\n"
            "    return np.argsort(-S, axis=1)[:, :k]",
            "raw dot product",
        ),
        (
            edit(
                load_exercise("16"), "q2", ("np.argsort(-sims, axis=1", "np.argsort(sims, axis=1")
            ),
            "*least* similar",
        ),
        (
            "def cosine_top_k(query_vectors, doc_vectors, k):\n"
            "    Q, D = np.asarray(query_vectors, float), np.asarray(doc_vectors, float)\n"
            "    d = np.linalg.norm(Q[:, None] - D[None], axis=2)\n"
            "    return np.argsort(d, axis=1)[:, :k]",
            "Euclidean distance",
        ),
        (
            edit(
                load_exercise("16"),
                "q2",
                (
                    'np.argsort(-sims, axis=1, kind="stable")[:, :k]',
                    'np.argsort(-sims, axis=0, kind="stable")[:k].T',
                ),
            ),
            "axis=1",
        ),
        (
            edit(load_exercise("16"), "q2", ("[:, :k]", "[:, :k].T")),
            "Transposed",
        ),
        (
            edit(load_exercise("16"), "q2", ("[:, :k]", "[:, : k + 1]")),
            "shape",
        ),
        (
            "from sklearn.metrics.pairwise import cosine_similarity\n"
            "def cosine_top_k(query_vectors, doc_vectors, k):\n"
            "    return np.argsort(-cosine_similarity(query_vectors, doc_vectors), axis=1)[:, :k]",
            "NumPy only",
        ),
    ],
    "q3": [
        (edit(load_exercise("16"), "q3", ("hits / len(relevant)", "hits / k")), "not by k"),
        (
            edit(load_exercise("16"), "q3", ("hits / k,", "hits / len(relevant),")),
            "not by the number of relevant",
        ),
        (
            edit(load_exercise("16"), "q3", ("set(list(ranked)[:k])", "set(list(ranked))")),
            "ranked[:k]",
        ),
        (
            edit(
                load_exercise("16"),
                "q3",
                ("return hits / k, hits / len(relevant)", "return hits / len(relevant), hits / k"),
            ),
            "swapped",
        ),
        (
            edit(load_exercise("16"), "q3", ("hits / k,", "hits / len(list(ranked)),")),
            "length of the whole ranked list",
        ),
        (
            edit(load_exercise("16"), "q3", ("list(ranked)[:k]", "list(ranked)[: k + 1]")),
            "precision",
        ),
    ],
    "q4": [
        (
            edit(
                load_exercise("16"),
                "q4",
                (
                    'TfidfVectorizer().fit(faq["question"])',
                    'TfidfVectorizer().fit(tune_questions["question"])',
                ),
            ),
            "fitted on the customer questions",
        ),
        (
            edit(
                load_exercise("16"),
                "q4",
                (
                    'TfidfVectorizer().fit(faq["question"])',
                    'TfidfVectorizer().fit(customer_questions["question"])',
                ),
            ),
            "fitted on the customer questions",
        ),
        (
            edit(
                load_exercise("16"),
                "q4",
                (
                    "return str(replies([question], threshold)[0])",
                    "return str(replies([question], 0.0)[0])",
                ),
            ),
            "low confidence",
        ),
        (
            edit(
                load_exercise("16"),
                "q4",
                ("threshold = float(THRESHOLDS[np.argmax(tune_accuracy)])", "threshold = 0.0"),
            ),
            "`threshold` is 0.00",
        ),
        (
            edit(
                load_exercise("16"),
                "q4",
                (
                    'np.mean(replies(test_questions["question"], threshold) == '
                    'test_questions["reply"].to_numpy())',
                    'np.mean(replies(tune_questions["question"], threshold) == '
                    'tune_questions["reply"].to_numpy())',
                ),
            ),
            "measured on the tuning questions",
        ),
        (
            edit(
                load_exercise("16"),
                "q4",
                (
                    "threshold = float(THRESHOLDS[np.argmax(tune_accuracy)])",
                    "threshold = float(THRESHOLDS[np.argmax([np.mean(replies(test_questions['question'], t)"
                    " == test_questions['reply'].to_numpy()) for t in THRESHOLDS])])",
                ),
            ),
            "chosen on the test questions",
        ),
        (
            edit(
                load_exercise("16"),
                "q4",
                (
                    'TfidfVectorizer().fit(faq["question"])',
                    'TfidfVectorizer().fit(faq["question"] + " " + faq["answer"])',
                ),
            ),
            "TfidfVectorizer()` with its defaults",
        ),
    ],
    "q5": [
        (
            "def als_half_step(R, fixed, lam):\n"
            "    R = np.nan_to_num(np.asarray(R, dtype=float))\n"
            "    k = fixed.shape[1]\n"
            "    return np.linalg.solve(fixed.T @ fixed + lam * np.eye(k), fixed.T @ R.T).T",
            "treated as zeros",
        ),
        (
            edit(load_exercise("16"), "q5", ("F.T @ F + lam * np.eye(k)", "F.T @ F")),
            "penalty is missing",
        ),
        (
            edit(load_exercise("16"), "q5", ("F.T @ F + lam * np.eye(k)", "F.T @ F + lam")),
            "diagonal only",
        ),
        (
            edit(
                load_exercise("16"),
                "q5",
                ("F.T @ F + lam * np.eye(k)", "F.T @ F + lam * seen.sum() * np.eye(k)"),
            ),
            "plain penalty",
        ),
        (
            edit(
                load_exercise("16"),
                "q5",
                ("    return out", "    R[:] = 0\n    return out"),
            ),
            "in place",
        ),
        (edit(load_exercise("16"), "q5", ("return out", "return out.T")), "shape"),
    ],
    "q6": [
        (
            edit(
                load_exercise("16"),
                "q6",
                ("np.linalg.svd(np.nan_to_num(centred)", "np.linalg.svd(np.nan_to_num(R_train)"),
                ("svd_scores = item_means + (U", "svd_scores = (U"),
            ),
            "0 stars in the gaps",
        ),
        (
            edit(
                load_exercise("16"),
                "q6",
                (
                    "np.mean((scores[test_users, test_items] - test_ratings) ** 2)",
                    "np.nanmean((scores - R_train) ** 2)",
                ),
            ),
            "training ratings",
        ),
        (
            edit(
                load_exercise("16"),
                "q6",
                (
                    "np.mean((scores[test_users, test_items] - test_ratings) ** 2)",
                    "np.mean((scores - np.bincount(test_users * n_items + test_items, test_ratings, "
                    "n_users * n_items).reshape(n_users, n_items)) ** 2)",
                ),
            ),
            "treated as zeros in the error",
        ),
        (
            edit(
                load_exercise("16"),
                "q6",
                ("float(np.sqrt(np.mean((scores", "float((np.mean((scores"),
            ),
            "square root",
        ),
        (
            edit(
                load_exercise("16"),
                "q6",
                (
                    "rmse(np.tile(item_means, (n_users, 1)))",
                    "rmse(np.full((n_users, n_items), np.nanmean(R_train)))",
                ),
            ),
            "one overall mean",
        ),
        (
            edit(load_exercise("16"), "q6", ("    V = half_step(centred.T, U_als, LAM)\n", "")),
            "als_scores",
        ),
    ],
    "q7": [
        (
            edit(
                load_exercise("16"),
                "q7",
                (
                    "scores = np.where(np.isnan(R_train), np.asarray(scores, dtype=float), -np.inf)",
                    "scores = np.asarray(scores, dtype=float)",
                ),
            ),
            "already rated",
        ),
        (
            edit(load_exercise("16"), "q7", ("[:, :n]", "[:, 1 : n + 1]")),
            "unrated films with the highest scores",
        ),
        (
            edit(
                load_exercise("16"),
                "q7",
                (
                    "popularity = np.sum(~np.isnan(R_train), axis=0)",
                    "popularity = np.nanmean(R_train, axis=0)",
                ),
            ),
            "not its mean rating",
        ),
        (
            edit(
                load_exercise("16"),
                "q7",
                (
                    "liked[test_users[test_ratings >= 4], test_items[test_ratings >= 4]] = True",
                    "liked[test_users, test_items] = True",
                ),
            ),
            "rated 4 or more",
        ),
        (
            edit(
                load_exercise("16"),
                "q7",
                (
                    "smaller_gain = min(gain, key=gain.get)",
                    "smaller_gain = max(gain, key=gain.get)",
                ),
            ),
            "`smaller_gain`",
        ),
        (
            edit(
                load_exercise("16"),
                "q7",
                (
                    '[("established", established_users), ("new", new_users)]',
                    '[("established", new_users), ("new", established_users)]',
                ),
            ),
            "precision_at_10",
        ),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"), [(q, code) for q, codes in RIGHT.items() for code in codes]
)
def test_other_correct_answers_pass(recsys, question_id, code):
    result = answer(recsys, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(recsys, question_id, code, named):
    result = answer(recsys, question_id, code)
    assert result.status in (Status.FAILED, Status.TIMEOUT, Status.ERROR), result.message
    assert named in result.message, result.message


MUTANTS = {
    "q1": [("+ 1\n    else", "+ 2\n    else"), ("(1 + n_docs)", "(2 + n_docs)")],
    "q2": [("norm(Q, axis=1", "norm(Q, axis=0"), ("[:, :k]", "[:, 1 : k + 1]")],
    "q3": [("hits / k,", "hits / (k + 1),"), ("[:k]", "[1:k]")],
    "q4": [
        ("sims.max(axis=1) >= threshold", "sims.max(axis=1) >= threshold + 0.2"),
        ("np.argmax(tune_accuracy)", "np.argmin(tune_accuracy)"),
    ],
    "q5": [
        ("lam * np.eye(k)", "2 * lam * np.eye(k)"),
        ("F.T @ row[seen]", "F.T @ row[seen] * 0.9"),
    ],
    "q6": [
        ("* s[:RANK]", "* s[1 : RANK + 1]"),
        ("for _ in range(N_ITERS)", "for _ in range(N_ITERS - 5)"),
    ],
    "q7": [
        ("test_ratings >= 4", "test_ratings >= 3"),
        ("top_n(als_scores, R_train, 10)", "top_n(als_scores, R_train, 9)"),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(recsys, question_id, old, new):
    code = solution(recsys, question_id)
    assert old in code
    result = answer(recsys, question_id, code.replace(old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(recsys):
    assert len(recsys.questions) >= 6
    for question in recsys.questions:
        assert question.mistakes, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_the_seed_changes_the_split_and_the_starting_factors(recsys):
    a, b = recsys.run_context(seed=0), recsys.run_context(seed=1)
    assert list(a["test_questions"]["question"]) != list(b["test_questions"]["question"])
    assert not np.array_equal(a["V_init"], b["V_init"])


def test_the_lesson_numbers_hold_for_the_reference(recsys):
    """What the lesson and the prompts claim: the factorisations beat the film-mean baseline,
    ALS beats popularity for established users, a tuned threshold beats answering everything."""
    for seed in (0, 1, 2):
        ns = recsys.run_solutions(seed=seed)
        assert ns["rmse_als"] < ns["rmse_svd"] < ns["rmse_baseline"]
        assert (
            ns["precision_at_10"]["als_established"]
            > ns["precision_at_10"]["popularity_established"]
        )
        answer_all = np.mean(
            ns["replies"](ns["test_questions"]["question"], 0.0)
            == ns["test_questions"]["reply"].to_numpy()
        )
        assert ns["test_accuracy"] > answer_all
        assert 0.2 <= ns["threshold"] <= 0.7


def _generator(name):
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_help_centre_files_are_what_the_generator_writes():
    module = _generator("make_faq_corpus")
    for name, make in module.FILES.items():
        shipped = path(name).read_bytes()
        assert make().encode("utf-8") == shipped, name
        assert make() == make()
        assert b"\r" not in shipped
    lines = path("faq.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "faq_id,question,answer" and len(lines) == 1 + 4 * len(module.TOPICS)


def test_the_shipped_ratings_are_what_the_generator_writes():
    module = _generator("make_ratings")
    shipped = path("ratings.csv").read_bytes()
    assert module.ratings_text().encode("utf-8") == shipped
    lines = shipped.decode("utf-8").splitlines()
    assert lines[0] == "user,item,rating,split"
    splits = [line.rsplit(",", 1)[1] for line in lines[1:]]
    assert set(splits) == {"train", "test"}
