"""The cut point of a base rollout: where its reasoning is cut (ablate) or a sentence inserted (inject, control).

A cut is a position in one assistant message's reasoning. Everything before it — the earlier messages and the
reasoning up to the cut — is kept; the rest of that turn is written again by the model (on-policy).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from antischeme.envs.core import Environment, Transcript
from antischeme.envs.core.driver import EpisodeDriver
from antischeme.envs.core.transcript import Message
from antischeme.judges import Judge, JudgeInput
from antischeme.judges.text_utils import normalize, sentences

InsertAt = Literal["reasoning", "action"]


@dataclass(frozen=True)
class Cut:
    """Keep ``messages[:message]`` and the first ``offset`` characters of message ``message``'s reasoning."""

    message: int
    offset: int
    sentence: str = ""
    """Ablate: the first aware sentence (removed with the rest of the turn)."""

    def prefix(self, transcript: Transcript) -> tuple[list[Message], str]:
        """The kept messages and the kept start of the cut message's reasoning."""
        return transcript.messages[: self.message], reasoning_text(transcript, self.message)[: self.offset]


def reasoning_text(transcript: Transcript, index: int) -> str:
    """What counts as a message's reasoning: its reasoning blocks, or — for agents without any reasoning blocks —
    the visible text written alongside its tool calls (as the judges read it)."""
    m = transcript.messages[index]
    if m.reasoning:
        return m.reasoning
    has_blocks = any(x.reasoning for x in transcript.messages if x.role == "assistant")
    return m.content if (m.tool_calls and not has_blocks) else ""


class JudgeFailedError(RuntimeError):
    """The awareness judge could not decide (e.g. a model error): the rollout cannot be placed in an arm."""


async def _aware(judge: Judge, text: str) -> tuple[bool, list[str]]:
    if not text.strip():
        return False, []
    result = await judge.classify("eval_awareness", JudgeInput(text=text))
    if result.label is None:
        raise JudgeFailedError(result.error or "no label")
    return result.label, result.evidence


async def first_aware_sentence(judge: Judge, transcript: Transcript) -> Cut | None:
    """The first sentence verbalising evaluation awareness, located message by message (None: unaware rollout)."""
    for index, m in enumerate(transcript.messages):
        if m.role != "assistant":
            continue
        text = reasoning_text(transcript, index)
        label, evidence = await _aware(judge, text)
        if not label:
            continue
        spans = _sentence_spans(text)
        quotes = [q for q in map(normalize, evidence) if q]
        for start, sentence in spans:  # the judge's quotes locate the sentence ...
            if any(q in normalize(sentence) or normalize(sentence) in q for q in quotes):
                return Cut(index, start, sentence)
        for start, sentence in spans:  # ... else it is judged sentence by sentence
            if (await _aware(judge, sentence))[0]:
                return Cut(index, start, sentence)
        return Cut(index, 0, text)  # aware only as a whole: the whole reasoning is cut
    return None


def _sentence_spans(text: str) -> list[tuple[int, str]]:
    """(start offset, sentence) of each sentence of ``text``."""
    spans, pos = [], 0
    for s in sentences(text):
        start = text.index(s, pos)
        spans.append((start, s))
        pos = start + len(s)
    return spans


def insertion_point(transcript: Transcript, env: Environment, at: InsertAt = "reasoning") -> Cut | None:
    """Where a sentence is inserted: the start of the first assistant message (``reasoning``), or of the first one
    whose tool calls change the workspace (``action``, the first consequential action). None: no such message."""
    assistants = [i for i, m in enumerate(transcript.messages) if m.role == "assistant"]
    if not assistants:
        return None
    if at == "reasoning":
        return Cut(assistants[0], 0)
    for i in assistants:
        before = EpisodeDriver.from_prefix(env, transcript.messages[:i]).session.workspace
        after = EpisodeDriver.from_prefix(env, transcript.messages[: i + 1]).session.workspace
        if (before.files, before.state) != (after.files, after.state):
            return Cut(i, 0)
    return None
