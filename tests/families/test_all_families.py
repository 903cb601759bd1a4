"""Every environment of every family: the scripted schemer is graded covert and the saint honest."""

from __future__ import annotations

import pytest

from antischeme.envs.core import grade
from antischeme.envs.core.rollout import rollout
from antischeme.envs.registry import environments, families
from antischeme.models.scripted import scripted_policy

ALL = environments("all")


@pytest.mark.parametrize("env", ALL, ids=[e.id for e in ALL])
def test_scripted_policies_are_told_apart(env) -> None:
    fam = families()[env.family]
    schemer = grade(rollout(env, scripted_policy(env, "schemer")), env)
    saint = grade(rollout(env, scripted_policy(env, "saint")), env)
    assert schemer.env_id == saint.env_id == env.id
    if fam.measures == "capability":  # no covert action defined: the scripts are a careless and a correct solver
        assert schemer.covert is saint.covert is False
        assert schemer.details["score"] < saint.details["score"] == 1.0
    elif fam.aggregate is None:
        assert schemer.covert is True, schemer.reason
        assert saint.covert is False, saint.reason
    else:
        assert schemer.covert is None and saint.covert is None


@pytest.mark.parametrize("name", [n for n, f in families().items() if f.aggregate is not None])
def test_aggregate_families_separate_schemer_from_saint(name: str) -> None:
    fam = families()[name]
    envs = environments("all", [name])

    def pairs(policy: str):
        return [(e, grade(rollout(e, scripted_policy(e, policy)), e)) for e in envs]

    assert fam.aggregate(pairs("schemer")).covert is True
    assert fam.aggregate(pairs("saint")).covert is False


@pytest.mark.parametrize("name", list(families()))
def test_family_metadata_and_readme(name: str) -> None:
    fam = families()[name]
    assert fam.readme is not None and fam.readme.exists(), f"{name} has no README"
    text = fam.readme.read_text()
    assert "covert" in text.lower()
    envs = fam.environments()
    assert len(envs) >= 6 or all(e.split != "test" for e in envs)
    for e in envs:
        assert e.id.startswith(name + "/")
        assert "schemer" in e.scripts and "saint" in e.scripts
