"""Sandbagging QA grader: per-sample accuracy (covert=None); the family is judged in aggregate."""

from __future__ import annotations

from antischeme.envs.families._sandbagging.qa_grading import grade_qa, make_aggregate

FAMILY = "sandbagging_qa"
grade = grade_qa
aggregate = make_aggregate(FAMILY)
