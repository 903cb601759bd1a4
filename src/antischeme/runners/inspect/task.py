"""One generic Inspect task factory for any family; registered per family as ``antischeme/<family>``."""

from __future__ import annotations

from inspect_ai import Task
from inspect_ai.dataset import MemoryDataset, Sample
from inspect_ai.model import ChatMessageSystem, ChatMessageUser

from antischeme import __version__
from antischeme.envs.core import Environment
from antischeme.envs.core.prompting import system_prompt
from antischeme.envs.registry import UnknownNameError, environments, family
from antischeme.runners.inspect.agent import episode_agent
from antischeme.runners.inspect.scorer import action_grader
from antischeme.runners.inspect.tool_modes import resolve_tool_mode
from antischeme.spec import load_spec


def parse_variants(variants: str | None) -> dict[str, set[str]]:
    """``"nudge=strong,cue=eval|deploy"`` -> ``{"nudge": {"strong"}, "cue": {"eval", "deploy"}}``."""
    out: dict[str, set[str]] = {}
    for part in (variants or "").split(","):
        if not part.strip():
            continue
        key, sep, values = part.partition("=")
        if not sep or not key.strip() or not values.strip():
            raise ValueError(f"bad variant filter {part!r}: expected factor=level[|level...]")
        out.setdefault(key.strip(), set()).update(v.strip() for v in values.split("|"))
    return out


def select_environments(
    name: str, split: str = "test", variants: str | None = None, env_ids: list[str] | None = None
) -> list[Environment]:
    """A family's environments of one split, filtered by factor levels and/or explicit ids."""
    envs = environments(split, [name])
    wanted = parse_variants(variants)
    for key, levels in wanted.items():
        known = {e.factors.get(key) for e in envs} - {None}
        if not known:
            raise UnknownNameError(f"family {name} has no factor {key!r}")
        if levels - known:
            raise UnknownNameError(f"factor {key!r} of {name} has no level(s) {sorted(levels - known)}; "
                                   f"levels: {sorted(known)}")
        envs = [e for e in envs if e.factors.get(key) in levels]
    if env_ids:
        missing = set(env_ids) - {e.id for e in envs}
        if missing:
            raise UnknownNameError(f"not in {name} ({split}): {sorted(missing)}")
        envs = [e for e in envs if e.id in set(env_ids)]
    return envs


def variant_mismatch(name: str, split: str, variants: str | None) -> str | None:
    """Why ``variants`` selects nothing of family ``name`` (it lacks the factor or level), or None if it applies.
    A malformed filter raises ValueError."""
    parse_variants(variants)
    try:
        return None if select_environments(name, split, variants) else f"{name}: no environment matches"
    except UnknownNameError as exc:
        return str(exc)


def _judge_scorers() -> list:
    """Chain-of-thought judges as extra scorers: the ``judge`` model role if bound, else the offline baselines."""
    from antischeme.judges.scorers import judge_scorers

    return judge_scorers()


def default_split(name: str) -> str:
    """``test`` for evaluation families; the first split a training family has otherwise."""
    splits = {e.split for e in family(name).environments()}
    return next(s for s in ("test", "train", "val") if s in splits)


def sample_for(env: Environment, with_spec: bool, policy_prompt: str | None = None) -> Sample:
    """One sample; ``policy_prompt`` (e.g. a prompted schemer/saint instruction for validation) ends the system
    prompt."""
    spec = load_spec() if with_spec else None
    system = system_prompt(env, spec)
    if policy_prompt:
        system = f"{system}\n\n{policy_prompt.strip()}"
    messages = [ChatMessageSystem(content=system)]
    messages += [ChatMessageUser(content=u) for u in env.user_messages]
    return Sample(
        id=env.id,
        input=messages,
        metadata={
            "env_id": env.id,
            "family": env.family,
            "category": env.category,
            "split": env.split,
            "factors": dict(env.factors),
            "env_version": env.version,
        },
    )


def family_task(
    name: str,
    with_spec: bool = False,
    split: str | None = None,
    variants: str | None = None,
    env_ids: list[str] | None = None,
    max_turns: int = 30,
    policy_prompt: str | None = None,
    judges: bool = False,
    tool_mode: str = "native",
) -> Task:
    """The Inspect task of one family: samples = its environments, solver = the episode agent, scorer = grader.
    ``tool_mode``: ``native`` (tools to the provider) or ``emulated`` (tools in text, any model)."""
    fam = family(name)
    split = split or default_split(name)
    envs = select_environments(name, split, variants, env_ids)
    if not envs:
        raise UnknownNameError(f"no environments of {name} match split={split!r} variants={variants!r}")
    spec = load_spec()
    return Task(
        name=name,
        dataset=MemoryDataset([sample_for(e, with_spec, policy_prompt) for e in envs], name=name),
        solver=episode_agent(max_turns=max_turns, tool_mode=resolve_tool_mode(tool_mode, "")),
        scorer=[action_grader(), *_judge_scorers()] if judges else action_grader(),
        version=fam.version,
        metadata={
            "family": fam.name,
            "title": fam.title,
            "category": fam.category,
            "grading": fam.grading,
            "in_headline": fam.in_headline,
            "measures": fam.measures,
            "covert_definition": fam.covert_definition,
            "spec_hash": spec.hash,
            "with_spec": with_spec,
            "policy_prompt": policy_prompt,
            "judges": judges,
            "tool_mode": tool_mode,
            "split": split,
            "variants": variants,
            "family_version": fam.version,
            "antischeme_version": __version__,
        },
    )
