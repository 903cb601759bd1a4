"""The anti-overrefusal reward is the covert-rule-violation one (it rewards completing these edited tasks)."""

from antischeme.envs.families.covert_rule_violation.reward import outcome_reward

__all__ = ["outcome_reward"]
