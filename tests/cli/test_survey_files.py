"""Tests of the survey options and files shared by survey, build and export."""

from __future__ import annotations


def test_the_command_lines_privacy_defaults_are_the_survey_modules() -> None:
    """The options keep their own copy (no survey import at start-up); it must not drift."""
    from osallisuuden_palaset.cli import survey_files
    from osallisuuden_palaset.surveying import privacy

    assert (survey_files.DEFAULT_MIN_GROUP, survey_files.FLOOR) == (privacy.DEFAULT_MIN_GROUP, privacy.FLOOR)
