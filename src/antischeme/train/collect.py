"""Stage 1 — collect: roll a model out on training environments WITH the spec in the system prompt.

K samples per environment (Inspect epochs) through the same Inspect path as evaluation (``family_task`` +
``inspect_ai.eval``); every episode is graded from its actions and rewarded by replaying them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from antischeme.envs.registry import environment, environments, families
from antischeme.train.lineage import EMBEDDED_BASE, make_lineage
from antischeme.train.reward import reward_source, transcript_reward
from antischeme.train.rollouts import ROLLOUTS_FILE, Rollout, write_rollouts

DEFAULT_MODEL = "antischeme/smollm2"


class CollectError(RuntimeError):
    """Collection could not produce rollouts (no environments, or every task failed)."""


@dataclass
class CollectConfig:
    """Settings of ``antischeme train collect``."""

    out_dir: str = "runs/collect"
    """Where logs/, rollouts.jsonl and lineage.json go."""
    model: str = DEFAULT_MODEL
    """The model being trained (the student); it also collects unless ``teacher`` is set."""
    model_args: dict[str, str] = field(default_factory=dict)
    """Provider arguments of the collecting model (e.g. ``model_path``, ``adapter``)."""
    teacher: str | None = None
    """Another Inspect model to collect with (distillation), e.g. ``antischeme/saint``."""
    suite: str = "train"
    families: list[str] = field(default_factory=list)
    """Families to collect on; default: every family with environments in ``suite``."""
    variants: str | None = None
    env_ids: list[str] = field(default_factory=list)
    limit: int | None = None
    """At most N environments per family."""
    samples: int = 4
    """K: samples per environment (Inspect epochs)."""
    max_turns: int = 8
    max_tokens: int | None = 256
    temperature: float = 0.8
    seed: int = 0
    max_connections: int | None = None
    max_retries: int = 2
    """Retries of one failed model request."""
    timeout: int | None = None
    """Seconds one model request may take, retries included (default: 120 for remote APIs, none in process)."""
    display: str | None = None
    """Inspect display (``none``, ``plain``, ``full``); default: Inspect's."""
    tools: str | None = None
    """How the collector gets the tools: ``native`` or ``emulated``; default: emulated for the embedded model,
    native otherwise (``runners/inspect/tool_modes.py``)."""

    @property
    def collector(self) -> str:
        return self.teacher or self.model


def base_model_name(model: str, model_args: dict[str, Any]) -> str:
    """How lineage names a model: its local folder if any, the embedded model, or the Inspect model string."""
    if model_args.get("model_path"):
        return str(model_args["model_path"])
    if model in ("antischeme/smollm2", "antischeme/local"):
        return EMBEDDED_BASE
    return model


def select_families(suite: str, names: list[str]) -> list[str]:
    """Families to collect on; every named one must have environments in the suite."""
    if names:
        missing = [n for n in names if not environments(suite, [n])]
        if missing:
            raise CollectError(f"no {suite!r} environments in {', '.join(missing)}")
        return list(names)
    found = [n for n in families() if environments(suite, [n])]
    if not found:
        raise CollectError(
            f"no family has {suite!r} environments yet; pass e.g. --suite test --family lazy_checklist"
        )
    return found


def collect(cfg: CollectConfig) -> Path:
    """Run the collection; returns the path of ``rollouts.jsonl``."""
    from inspect_ai import eval as inspect_eval

    from antischeme.runners.inspect.logs import samples
    from antischeme.runners.inspect.run import display_mode, request_timeout
    from antischeme.runners.inspect.task import family_task, variant_mismatch
    from antischeme.runners.inspect.tool_modes import resolve_tool_mode
    from antischeme.spec import load_spec

    tool_mode = resolve_tool_mode(cfg.tools, cfg.collector)
    timeout = request_timeout(cfg.timeout, cfg.collector)
    names = select_families(cfg.suite, cfg.families)
    out = Path(cfg.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tasks = []
    for name in names:
        ids = [i for i in cfg.env_ids if environment(i).family == name] or None
        if cfg.env_ids and ids is None:
            continue
        if cfg.variants and variant_mismatch(name, cfg.suite, cfg.variants):
            continue  # --variants applies to the families that have the factor and level
        tasks.append(family_task(name, with_spec=True, split=cfg.suite, variants=cfg.variants, env_ids=ids,
                                 max_turns=cfg.max_turns, tool_mode=tool_mode))
    if not tasks:
        raise CollectError("no environment selected" + (f" (variants {cfg.variants!r} match no family of "
                                                         f"suite {cfg.suite!r})" if cfg.variants else ""))
    teacher_args = {} if cfg.teacher else dict(cfg.model_args)
    logs = inspect_eval(
        tasks, model=cfg.collector, model_args=teacher_args, limit=cfg.limit, epochs=cfg.samples,
        log_dir=str(out / "logs"), max_tokens=cfg.max_tokens, temperature=cfg.temperature, seed=cfg.seed,
        max_connections=cfg.max_connections, max_retries=cfg.max_retries, timeout=timeout, attempt_timeout=timeout,
        fail_on_error=False, display=cfg.display or display_mode(),
    )
    spec_hash = load_spec().hash
    rollouts: list[Rollout] = []
    errors = []
    for log in logs:
        if log.status != "success":
            errors.append(f"{log.eval.task}: {log.status} {log.error.message if log.error else ''}".strip())
        for s in samples(log):
            env = environment(s.env_id)
            rollouts.append(Rollout(
                id=f"{s.env_id}#{s.epoch}", env_id=s.env_id, family=env.family, split=env.split,
                factors=dict(env.factors), epoch=s.epoch, model=cfg.collector, with_spec=True, spec_hash=spec_hash,
                verdict=s.verdict, reward=transcript_reward(s.transcript, env), reward_fn=reward_source(env.family),
                log=str(s.log), transcript=s.transcript,
            ))
    if not rollouts:
        raise CollectError("collection produced no graded rollouts" + (f": {'; '.join(errors)}" if errors else ""))
    path = out / ROLLOUTS_FILE
    write_rollouts(path, rollouts)
    make_lineage(
        "collect", base_model=base_model_name(cfg.model, cfg.model_args), data=[path],
        env_ids=[r.env_id for r in rollouts], seeds={"collect": cfg.seed}, spec_hash=spec_hash,
        config={**asdict(cfg), "collector": cfg.collector, "errors": errors,
                "reward_fns": {n: reward_source(n) for n in names}},
    ).save(out)
    return path
