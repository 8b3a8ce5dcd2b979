"""check(), hint() and solution() as a learner meets them inside a notebook."""

from curriculum.learner import Feedback, ____, bind_questions
from curriculum.results import Status


def handles(namespace):
    return {h.id: h for h in bind_questions("07", namespace)}


def test_untouched_answer_says_not_attempted(linreg):
    namespace = linreg.run_context(seed=0)
    exec(linreg.question("q1").template, namespace)
    feedback = handles(namespace)["q1"].check()
    assert feedback.status == Status.NOT_ATTEMPTED
    assert "not attempted" in repr(feedback) and "Traceback" not in repr(feedback)


def test_check_passes_then_fails_as_the_answer_changes(linreg):
    namespace = linreg.run_context(seed=0)
    q = handles(namespace)
    exec(linreg.question("q4").solution, namespace)
    assert q["q4"].check().status == Status.PASSED
    namespace["r2"] = lambda t, p: 0.0
    feedback = q["q4"].check()
    assert feedback.status == Status.FAILED
    assert "expected" in repr(feedback)


def test_check_reads_the_notebook_seed(linreg):
    namespace = linreg.run_context(seed=3)
    exec(linreg.question("q3").solution, namespace)
    assert handles(namespace)["q3"].check().status == Status.PASSED


def test_hints_are_tiered_and_a_missing_level_says_how_many_there_are():
    q = handles({"____": ____})["q1"]
    assert q.hint().body != q.hint(2).body
    assert "hint(2)" in q.hint(1).title
    for missing in (99, 0, -1, "2"):
        feedback = q.hint(missing)
        assert feedback.title == "q1 has 2 hints" and "hint(1), hint(2)" in feedback.body


def test_solution_is_the_reference_code(linreg):
    feedback = handles({})["q1"].solution()
    assert "def ols_fit" in repr(feedback)
    assert "<pre" in feedback._repr_html_()


def test_feedback_html_escapes_its_text():
    feedback = Feedback("<b>title</b>", "found <script>alert(1)</script> & more", Status.FAILED)
    html = feedback._repr_html_()
    assert "<script>" not in html and "<b>title</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "&lt;b&gt;title&lt;/b&gt;" in html


def test_html_escapes_learner_values(linreg):
    # coef_path is right, so the check gets as far as quoting the learner's string back
    namespace = linreg.run_solutions(seed=0)
    namespace["shrinks_most"] = "<script>alert(1)</script>"
    feedback = handles(namespace)["q6"].check()
    assert feedback.status == Status.FAILED
    assert "<script>alert(1)</script>" in feedback.body  # the message does quote the value
    html = feedback._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_placeholders_inside_containers_are_not_attempted():
    from curriculum.answers.learner_side import is_placeholder

    assert is_placeholder({"a": ____, "b": 1}) and is_placeholder([1, [____]])
    assert is_placeholder((____,)) and is_placeholder({____})
    assert (
        not is_placeholder({"a": 1}) and not is_placeholder([0, [1, 2]]) and not is_placeholder("")
    )


def test_a_one_point_question_says_point():
    from curriculum.exercises import available_exercises

    questions = [q for e in available_exercises() for q in e.questions]
    one = next(q for q in questions if q.points == 1)
    handle = bind_questions(one.exercise.name, {})[
        [q.id for q in one.exercise.questions].index(one.id)
    ]
    assert repr(handle).endswith("(1 point)>")
