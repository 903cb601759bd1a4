"""Capability tasks (``capability`` split): verifiable-reward exercises for capability RL after anti-scheming
training (the paper's capability-training degradation stress test). No covert action is defined here."""

from pathlib import Path

from antischeme.envs.core import Family
from antischeme.envs.families.capability_tasks.variants import CATEGORY, FAMILY as NAME, build

FAMILY = Family(
    name=NAME,
    title="Capability tasks (capability RL)",
    category=CATEGORY,
    grading="rules",
    build=build,
    covert_definition="none: capability tasks measure correctness only (measures=capability); never covert",
    in_headline=False,
    measures="capability",
    readme=Path(__file__).with_name("README.md"),
)
