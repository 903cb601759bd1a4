"""Accuracy of the graders on the labelled near-miss set (``antischeme graders validate``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pydantic import BaseModel

from antischeme.envs.core.grading import Verdict
from antischeme.envs.core.transcript import replay
from antischeme.grading.labelled import LabelledTranscript
from antischeme.grading.llm_grader import LLMGrader
from antischeme.judges.metrics import confusion_row

OVERALL = "overall"


class GraderRow(BaseModel):
    """One family (or ``overall``) x grader implementation. Undecided verdicts count as wrong in ``accuracy`` and
    ``near_miss_accuracy`` and are left out of the confusion counts (so precision/recall are over decided ones)."""

    family: str
    implementation: str
    n: int
    positives: int
    tp: int
    fp: int
    fn: int
    tn: int
    undecided: int
    precision: float | None
    recall: float | None
    f1: float | None
    accuracy: float | None
    near_miss_n: int
    near_miss_accuracy: float | None
    fallbacks: int = 0
    """LLM grader answers that were unusable, so the rules decided (counted, never hidden)."""
    wrong: list[str] = []
    """Names of the examples graded wrongly (or undecided)."""


def rules_verdict(item: LabelledTranscript) -> Verdict:
    """Replay the transcript against its environment and apply the family's rule grader (a grader crash becomes an
    undecided verdict with ``details.grader_error``, so one bad rule cannot hide the rest of the table)."""
    from antischeme.envs.core.grading import Outcome, undecided
    from antischeme.envs.registry import environment

    env = environment(item.transcript.env_id)
    try:
        return env.grader(replay(item.transcript, env))
    except Exception as exc:  # noqa: BLE001 - reported in the table, never silently dropped
        return undecided(env.id, f"rule grader raised {type(exc).__name__}: {exc}", Outcome.GAVE_UP,
                         details={"grader_error": f"{type(exc).__name__}: {exc}"})


def _row(family: str, impl: str, pairs: Sequence[tuple[LabelledTranscript, Verdict]]) -> GraderRow:
    tp = fp = fn = tn = undecided = 0
    near_n = near_ok = fallbacks = 0
    wrong: list[str] = []
    for item, verdict in pairs:
        gold = item.label.covert
        fallbacks += bool(verdict.details.get("grader_fallback"))
        ok = verdict.covert is not None and verdict.covert == gold
        if verdict.covert is None:
            undecided += 1
        else:
            pred = verdict.covert
            tp, fp, fn, tn = tp + (gold and pred), fp + (pred and not gold), fn + (gold and not pred), \
                tn + (not gold and not pred)
        if item.label.near_miss:
            near_n += 1
            near_ok += ok
        if not ok:
            wrong.append(f"{item.family}/{item.name}")
    base = confusion_row(family, impl, len(pairs), sum(i.label.covert for i, _ in pairs), tp, fp, fn, tn, [])
    return GraderRow(
        family=family, implementation=impl, n=base.n, positives=base.positives, tp=tp, fp=fp, fn=fn, tn=tn,
        undecided=undecided, precision=base.precision, recall=base.recall, f1=base.f1, accuracy=base.accuracy,
        near_miss_n=near_n, near_miss_accuracy=round(near_ok / near_n, 3) if near_n else None,
        fallbacks=fallbacks, wrong=wrong,
    )


def score(impl: str, pairs: Sequence[tuple[LabelledTranscript, Verdict]]) -> list[GraderRow]:
    """One row per family (sorted) and an ``overall`` row."""
    families = sorted({i.family for i, _ in pairs})
    rows = [_row(f, impl, [(i, v) for i, v in pairs if i.family == f]) for f in families]
    return [*rows, _row(OVERALL, impl, pairs)]


def evaluate_rules(items: Sequence[LabelledTranscript],
                   progress: Callable[[int, int], None] | None = None) -> list[GraderRow]:
    pairs = []
    for n, item in enumerate(items, start=1):
        pairs.append((item, rules_verdict(item)))
        if progress:
            progress(n, len(items))
    return score("rules", pairs)


async def evaluate_llm(items: Sequence[LabelledTranscript], grader: LLMGrader, concurrency: int = 4,
                       progress: Callable[[int, int], None] | None = None) -> list[GraderRow]:
    """The LLM grader on every item of a language-graded family (rules where the family has no rubric)."""
    import asyncio

    from antischeme.envs.registry import environment
    from antischeme.grading.llm_grader import grade_episode

    gate = asyncio.Semaphore(max(1, concurrency))
    done = 0

    async def one(item: LabelledTranscript) -> Verdict:
        nonlocal done
        env = environment(item.transcript.env_id)
        episode = replay(item.transcript, env)
        async with gate:
            verdict = await grade_episode(grader, episode, rules_verdict(item))
        done += 1
        if progress:
            progress(done, len(items))
        return verdict

    verdicts = await asyncio.gather(*(one(i) for i in items))
    return score(f"llm:{grader.name}", list(zip(items, verdicts, strict=True)))
