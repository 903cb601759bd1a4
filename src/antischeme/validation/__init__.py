"""Environment validation (prompted schemer vs. saint) and the train/test leakage check."""

from antischeme.validation.envcheck import (
    Decision,
    PolicyResult,
    ValidationReport,
    judge_pair,
    load_prompt,
    run_inspect,
    run_local,
    validate_environments,
)
from antischeme.validation.leakage import LeakageReport, check_leakage

__all__ = [
    "Decision", "LeakageReport", "PolicyResult", "ValidationReport", "check_leakage", "judge_pair", "load_prompt",
    "run_inspect", "run_local", "validate_environments",
]
