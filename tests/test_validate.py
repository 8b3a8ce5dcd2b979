from conftest import REPO
from curriculum.syllabus import find_module
from curriculum.validate import validate_module


def test_module_07_passes_everything_ci_checks():
    report = validate_module(find_module("07"), REPO)
    assert report.ok, report.problems
    assert report.checked == ["lesson runs", "key 100%", "blank 0%", "known mistakes named"]


def test_a_module_without_content_has_nothing_to_fail():
    report = validate_module(find_module("19"), REPO)
    assert report.ok and report.checked == []
