"""Reading antischeme results back out of Inspect ``.eval`` logs: verdicts, transcripts, counts, aggregates."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from inspect_ai.log import EvalLog, read_eval_log

from antischeme.envs.core import AggregateResult, Transcript, Verdict
from antischeme.envs.registry import UnknownNameError, environment, family
from antischeme.runners.inspect.convert import to_transcript
from antischeme.runners.inspect.log_select import FINISHED, keep_latest, select_logs

SCORER = "action_grader"


@dataclass(frozen=True)
class SampleResult:
    """One graded sample of a log."""

    log: str
    model: str
    family: str
    env_id: str
    epoch: int
    verdict: Verdict
    transcript: Transcript
    partial: bool = False
    """From a log that did not finish (read only when partial logs were asked for)."""


def log_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and directories into ``.eval`` log files; a missing path is an error."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out += sorted(p.rglob("*.eval"))
        elif p.is_file():
            out.append(p)
        else:
            raise FileNotFoundError(f"no such log file or directory: {p}")
    return out


def samples(log: EvalLog) -> Iterator[SampleResult]:
    """Graded samples of one log (samples without an action_grader score are skipped); those of an unfinished log
    are flagged ``partial`` (also in their transcript's metadata)."""
    partial = log.status != FINISHED
    for s in log.samples or []:
        score = (s.scores or {}).get(SCORER)
        if score is None or not score.metadata:
            continue
        env_id = str(s.metadata.get("env_id", s.id))
        yield SampleResult(
            log=log.location,
            model=log.eval.model,
            family=str(s.metadata.get("family", env_id.split("/")[0])),
            env_id=env_id,
            epoch=s.epoch,
            verdict=Verdict.model_validate(score.metadata),
            transcript=to_transcript(s.messages, env_id, model=log.eval.model,
                                     metadata={"epoch": s.epoch, "log": log.location}
                                     | ({"partial": True, "log_status": log.status} if partial else {})),
            partial=partial,
        )


def read_results(paths: Iterable[str | Path], partial: bool = False) -> list[SampleResult]:
    """Graded samples of the finished logs (all logs with ``partial``), each sample once: its latest result."""
    out: list[tuple[str, SampleResult]] = []
    for path in select_logs([str(p) for p in log_paths(paths)], partial=partial).kept:
        log = read_eval_log(path)
        out += [(f"{s.completed_at or ''}|{log.eval.created}", r)
                for s, r in zip(_graded(log), samples(log), strict=True)]
    latest = keep_latest(out, key=lambda x: (x[1].family, x[1].model, x[1].env_id, x[1].epoch), stamp=lambda x: x[0])
    return [r for _, r in latest]


def _graded(log: EvalLog) -> Iterator:
    for s in log.samples or []:
        score = (s.scores or {}).get(SCORER)
        if score is not None and score.metadata:
            yield s


def aggregates(results: Iterable[SampleResult]) -> dict[str, AggregateResult]:
    """Aggregate verdicts of aggregate-graded families present in ``results``."""
    by_family: dict[str, list] = {}
    for r in results:
        by_family.setdefault(r.family, []).append(r)
    out: dict[str, AggregateResult] = {}
    for name, rs in sorted(by_family.items()):
        try:
            fam = family(name)
        except UnknownNameError:
            continue
        if fam.aggregate is not None:
            out[name] = fam.aggregate([(environment(r.env_id), r.verdict) for r in rs])
    return out
