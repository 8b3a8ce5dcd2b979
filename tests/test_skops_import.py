"""skops imported lazily: learner code sees plain skops, the wire never pays for the listing."""

import json
import subprocess
import sys

import pytest

LISTING = (
    "import json, sys\n"
    "from skops.io import _trusted_types\n"
    "names = list(_trusted_types.SKLEARN_ESTIMATOR_TYPE_NAMES)\n"
    "from sklearn.linear_model import LogisticRegression\n"
    "from sklearn.preprocessing import FunctionTransformer\n"
    "import numpy as np, skops.io as sio\n"
    "model = LogisticRegression().fit(np.eye(4), [0, 1, 0, 1])\n"
    "def own_step(x):\n"
    "    return x\n"
    "own = FunctionTransformer(own_step)\n"
    "found = {'names': sorted(names),\n"
    "         'model': sio.get_untrusted_types(data=sio.dumps(model)),\n"
    "         'own': sio.get_untrusted_types(data=sio.dumps(own)),\n"
    "         'loaded': type(sio.loads(sio.dumps(model))).__name__}\n"
    "try:\n"
    "    sio.loads(sio.dumps(own))\n"
    "    found['refused'] = False\n"
    "except Exception as exc:\n"
    "    found['refused'] = type(exc).__name__\n"
    "print(json.dumps(found))\n"
)


def run(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def plain() -> dict:
    return run(LISTING)


def test_learner_code_sees_exactly_what_plain_skops_says(plain):
    lazy = run(
        "from curriculum.answers.skops_import import import_skops_io\nimport_skops_io()\n" + LISTING
    )
    assert len(plain["names"]) > 100 and plain["model"] == [] and plain["refused"]
    assert lazy == plain


def test_the_wire_round_trips_estimators_without_listing_them_and_refuses_learner_code():
    found = run(
        "import json\n"
        "import numpy as np\n"
        "from sklearn.linear_model import LassoCV\n"
        "from sklearn.pipeline import make_pipeline\n"
        "from sklearn.preprocessing import FunctionTransformer, StandardScaler\n"
        "from curriculum.answers.skops_import import import_skops_io\n"
        "from curriculum.answers.wire import NotData, decode, encode\n"
        "import_skops_io()\n"
        "from skops.io import _general\n"
        "X, y = np.random.default_rng(0).normal(size=(30, 3)), np.arange(30.0)\n"
        "model = make_pipeline(StandardScaler(), LassoCV(cv=3)).fit(X, y)\n"
        "back = decode(encode(model))\n"
        "same = bool(np.allclose(back.predict(X), model.predict(X)))\n"
        "try:\n"
        "    encode(make_pipeline(FunctionTransformer(lambda x: x)).fit(X))\n"
        "    refused = ''\n"
        "except NotData as exc:\n"
        "    refused = str(exc)\n"
        "listed = _general.SKLEARN_ESTIMATOR_TYPE_NAMES._filled\n"
        "print(json.dumps({'same': same, 'refused': refused, 'listed': listed}))\n"
    )
    assert found["same"] and not found["listed"]
    assert "code of your own" in found["refused"]
