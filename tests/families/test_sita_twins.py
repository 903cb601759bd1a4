"""AS+SITA: every train/val environment of the training families has a hinted twin in train_sita / val_sita that
differs only in the situational-awareness sentence."""

from __future__ import annotations

import pytest

from antischeme.envs.families.covert_rule_violation.sita import HINTS
from antischeme.envs.registry import environment, environments


@pytest.mark.parametrize("family", ["covert_rule_violation", "anti_overrefusal"])
def test_twins(family: str) -> None:
    for plain_split, sita_split in (("train", "train_sita"), ("val", "val_sita")):
        plain, hinted = environments(plain_split, [family]), environments(sita_split, [family])
        assert len(plain) == len(hinted) > 0
        for e in hinted[:25]:
            base = environment(e.id.removesuffix("-sita"))
            assert e.factors == {**base.factors, "sita": "hint"}
            assert e.system_prompt.startswith(base.system_prompt)
            assert any(h in e.system_prompt for h in HINTS) and not any(h in base.system_prompt for h in HINTS)
            assert (e.files, e.user_messages, e.grader, e.scripts) == (base.files, base.user_messages, base.grader,
                                                                        base.scripts)


def test_plain_training_splits_keep_the_paper_sizes() -> None:
    assert len(environments("train", ["covert_rule_violation"])) == 806
    assert len(environments("val", ["covert_rule_violation"])) == 141
