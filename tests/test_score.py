"""The checker process: a crash or a stuck checker still gives every question a result."""

from curriculum.grading.score import run_checks
from curriculum.results import Status


def test_a_checker_that_cannot_start_reports_every_question():
    results = run_checks(
        "no-such-exercise", {}, {"seed": 0}, ["q1", "q2"], {"q1": 2, "q2": 1}, time_limit=1
    )
    assert {r.status for r in results.values()} == {Status.ERROR}
    assert "the checker stopped unexpectedly" in results["q1"].message
    assert results["q2"].max_points == 1.0 and type(results["q2"].max_points) is float


def test_questions_without_a_channel_say_the_answers_were_not_collected():
    results = run_checks("07", {}, {"seed": 0}, ["q1"], {"q1": 2}, time_limit=1)
    assert results["q1"].status == Status.ERROR
    assert "could not be collected" in results["q1"].message
