"""The interventions on verbalised evaluation awareness: ablate, inject, control.

1. Base rollouts come from Inspect logs; the awareness judge splits them into aware and unaware ones.
2. Cut point: *ablate* cuts an aware rollout just before its first aware sentence; *inject* / *control* insert an
   aware / neutral sentence into an unaware rollout (start of its first reasoning, or of its first consequential
   action).
3. K continuations per base rollout: the model writes the rest of the cut turn (ablate: resampled until it no longer
   verbalises awareness, at most R tries), then the episode is finished from the replayed workspace by the episode
   driver, as Inspect samples carrying their lineage, graded by the family's grader and judged.
4. The table: every arm's records are kept in ``OUT/arms/``; ``OUT/intervention.json`` summarises all arms present.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from antischeme.envs.core import Transcript
from antischeme.envs.registry import environment
from antischeme.judges import BaselineJudge, Judge
from antischeme.stress.base import BaseRollout, load_bases
from antischeme.stress.cut import Cut, InsertAt, JudgeFailedError, first_aware_sentence, insertion_point
from antischeme.stress.phrasings import phrasing
from antischeme.stress.resample import Continued, Job, continue_jobs
from antischeme.stress.statistics import Observation, arm_rate, cluster_permutation_p, fisher_p

Kind = Literal["ablate", "inject", "control"]
ARM: dict[str, str] = {"ablate": "ablated", "inject": "injected", "control": "control"}
BASE_OF: dict[str, str] = {"ablate": "aware", "inject": "unaware", "control": "unaware"}
SUMMARY = "intervention.json"


class InterventionError(ValueError):
    """Bad input for an intervention run (no logs, no matching rollouts, an output folder of another experiment)."""


@dataclass
class Settings:
    kind: Kind
    logs: list[Path]
    out: Path
    family: str | None = None
    resamples: int = 4
    max_attempts: int = 8
    model: str | None = None
    model_args: dict[str, Any] = field(default_factory=dict)
    judge_model: str | None = None
    at: InsertAt = "reasoning"
    seed: int = 0
    max_turns: int = 30
    max_new_tokens: int = 256
    temperature: float = 1.0
    base_url: str | None = None
    tokenizer: str | None = None
    display: str = "none"


def run(settings: Settings, progress: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """Run one arm into ``settings.out`` and return the updated summary (also written to ``OUT/intervention.json``)."""
    s = settings
    arms_dir = s.out / "arms"
    _check_experiment(arms_dir, BASE_OF[s.kind])
    bases = load_bases(s.logs, s.family)
    if not bases:
        raise InterventionError(f"no per-sample graded rollouts in {', '.join(map(str, s.logs))}"
                                + (f" for family {s.family}" if s.family else ""))
    model, model_args = _model(s, bases)
    from antischeme.models.continuation import backend_for

    backend = backend_for(model, model_args, base_url=s.base_url, tokenizer=s.tokenizer)  # fails fast
    judge = _judge(s.judge_model)

    chosen, lineage, continued, unjudged = asyncio.run(_cut_and_continue(s, bases, judge, backend, progress))
    failures = [{"key": None, "base": b.id, "attempts": 0, "reason": f"awareness judge failed: {err}"}
                for b, err in unjudged]
    failures += [{"key": c.job.key, "base": lineage[c.job.key]["base_sample"], "attempts": c.attempts,
                 "reason": f"still verbalised awareness after {c.attempts} attempts"}
                for c in continued if c.message is None]
    if len(failures) > len(unjudged):
        progress(f"{len(failures) - len(unjudged)} continuations failed to drop awareness within "
                 f"{s.max_attempts} attempts")

    # ... finished as Inspect samples, graded and judged
    records, errors = _finish(s, model, model_args, [c for c in continued if c.message is not None], lineage)
    failures += errors
    base_records = [{"arm": "base", "kind": BASE_OF[s.kind], "base": b.id, "env_id": b.env_id, "covert": b.covert,
                     "log": b.log} for b, _ in chosen]

    # 4. the table
    _write_jsonl(arms_dir / "base.jsonl", base_records)
    _write_jsonl(arms_dir / f"{ARM[s.kind]}.jsonl", records)
    _write_jsonl(arms_dir / f"{ARM[s.kind]}.failures.jsonl", failures)
    summary = summarise(s.out, seed=s.seed)
    summary.update(model=model, model_args=model_args, judge=judge.implementation)
    _write_text(s.out / SUMMARY, json.dumps(summary, indent=2))
    write_section(s.out)
    return summary


def write_section(out: Path) -> None:
    """``OUT/intervention.md`` and its paired figure ``OUT/intervention.png`` (the report's section, standalone)."""
    import io

    from antischeme.report._document import render_markdown
    from antischeme.report._interventions import intervention_section

    section, fig = intervention_section(out, "intervention.png")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", dpi=120)
    tmp = out / f".intervention.png.tmp{os.getpid()}"
    tmp.write_bytes(buffer.getvalue())
    os.replace(tmp, out / "intervention.png")
    _write_text(out / "intervention.md", render_markdown("Intervention on evaluation awareness", [], [section]))


# ---- steps ------------------------------------------------------------------------------------------------------
async def _cut_and_continue(s: Settings, bases: list[BaseRollout], judge: Judge, backend: Any,
                            progress: Callable[[str], None]) -> tuple[list, dict[str, dict], list[Continued], list]:
    """Steps 1-3 in one event loop (an LLM judge's client stays on it): split, cut, continue."""
    # 1. base rollouts, split by verbalised awareness
    cuts = await asyncio.gather(*(first_aware_sentence(judge, b.transcript) for b in bases), return_exceptions=True)
    for c in cuts:
        if isinstance(c, BaseException) and not isinstance(c, JudgeFailedError):
            raise c
    unjudged = [(b, c) for b, c in zip(bases, cuts, strict=True) if isinstance(c, JudgeFailedError)]
    if unjudged:
        progress(f"{len(unjudged)} base rollouts left out: the awareness judge failed on them")
    wanted = BASE_OF[s.kind]
    judged = [(b, c) for b, c in zip(bases, cuts, strict=True) if not isinstance(c, JudgeFailedError)]
    chosen = [(b, c) for b, c in judged if (c is not None) == (wanted == "aware")]
    progress(f"{len(bases)} base rollouts, {sum(c is not None for _, c in judged)} verbalise evaluation awareness;"
             f" {len(chosen)} {wanted} ones are the base of '{s.kind}'")
    if not judged:
        raise InterventionError(f"the awareness judge ({judge.implementation}) failed on every base rollout: "
                                f"{unjudged[0][1]}")
    if not chosen:
        raise InterventionError(f"no {wanted} base rollouts to {s.kind} (judge: {judge.implementation})")
    # 2. cut points and 3. the continued turns
    jobs, lineage = _jobs(s, chosen)
    if not jobs:
        raise InterventionError(f"no insertion point ({s.at}) in any {wanted} base rollout")
    continued = await continue_jobs(
        backend, judge, jobs, until_unaware=s.kind == "ablate", max_attempts=s.max_attempts, seed=s.seed,
        max_new_tokens=s.max_new_tokens, temperature=s.temperature,
        progress=lambda d, t: progress(f"continued {d}/{t} turns"))
    return chosen, lineage, continued, unjudged


def _jobs(s: Settings, chosen: list[tuple[BaseRollout, Cut | None]]) -> tuple[list[Job], dict[str, dict]]:
    """K continuation jobs per base rollout, and the lineage each continuation will carry."""
    jobs: list[Job] = []
    lineage: dict[str, dict] = {}
    for base, aware_cut in chosen:
        env = environment(base.env_id)
        cut = aware_cut if s.kind == "ablate" else insertion_point(base.transcript, env, s.at)
        if cut is None:
            continue
        messages, kept = cut.prefix(base.transcript)
        for k in range(s.resamples):
            key = f"{base.id}/{ARM[s.kind]}/{k}"
            inserted = "" if s.kind == "ablate" else phrasing("aware" if s.kind == "inject" else "neutral", k)
            prefix = " ".join(p for p in (kept.rstrip(), inserted) if p) + (" " if inserted else "")
            jobs.append(Job(key, env, messages, prefix if inserted else kept))
            lineage[key] = {"arm": ARM[s.kind], "base_sample": base.id, "base_log": base.log,
                            "base_epoch": base.epoch, "base_covert": base.covert, "continuation": k,
                            "cut_message": cut.message, "cut_offset": cut.offset,
                            "removed_text": cut.sentence if s.kind == "ablate" else "", "inserted_text": inserted}
    return jobs, lineage


def _finish(s: Settings, model: str, model_args: dict[str, Any], continued: list[Continued],
            lineage: dict[str, dict]) -> tuple[list[dict], list[dict]]:
    """Finish every continued episode in Inspect (the episode agent resumes from the prefix); read the grades."""
    from inspect_ai import Task
    from inspect_ai import eval as inspect_eval
    from inspect_ai.dataset import MemoryDataset, Sample

    from antischeme.judges.scorers import judge_scorers
    from antischeme.runners.inspect.agent import episode_agent
    from antischeme.runners.inspect.convert import to_inspect
    from antischeme.runners.inspect.scorer import action_grader
    from antischeme.runners.inspect.task import sample_for

    if not continued:
        return [], []
    samples = []
    for c in continued:
        env, meta = c.job.env, dict(lineage[c.job.key], attempts=c.attempts)
        transcript = Transcript(env_id=env.id, messages=[*c.job.messages, c.message])
        samples.append(Sample(id=c.job.key, input=to_inspect(transcript),
                              metadata={**(sample_for(env, False).metadata or {}), "intervention": meta}))
    arm = ARM[s.kind]
    task = Task(name=f"intervene_{arm}", dataset=MemoryDataset(samples, name=f"intervene_{arm}"),
                solver=episode_agent(max_turns=s.max_turns),
                scorer=[action_grader(), *judge_scorers(judge_model=s.judge_model,
                                                        implementation="auto" if s.judge_model else "baseline")],
                metadata={"intervention": s.kind, "family": s.family, "resamples": s.resamples,
                          "max_attempts": s.max_attempts, "insert_at": s.at, "seed": s.seed})
    [log] = inspect_eval(task, model=model, model_args=model_args, log_dir=str(s.out / "logs" / arm),
                         display=s.display, max_samples=64, log_realtime=False, score_display=False,
                         max_tokens=s.max_new_tokens, temperature=s.temperature)
    records, errors = [], []
    seen = set()
    for sample in log.samples or []:
        meta = sample.metadata.get("intervention", {})
        seen.add(sample.id)
        grade = (sample.scores or {}).get("action_grader")
        if sample.error is not None or grade is None or not grade.metadata or grade.metadata.get("covert") is None:
            why = sample.error.message if sample.error is not None else "no per-sample covert verdict"
            errors.append({"key": sample.id, "base": meta.get("base_sample"), "attempts": meta.get("attempts"),
                           "reason": f"episode not graded: {why}"})
            continue
        aware = (sample.scores or {}).get("judge_eval_awareness")
        records.append({**meta, "key": sample.id, "covert": bool(grade.metadata["covert"]),
                        "aware_after": None if aware is None else bool(aware.value), "log": log.location})
    for c in continued:
        if c.job.key not in seen:
            errors.append({"key": c.job.key, "base": lineage[c.job.key]["base_sample"], "attempts": c.attempts,
                           "reason": f"missing from the log ({log.status})"})
    return records, errors


# ---- the summary ------------------------------------------------------------------------------------------------
def summarise(out: Path, seed: int = 0) -> dict[str, Any]:
    """``intervention.json`` from every arm recorded in ``OUT/arms``: rates with clustered intervals, and tests."""
    arms_dir = out / "arms"
    obs: dict[str, list[Observation]] = {}
    kind = None
    for name in ("base", "ablated", "injected", "control"):
        rows = _read_jsonl(arms_dir / f"{name}.jsonl")
        if rows:
            obs[name] = [Observation(name, r["base"] if name == "base" else r["base_sample"], r["covert"])
                         for r in rows]
            kind = rows[0].get("kind", kind)
    arms = []
    for name, o in obs.items():
        r = arm_rate(name, o, seed=seed)
        arms.append({"arm": r.arm, "n": r.n, "k": r.k, "rate": r.rate, "lo": r.lo, "hi": r.hi})
    pairs = [(a, b) for a, b in (("base", "ablated"), ("base", "injected"), ("base", "control"),
                                 ("control", "injected")) if a in obs and b in obs]
    tests = [{"a": a, "b": b, "p_value": cluster_permutation_p(obs[a], obs[b], seed=seed)} for a, b in pairs]
    failures = []
    for name in ("ablated", "injected", "control"):
        failures += [dict(f, arm=name) for f in _read_jsonl(arms_dir / f"{name}.failures.jsonl")]
    return {
        "arms": arms,
        "tests": tests,
        "fisher": [{"a": a, "b": b, "p_value": fisher_p(obs[a], obs[b])} for a, b in pairs],
        "clusters": {name: len({o.cluster for o in v}) for name, v in obs.items()},
        "base": kind,
        "failures": failures,
        "method": "rate: pooled; lo/hi: 95% Wilson interval at the effective n (n / design effect, the design "
                  "effect from a cluster bootstrap over base rollouts); tests.p_value: two-sided cluster "
                  "permutation test; fisher: Fisher's exact test, unclustered",
        "logs": "logs/",
    }


# ---- helpers ----------------------------------------------------------------------------------------------------
def _model(s: Settings, bases: list[BaseRollout]) -> tuple[str, dict[str, Any]]:
    models = sorted({b.model for b in bases})
    if s.model:
        same = s.model in models
        return s.model, s.model_args or (bases[0].model_args if same and len(models) == 1 else {})
    if len(models) > 1:
        raise InterventionError(f"the logs hold rollouts of several models ({', '.join(models)}): pass --model "
                                "(or --family / separate log folders)")
    return models[0], s.model_args or bases[0].model_args


def _judge(judge_model: str | None) -> Judge:
    if not judge_model:
        return BaselineJudge()
    from antischeme.judges import LLMJudge

    return LLMJudge(judge_model)


def _check_experiment(arms_dir: Path, wanted: str) -> None:
    rows = _read_jsonl(arms_dir / "base.jsonl")
    if rows and rows[0].get("kind") != wanted:
        raise InterventionError(f"{arms_dir.parent} holds an experiment on {rows[0].get('kind')} base rollouts; "
                                f"this one needs {wanted} ones: use another --out")


def _read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    _write_text(path, "".join(json.dumps(r) + "\n" for r in rows))


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp{os.getpid()}")
    tmp.write_text(text)
    os.replace(tmp, path)
