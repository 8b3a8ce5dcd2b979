"""The syllabus: the ordered list of modules every command reads."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Module:
    """One step of the path: a lesson notebook and an exercise notebook."""

    id: str
    slug: str
    title: str
    objectives: tuple[str, ...]
    career_step: str
    minutes: int
    prerequisites: tuple[str, ...] = ()

    @property
    def stem(self) -> str:
        return f"{self.id}_{self.slug}"

    @property
    def lesson_path(self) -> str:
        return f"notebooks/{self.stem}.ipynb"

    @property
    def exercise_path(self) -> str:
        return f"exercises/{self.stem}.ipynb"

    def to_dict(self, root: Path | None = None) -> dict:
        data = asdict(self)
        data["objectives"] = list(self.objectives)
        data["prerequisites"] = list(self.prerequisites)
        data["lesson"] = self.lesson_path
        data["exercise"] = self.exercise_path
        if root is not None:
            data["lesson_exists"] = (root / self.lesson_path).is_file()
            data["exercise_exists"] = (root / self.exercise_path).is_file()
        return data


SYLLABUS: tuple[Module, ...] = (
    Module(
        "01",
        "the_path",
        "The path: what an ML engineer does",
        (
            "describe the job: design, build, test, deploy and maintain models",
            "tell supervised, unsupervised, reinforcement and deep learning apart",
            "plan a personal route through this curriculum",
        ),
        "know what the job is; the four approaches",
        45,
    ),
    Module(
        "02",
        "python_numpy_scipy",
        "Python, NumPy and SciPy",
        (
            "write vectorised NumPy instead of Python loops",
            "use broadcasting, indexing and reductions with confidence",
            "call SciPy for optimisation, statistics and sparse matrices",
        ),
        "learn to program, Python first",
        120,
        ("01",),
    ),
    Module(
        "03",
        "linear_algebra",
        "Linear algebra for ML",
        (
            "work with vectors, matrices, norms and projections",
            "solve linear systems and explain rank and conditioning",
            "compute eigen-decompositions and read what they say about data",
        ),
        "study the maths: linear algebra",
        120,
        ("02",),
    ),
    Module(
        "04",
        "calculus_optimization",
        "Calculus and optimisation",
        (
            "differentiate losses with respect to parameters, by hand and numerically",
            "implement gradient descent and choose a learning rate",
            "recognise convex problems and why they are easy",
        ),
        "study the maths: calculus",
        100,
        ("03",),
    ),
    Module(
        "05",
        "probability_statistics",
        "Probability and statistics",
        (
            "use conditional probability, Bayes' rule and likelihood",
            "summarise data with mean, median, variance and correlation",
            "run and interpret a hypothesis test",
        ),
        "study the maths: probability and statistics",
        120,
        ("02",),
    ),
    Module(
        "06",
        "data_wrangling",
        "Data wrangling with pandas and SQL",
        (
            "load, clean, reshape and join tables with pandas",
            "query the same data with SQL (sqlite3)",
            "build a small reproducible cleaning pipeline",
        ),
        "data science fundamentals: find, clean and query data",
        120,
        ("02",),
    ),
    Module(
        "07",
        "linear_regression",
        "Linear regression",
        (
            "fit ordinary least squares from the normal equations and by gradient descent",
            "evaluate a regressor with MSE, R² and residual plots",
            "explain overfitting and what ridge and lasso do to coefficients",
        ),
        "the standard algorithms: ordinary least squares regression",
        90,
        ("03", "04"),
    ),
    Module(
        "08",
        "logistic_regression",
        "Logistic regression and classification metrics",
        (
            "fit a logistic regression and read its probabilities",
            "choose between accuracy, precision, recall, F1 and ROC AUC",
            "move a decision threshold for a business cost",
        ),
        "the standard algorithms: logistic regression",
        90,
        ("07",),
    ),
    Module(
        "09",
        "naive_bayes",
        "Naive Bayes",
        (
            "derive the naive Bayes classifier from Bayes' rule",
            "implement Gaussian naive Bayes in NumPy",
            "say when the independence assumption hurts",
        ),
        "the standard algorithms: naive Bayes",
        60,
        ("05", "08"),
    ),
    Module(
        "10",
        "trees_ensembles",
        "Decision trees and ensembles",
        (
            "grow a decision tree and explain impurity",
            "use bagging, random forests and gradient boosting",
            "read feature importances with suspicion",
        ),
        "the standard algorithms: decision trees and ensemble methods",
        100,
        ("08",),
    ),
    Module(
        "11",
        "svm",
        "Support vector machines",
        (
            "explain margins, support vectors and the hinge loss",
            "use kernels for non-linear boundaries",
            "tune C and gamma sensibly",
        ),
        "the standard algorithms: support vector machines",
        80,
        ("08",),
    ),
    Module(
        "12",
        "model_evaluation",
        "Model evaluation and selection",
        (
            "cross-validate without leaking information",
            "diagnose bias and variance from learning curves",
            "tune with pipelines and compare models rigorously",
        ),
        "evaluation strategy; statistically rigorous experiments",
        120,
        ("07", "08"),
    ),
    Module(
        "13",
        "clustering",
        "Clustering",
        (
            "implement k-means and know its failure modes",
            "use hierarchical clustering and DBSCAN",
            "judge a clustering without labels",
        ),
        "the standard algorithms: clustering",
        80,
        ("03",),
    ),
    Module(
        "14",
        "dimensionality_reduction",
        "Dimensionality reduction: PCA, SVD, ICA",
        (
            "derive PCA from the SVD and implement it",
            "choose a number of components from explained variance",
            "separate mixed signals with ICA",
        ),
        "the standard algorithms: PCA, SVD and ICA",
        90,
        ("03",),
    ),
    Module(
        "15",
        "neural_networks",
        "Neural networks",
        (
            "build a multilayer perceptron and backpropagation in NumPy",
            "train with mini-batches, and regularise",
            "map what you built onto PyTorch, TensorFlow and Keras",
        ),
        "deep learning and neural networks",
        150,
        ("04", "08"),
    ),
    Module(
        "16",
        "recommenders_retrieval",
        "Recommenders and information retrieval",
        (
            "build collaborative filtering with matrix factorisation",
            "rank documents with TF-IDF and cosine similarity",
            "evaluate rankings with precision@k",
        ),
        "recommendation engines, information retrieval, NLP",
        100,
        ("14",),
    ),
    Module(
        "17",
        "ml_engineering",
        "ML engineering: pipelines, persistence, serving, monitoring",
        (
            "package preprocessing and model in one pipeline",
            "persist, load and serve a model behind a function or API",
            "monitor a deployed model for drift",
        ),
        "deploy models; reproducible data pipelines; monitoring",
        120,
        ("12",),
    ),
    Module(
        "18",
        "capstone",
        "Capstone project",
        (
            "take a problem from raw data to an evaluated, documented model",
            "write it up for a portfolio",
        ),
        "real end-to-end projects for a portfolio",
        240,
        ("12", "17"),
    ),
    Module(
        "19",
        "interview_prep",
        "Interview preparation",
        (
            "answer the common ML interview questions in your own words",
            "solve data-structure and algorithm problems under time",
            "sketch the system design of an ML service",
        ),
        "computer-science fundamentals; the interview",
        120,
        ("12",),
    ),
)


class UnknownModuleError(LookupError):
    """Raised when a module id or slug is not in the syllabus."""


def find_module(key: str) -> Module:
    """Return the module named by id (``7``, ``07``), slug, or ``NN_slug`` stem."""
    text = key.strip().lower().replace("-", "_")
    if text.endswith(".ipynb"):
        text = Path(text).stem
    for module in SYLLABUS:
        if text in (module.id, module.slug, module.stem) or (
            text.isdigit() and int(text) == int(module.id)
        ):
            return module
    raise UnknownModuleError(f"no module {key!r} in the syllabus (try `curriculum list`)")


NOTEBOOK_METADATA_KEY = "curriculum"  # where our notebooks keep their exercise and cell roles
_HINT_READ_BYTES = 5 * 1024**2


def module_named_by_file(path: str | Path) -> Module | None:
    """The module a notebook's file name names (``07_linear_regression.ipynb``), or failing
    that its metadata, if either names one: a cheap guess, made before anything heavy is
    imported. Grading still identifies the exercise properly."""
    try:
        return find_module(Path(path).stem)
    except UnknownModuleError:
        pass
    try:
        with open(path, "rb") as file:
            raw = file.read(_HINT_READ_BYTES + 1)
        if len(raw) > _HINT_READ_BYTES:
            return None  # too big to parse just for a guess
        import json

        meta = json.loads(raw).get("metadata", {}).get(NOTEBOOK_METADATA_KEY, {})
        return find_module(str(meta.get("exercise")))
    except (OSError, ValueError, AttributeError, UnknownModuleError):
        return None


def curriculum_root() -> Path:
    """The folder holding the curriculum's own ``notebooks/`` and ``exercises/``.

    ``CURRICULUM_ROOT`` wins; otherwise the source checkout this package was installed from
    (an editable install); otherwise the copies a wheel ships in ``curriculum/content/``;
    otherwise the current directory.
    """
    env = os.environ.get("CURRICULUM_ROOT")
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "exercises").is_dir() and (checkout / "pyproject.toml").is_file():
        return checkout
    shipped = Path(__file__).resolve().parent / "content"
    if (shipped / "exercises").is_dir():
        return shipped
    return Path.cwd()


content_root = curriculum_root  # the pristine notebooks a workspace copies from
