"""Shared scenario, scoring program, grader and scripts of the Email Scoring families (with and without nudge)."""
