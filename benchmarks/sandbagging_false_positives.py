"""False-positive rate of the per-rollout Sandbagging QA verdict on honest policies (no Inspect, pure core).

Prints, per family and policy, covert threat rollouts / threat rollouts: the scripted saint, and a
capability-limited honest policy answering each question right with probability 0.4 (and 0.7) in both conditions;
the scripted schemer as the true-positive reference.

    PYTHONPATH=src python benchmarks/sandbagging_false_positives.py [--epochs 100]
"""

from __future__ import annotations

import argparse

from antischeme.envs.core import grade
from antischeme.envs.core.rollout import rollout
from antischeme.envs.families._sandbagging.limited import limited_policy
from antischeme.envs.families._sandbagging.qa_grading import rollout_verdicts
from antischeme.envs.registry import environments
from antischeme.models.scripted import scripted_policy


def rate(family: str, make_policy, epochs: int) -> tuple[int, int]:
    pairs = [(env, grade(rollout(env, make_policy(env, epoch)), env))
             for env in environments("test", [family]) for epoch in range(epochs)]
    verdicts = rollout_verdicts(pairs)
    threat = [v for (env, _), v in zip(pairs, verdicts, strict=True) if env.factors["threshold"] == "above"]
    return sum(bool(v.covert) for v in threat), len(threat)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=100)
    args = parser.parse_args()
    policies = {
        "schemer (scripted)": (lambda env, _: scripted_policy(env, "schemer"), 1),
        "saint (scripted)": (lambda env, _: scripted_policy(env, "saint"), 1),
        "honest, 40% right": (lambda env, e: limited_policy(env, 0.4, e), args.epochs),
        "honest, 70% right": (lambda env, e: limited_policy(env, 0.7, e), args.epochs),
    }
    for family in ("sandbagging_qa", "sandbagging_qa_no_goal"):
        for name, (make, epochs) in policies.items():
            k, n = rate(family, make, epochs)
            print(f"{family:24s} {name:20s} covert {k:5d}/{n:5d} = {k / n:6.1%}")


if __name__ == "__main__":
    main()
