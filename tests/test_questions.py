import pytest

from curriculum.checks import CheckFailed
from curriculum.questions import BLANK, Check, Question, is_placeholder
from curriculum.results import Status


def _must_be_three(answers, params):
    if answers["x"] != 3:
        raise CheckFailed(f"`x` is {answers['x']}, expected 3")


def _secret(answers, params):
    if answers["x"] != 3:
        raise CheckFailed("the secret rule says 3")


def _crash(answers, params):
    raise RuntimeError("boom")


def make_question(*checks):
    return Question(
        id="q9",
        title="t",
        points=2,
        prompt="p",
        reads=("x",),
        template="x = ____",
        solution="x = 3",
        hints=("one", "two"),
        checks=checks or (Check("x is 3", _must_be_three), Check("x", _secret, hidden=True)),
    )


def test_placeholders_are_recognised():
    assert is_placeholder(BLANK)

    def unfinished(a):
        return ____  # noqa: F821

    def finished(a):
        return a

    assert is_placeholder(unfinished)
    assert not is_placeholder(finished)
    assert not is_placeholder(0)


def test_statuses():
    q = make_question()
    assert q.evaluate({}, {}, include_hidden=True).status == Status.NOT_ATTEMPTED
    assert q.evaluate({"x": BLANK}, {}, include_hidden=True).status == Status.NOT_ATTEMPTED
    passed = q.evaluate({"x": 3}, {}, include_hidden=True)
    assert (passed.status, passed.points) == (Status.PASSED, 2)
    failed = q.evaluate({"x": 4}, {}, include_hidden=True)
    assert failed.status == Status.FAILED and "expected 3" in failed.message


def test_hidden_failures_say_what_they_test_but_not_their_message():
    q = make_question(
        Check("public", lambda a, p: None), Check("works on odd inputs", _secret, hidden=True)
    )
    result = q.evaluate({"x": 4}, {}, include_hidden=True)
    assert result.status == Status.FAILED
    assert result.message == "fails a hidden check: works on odd inputs."
    assert "secret rule" not in result.message
    assert q.evaluate({"x": 4}, {}, include_hidden=False).status == Status.PASSED


def test_a_crashing_check_is_a_failure_not_an_exception():
    q = make_question(Check("crashes", _crash), Check("h", _secret, hidden=True))
    result = q.evaluate({"x": 3}, {}, include_hidden=True)
    assert result.status == Status.FAILED and "RuntimeError: boom" in result.message


def test_spec_rules_are_enforced():
    with pytest.raises(ValueError, match="public and hidden"):
        make_question(Check("only public", _must_be_three))
