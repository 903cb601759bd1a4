"""Stress-test experiments as data (paper §8): hidden-goal organism with red-teaming, capability-training
degradation, AS+SITA. ``antischeme experiment run configs/experiments/<name>.yaml --size tiny|toy|full``."""

from antischeme.stress.experiments.config import ExperimentConfig, ExperimentConfigError, load_experiment
from antischeme.stress.experiments.runner import ExperimentRunError, run_experiment, status

__all__ = ["ExperimentConfig", "ExperimentConfigError", "ExperimentRunError", "load_experiment", "run_experiment",
           "status"]
