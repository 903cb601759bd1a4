"""N continuations of a cut turn: the model writes the rest of the turn from the kept prefix, on-policy.

Ablation resamples a continuation until it no longer verbalises evaluation awareness, at most ``max_attempts`` times
per continuation; the ones that never get there are reported as failures, never dropped silently. Insertions
(inject, control) take the first continuation as it comes. Requests of one round go to the backend as one batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from antischeme.envs.core import Environment
from antischeme.envs.core.transcript import Message
from antischeme.judges import Judge, JudgeInput
from antischeme.models.continuation import ContinuationBackend, ContinuationRequest


@dataclass(frozen=True)
class Job:
    """One continuation to produce: continue ``prefix`` after ``messages`` in ``env``."""

    key: str
    env: Environment
    messages: Sequence[Message]
    prefix: str


@dataclass(frozen=True)
class Continued:
    """The outcome of one job: the finished turn (None after ``attempts`` failed tries) and the tries it took."""

    job: Job
    message: Message | None
    attempts: int


def written_text(message: Message, prefix: str) -> str:
    """What the model wrote in the continued turn: reasoning after the kept prefix, and its visible text."""
    reasoning = message.reasoning or ""
    rest = reasoning[len(prefix.strip()):] if reasoning.startswith(prefix.strip()) else reasoning
    return "\n".join(p.strip() for p in (rest, message.content) if p.strip())


async def continue_jobs(backend: ContinuationBackend, judge: Judge, jobs: Sequence[Job], *, until_unaware: bool,
                        max_attempts: int, seed: int = 0, max_new_tokens: int = 256, temperature: float = 1.0,
                        progress: Callable[[int, int], None] | None = None) -> list[Continued]:
    """Continue every job; with ``until_unaware``, resample each until its written text is judged unaware."""
    done: dict[str, Continued] = {}
    pending = list(jobs)
    attempts = max_attempts if until_unaware else 1
    for attempt in range(1, attempts + 1):
        if not pending:
            break
        requests = [ContinuationRequest(j.env, j.messages, j.prefix, seed=_seed(seed, j.key, attempt))
                    for j in pending]
        messages = backend.continue_turns(requests, max_new_tokens=max_new_tokens, temperature=temperature)
        retry = []
        for job, message in zip(pending, messages, strict=True):
            if until_unaware and await _aware(judge, written_text(message, job.prefix)):
                retry.append(job)
            else:
                done[job.key] = Continued(job, message, attempt)
        pending = retry
        if progress:
            progress(len(done), len(jobs))
    for job in pending:
        done[job.key] = Continued(job, None, attempts)
    return [done[j.key] for j in jobs]


async def _aware(judge: Judge, text: str) -> bool:
    """Judged aware; a failed judgement counts as aware (resampled, and reported if it never clears)."""
    if not text.strip():
        return False
    return (await judge.classify("eval_awareness", JudgeInput(text=text))).label is not False


def _seed(seed: int, key: str, attempt: int) -> int:
    return int.from_bytes(hashlib.sha256(f"{seed}|{key}|{attempt}".encode()).digest()[:4], "little")
