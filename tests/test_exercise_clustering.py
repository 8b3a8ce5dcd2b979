"""The exercise 13 spec, in-process: the key passes, blanks are not attempted, mistakes fail."""

import warnings

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from curriculum.exercises import load_exercise
from curriculum.results import Status


@pytest.fixture(scope="module")
def clustering():
    with threadpool_limits(1):  # KMeans on a few hundred points: threads cost more than they save
        yield load_exercise("13")


def evaluate(exercise, namespace, seed=0):
    return {
        q.id: q.evaluate(namespace, {"seed": seed}, include_hidden=True) for q in exercise.questions
    }


@pytest.mark.parametrize("seed", [0, 1, 7, 42])
def test_reference_solutions_pass_every_check(clustering, seed):
    results = evaluate(clustering, clustering.run_solutions(seed=seed), seed)
    assert {q: r.status for q, r in results.items()} == {
        q.id: Status.PASSED for q in clustering.questions
    }, {q: r.message for q, r in results.items()}


def test_templates_are_not_attempted(clustering):
    namespace = clustering.run_context(seed=0)
    for question in clustering.questions:
        exec(question.template, namespace)
    results = evaluate(clustering, namespace)
    assert all(r.status == Status.NOT_ATTEMPTED for r in results.values())


def answer(exercise, question_id, code, seed=0):
    namespace = exercise.run_context(seed=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(code, namespace)
        return exercise.question(question_id).evaluate(
            namespace, {"seed": seed}, include_hidden=True, time_limit=5
        )


ASSIGN = "def assign_labels(X, centroids):\n"
SQ = "    d = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)\n"
UPDATE = "def update_centroids(X, labels, centroids):\n"
INERTIA = "def inertia(X, labels, centroids):\n"
KM = "from sklearn.cluster import KMeans\nfrom sklearn.metrics import silhouette_score\n"
SCAN = (
    KM + "inertias, silhouettes = [], []\n"
    "for k in ks:\n"
    "    model = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(X_blobs)\n"
    "    inertias.append(model.inertia_)\n"
    "    silhouettes.append(silhouette_score(X_blobs, model.labels_))\n"
)
MOONS = (
    "from sklearn.cluster import DBSCAN, KMeans\n"
    "from sklearn.metrics import adjusted_rand_score as ari\n"
    "km = KMeans(n_clusters=2, n_init=10, random_state=seed).fit_predict(X_moons)\n"
)
GOOD_KM_ARI = "ari_kmeans = ari(y_moons, km)\n"
GOOD_DB = "dbscan = DBSCAN(eps=0.2, min_samples=5).fit(X_moons)\n"
GOOD_DB_ARI = "ari_dbscan = ari(y_moons, dbscan.labels_)\n"
PARTS = (
    "from sklearn.cluster import KMeans\n"
    "from sklearn.metrics import adjusted_rand_score as ari\n"
    "from sklearn.pipeline import make_pipeline\n"
    "from sklearn.preprocessing import StandardScaler\n"
)
GMM = (
    "from sklearn.mixture import GaussianMixture\n"
    "gmm = GaussianMixture(n_components=3, random_state=seed).fit(X_iris)\n"
)

# Other correct ways to write each answer: they must pass.
RIGHT = {
    "q1": [
        ASSIGN + "    return np.array([int(np.argmin([np.sum((x - c) ** 2) for c in centroids]))"
        " for x in X])",
        ASSIGN + "    d = np.linalg.norm(X[:, np.newaxis] - centroids, axis=-1)\n"
        "    return d.argmin(axis=1)",
        ASSIGN + "    d = (X**2).sum(1)[:, None] - 2 * X @ centroids.T + (centroids**2).sum(1)\n"
        "    return np.argmin(d, axis=1)",
    ],
    "q2": [
        UPDATE + "    new = centroids.copy().astype(float)\n"
        "    for j in np.unique(labels):\n"
        "        new[j] = X[labels == j].mean(axis=0)\n"
        "    return new",
        UPDATE + "    k, d = np.shape(centroids)\n"
        "    sums = np.zeros((k, d))\n"
        "    np.add.at(sums, labels, X)\n"
        "    counts = np.bincount(labels, minlength=k)[:, None]\n"
        "    return np.where(counts > 0, sums / np.maximum(counts, 1), centroids)",
    ],
    "q3": [
        INERTIA
        + "    return sum(float(np.sum((x - centroids[l]) ** 2)) for x, l in zip(X, labels))",
        INERTIA + "    return np.linalg.norm(X - centroids[labels]) ** 2",
    ],
    "q4": [
        SCAN + "best_k = int(ks[np.argmax(silhouettes)])",
        KM + "models = [KMeans(k, n_init=10, random_state=seed).fit(X_blobs) for k in ks]\n"
        "inertias = np.array([m.inertia_ for m in models])\n"
        "silhouettes = np.array([silhouette_score(X_blobs, m.predict(X_blobs)) for m in models])\n"
        "best_k = max(ks, key=lambda k: silhouettes[k - 2])",
    ],
    "q5": [
        MOONS
        + GOOD_KM_ARI
        + "dbscan = DBSCAN(eps=0.25, min_samples=4).fit(X_moons)\n"
        + GOOD_DB_ARI,
        # the ARI is the same whichever way the clusters are numbered
        MOONS + "ari_kmeans = ari(1 - km, y_moons)\n" + GOOD_DB + GOOD_DB_ARI,
    ],
    "q6": [
        PARTS + "from sklearn.preprocessing import MinMaxScaler\n"
        "parts_model = make_pipeline(MinMaxScaler(), KMeans(3, n_init=10, random_state=0))\n"
        "parts_model.fit(X_parts)\n"
        "parts_ari = ari(parts_model.predict(X_parts), y_parts)",
    ],
    "q7": [
        GMM + "probs = gmm.predict_proba(X_iris)\n"
        "unsure = np.array([i for i, row in enumerate(probs) if max(row) < 0.9])",
        GMM + "probs = gmm.predict_proba(X_iris)\nunsure = np.where(np.max(probs, 1) < 0.9)[0]",
    ],
}

# Wrong answers a beginner writes, and a phrase of the message that must name the mistake.
WRONG = {
    "q1": [
        (ASSIGN + SQ + "    return np.argmax(d, axis=1)", "*farthest*"),
        (ASSIGN + SQ + "    return np.argmin(d, axis=0)", "take it over the centroids"),
        (ASSIGN + SQ + "    return d.min(axis=1)", "its *index*"),
        (
            ASSIGN + "    d = (X[:, None, :] - centroids[None, :, :]).sum(axis=2)\n"
            "    return np.argmin(d, axis=1)",
            "Square the differences",
        ),
        (ASSIGN + SQ + "    return np.argmin(d, axis=1) + 1", "start at 0"),
        (
            "from sklearn.metrics import pairwise_distances_argmin\n"
            + ASSIGN
            + "    return pairwise_distances_argmin(X, centroids)",
            "NumPy only",
        ),
        (
            ASSIGN + "    X -= centroids[0]\n"
            "    d = ((X[:, None, :] - (centroids - centroids[0])[None]) ** 2).sum(axis=2)\n"
            "    return np.argmin(d, axis=1)",
            "changed its input `X` in place",
        ),
    ],
    "q2": [
        (
            UPDATE
            + "    return np.array([X[labels == j].mean(axis=1) for j in range(len(centroids))])",
            "`mean(axis=0)`",
        ),
        (
            UPDATE
            + "    return np.array([X[labels == j].mean(axis=0) for j in range(len(centroids))])",
            "got NaN",
        ),
        (
            UPDATE + "    new = np.zeros(np.shape(centroids))\n"
            "    for j in range(len(centroids)):\n"
            "        if np.any(labels == j):\n"
            "            new[j] = X[labels == j].mean(axis=0)\n"
            "    return new",
            "moved to the origin",
        ),
        (
            UPDATE
            + "    return np.array([X[labels == j].mean(axis=0) for j in np.unique(labels)])",
            "one row per centroid",
        ),
        (
            UPDATE + "    new = np.array(centroids, dtype=float)\n"
            "    for j in range(len(centroids)):\n"
            "        if np.any(labels == j):\n"
            "            new[j] = np.median(X[labels == j], axis=0)\n"
            "    return new",
            "not the median",
        ),
        (
            UPDATE + "    new = centroids\n"
            "    for j in range(len(centroids)):\n"
            "        if np.any(labels == j):\n"
            "            new[j] = X[labels == j].mean(axis=0)\n"
            "    return new",
            "changed its input `centroids` in place",
        ),
        (
            UPDATE + "    new = np.array(centroids, dtype=float)\n"
            "    for j in range(len(centroids)):\n"
            "        if np.any(labels == j):\n"
            "            new[j] = X[labels == j].sum(axis=0)\n"
            "    return new",
            "differs from the expected values",
        ),
    ],
    "q3": [
        (INERTIA + "    return np.linalg.norm(X - centroids[labels], axis=1).sum()", "*squared*"),
        (
            INERTIA + "    return np.mean(np.sum((X - centroids[labels]) ** 2, axis=1))",
            "not a mean",
        ),
        (
            INERTIA + "    d = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)\n"
            "    return d.min(axis=1).sum()",
            "own centroid",
        ),
        (
            INERTIA + "    return np.sqrt(((X - centroids[labels]) ** 2).sum())",
            "square root of the total",
        ),
        (
            "from sklearn.metrics import mean_squared_error\n"
            + INERTIA
            + "    return mean_squared_error(X, centroids[labels]) * X.size",
            "NumPy only",
        ),
        (INERTIA + "    return np.abs(X - centroids[labels]).sum()", "`inertia` is"),
    ],
    "q4": [
        (SCAN + "best_k = ks[int(np.argmin(inertias))]", "always picks the largest k"),
        (SCAN + "best_k = ks[int(np.argmin(silhouettes))]", "take the `argmax`"),
        (
            SCAN.replace(
                "silhouette_score(X_blobs, model.labels_)", "silhouette_score(X_blobs, y_blobs)"
            )
            + "best_k = ks[int(np.argmax(silhouettes))]",
            "true labels",
        ),
        (
            SCAN.replace("n_init=10", "n_init=1") + "best_k = ks[int(np.argmax(silhouettes))]",
            "several restarts",
        ),
        (SCAN + "best_k = int(np.argmax(silhouettes))", "position of the best score"),
        (
            SCAN.replace("model.inertia_", "model.inertia_ / len(X_blobs)")
            + "best_k = ks[int(np.argmax(silhouettes))]",
            "`inertias` differs",
        ),
    ],
    "q5": [
        (
            MOONS + "ari_kmeans = np.mean(km == y_moons)\n" + GOOD_DB + GOOD_DB_ARI,
            "adjusted_rand_score(y_moons, labels)",
        ),
        (
            MOONS + GOOD_KM_ARI + GOOD_DB + "ari_dbscan = np.mean(dbscan.labels_ == y_moons)\n",
            "Cluster numbers are arbitrary",
        ),
        (
            MOONS + GOOD_KM_ARI + "dbscan = DBSCAN().fit(X_moons)\n" + GOOD_DB_ARI,
            "single cluster",
        ),
        (
            MOONS + GOOD_KM_ARI + "dbscan = DBSCAN(eps=0.03).fit(X_moons)\n" + GOOD_DB_ARI,
            "noise (-1)",
        ),
        (
            MOONS.replace("n_clusters=2", "n_clusters=8") + GOOD_KM_ARI + GOOD_DB + GOOD_DB_ARI,
            "two moons, two",
        ),
        (
            MOONS + GOOD_KM_ARI + "dbscan = DBSCAN(eps=0.2)\nari_dbscan = 1.0\n",
            "not been fitted",
        ),
        (
            MOONS + GOOD_KM_ARI + "dbscan = KMeans(2).fit(X_moons)\nari_dbscan = 0.3\n",
            "should be a DBSCAN",
        ),
        (
            MOONS + GOOD_KM_ARI + "dbscan = DBSCAN(eps=0.5).fit(X_blobs)\n" + "ari_dbscan = 1.0\n",
            "dbscan.labels_.shape",
        ),
    ],
    "q6": [
        (
            PARTS
            + "parts_model = KMeans(n_clusters=3, n_init=10, random_state=seed).fit(X_parts)\n"
            "parts_ari = ari(y_parts, parts_model.labels_)",
            "not scaled",
        ),
        (
            PARTS + "scaler = StandardScaler().fit(X_parts)  # fitted, then never used\n"
            "parts_model = KMeans(n_clusters=3, n_init=10, random_state=seed).fit(X_parts)\n"
            "parts_ari = ari(y_parts, parts_model.predict(X_parts))",
            "not scaled",
        ),
        (
            PARTS
            + "parts_model = make_pipeline(StandardScaler(), KMeans(4, n_init=10)).fit(X_parts)\n"
            "parts_ari = ari(y_parts, parts_model.predict(X_parts))",
            "number of clusters",
        ),
        (
            PARTS
            + "parts_model = make_pipeline(StandardScaler(), KMeans(3, n_init=10, random_state=1))"
            ".fit(X_parts)\n"
            "parts_ari = np.mean(parts_model.predict(X_parts) == y_parts)",
            "adjusted_rand_score(y_parts, labels)",
        ),
        (
            PARTS + "parts_model = make_pipeline(StandardScaler(), KMeans(3)).fit(X_parts[:, :2])\n"
            "parts_ari = ari(y_parts, parts_model.predict(X_parts[:, :2]))",
            "n_features_in_",
        ),
        (
            PARTS + "parts_model = make_pipeline(StandardScaler(), KMeans(3))\nparts_ari = 1.0",
            "not been fitted",
        ),
        (
            PARTS + "from sklearn.cluster import AgglomerativeClustering\n"
            "parts_model = make_pipeline(StandardScaler(), AgglomerativeClustering(3)).fit(X_parts)\n"
            "parts_ari = 1.0",
            "should be a KMeans",
        ),
    ],
    "q7": [
        (GMM + "probs = gmm.predict(X_iris)\nunsure = np.flatnonzero(probs < 0.9)", "hard labels"),
        (
            GMM + "probs = gmm.predict_proba(X_iris)\nunsure = np.where(probs < 0.9)",
            "(row, column) pairs",
        ),
        (
            GMM
            + "probs = gmm.predict_proba(X_iris)\nunsure = int((probs.max(axis=1) < 0.9).sum())",
            "not a count",
        ),
        (
            GMM
            + "probs = gmm.predict_proba(X_iris)\nunsure = np.flatnonzero(probs.max(axis=1) >= 0.9)",
            "*sure* about",
        ),
        (
            GMM
            + "probs = gmm.predict_proba(X_iris)\nunsure = np.flatnonzero(probs.max(axis=0) < 0.9)",
            "each *row*",
        ),
        (
            GMM
            + "probs = gmm.predict_proba(X_iris)\nunsure = np.flatnonzero(probs.min(axis=1) < 0.9)",
            "*largest* probability is low",
        ),
        (
            GMM.replace("n_components=3", "n_components=2")
            + "probs = gmm.predict_proba(X_iris)\nunsure = np.flatnonzero(probs.max(axis=1) < 0.9)",
            "gmm.n_components",
        ),
    ],
}


@pytest.mark.parametrize(
    ("question_id", "code"),
    [(q, code) for q, codes in RIGHT.items() for code in codes],
)
def test_other_correct_answers_pass(clustering, question_id, code):
    result = answer(clustering, question_id, code)
    assert result.status == Status.PASSED, result.message


@pytest.mark.parametrize(
    ("question_id", "code", "named"),
    [(q, code, named) for q, cases in WRONG.items() for code, named in cases],
)
def test_beginner_mistakes_fail_with_a_message_that_names_them(
    clustering, question_id, code, named
):
    result = answer(clustering, question_id, code)
    assert result.status in (Status.FAILED, Status.TIMEOUT), result.message
    assert named in result.message, result.message


# Change an operator or a constant in the reference: the checks must notice.
MUTANTS = {
    "q1": [
        ("sum(axis=2)", "sum(axis=1)"),
        ("np.argmin(squared, axis=1)", "np.argmin(squared[:, ::-1], axis=1)"),
        (") ** 2)", ") ** 1)"),
    ],
    "q2": [
        ("len(members) > 0", "len(members) > 1"),
        ("members.mean(axis=0)", "members.sum(axis=0)"),
        ("labels == j", "labels != j"),
    ],
    "q3": [
        ("differences**2", "differences**3"),
        ("centroids[np.asarray(labels)]", "centroids[np.asarray(labels) - 1]"),
    ],
    "q4": [
        ("np.argmax(silhouettes)", "np.argmax(inertias)"),
        ("[model.inertia_ for", "[model.inertia_**0.5 for"),
    ],
    "q5": [("eps=0.2", "eps=0.5"), ("n_clusters=2", "n_clusters=3")],
    "q6": [("StandardScaler(), ", ""), ("n_clusters=3", "n_clusters=2")],
    "q7": [("< 0.9", "< 0.8"), ("n_components=3", "n_components=2")],
}


@pytest.mark.parametrize(
    ("question_id", "old", "new"),
    [(q, old, new) for q, changes in MUTANTS.items() for old, new in changes],
)
def test_a_changed_operator_or_constant_in_the_reference_is_rejected(
    clustering, question_id, old, new
):
    solution = clustering.question(question_id).solution
    assert old in solution
    result = answer(clustering, question_id, solution.replace(old, new))
    assert result.status != Status.PASSED, (old, new)


def test_every_question_lists_known_mistakes_and_describes_its_hidden_checks(clustering):
    assert len(clustering.questions) >= 6
    for question in clustering.questions:
        assert question.mistakes, question.id
        assert all(len(c.description) > 10 for c in question.hidden_checks)


def test_cluster_numbering_does_not_matter(clustering):
    """Renumbered clusters are the same clustering: ARI-based answers must still pass."""
    code = (
        GMM + "probs = gmm.predict_proba(X_iris)[:, [2, 0, 1]]\n"
        "unsure = np.flatnonzero(probs.max(axis=1) < 0.9)"
    )
    # probs must match gmm.predict_proba, so a permuted probs is wrong...
    assert answer(clustering, "q7", code).status == Status.FAILED
    # ...but a mixture whose components come out in another order is right.
    other = GMM.replace("random_state=seed", "random_state=seed, init_params='k-means++'")
    code = (
        other
        + "probs = gmm.predict_proba(X_iris)\nunsure = np.flatnonzero(probs.max(axis=1) < 0.9)"
    )
    result = answer(clustering, "q7", code)
    assert result.status == Status.PASSED, result.message


def test_different_seeds_give_different_data(clustering):
    a, b = clustering.run_context(seed=0), clustering.run_context(seed=1)
    assert not np.array_equal(a["X_moons"], b["X_moons"])
    assert not np.array_equal(a["X_parts"], b["X_parts"])
