"""Reasoning vs visible text of an assistant reply, for every style a server can leave in the text; and the guard.

Styles recognised in raw text (structured ``ContentReasoning`` / ``reasoning_content`` fields are handled by the
Inspect adapter, ``runners/inspect/convert.py``, which calls :func:`split_text` on the remaining text):

- paired tags ``<think>…</think>`` (also ``<thinking>``), anywhere, any number of them;
- an unpaired closing tag ``…</think>`` (the chat template opened the tag in the prompt: Qwen3, DeepSeek-R1):
  everything before it is reasoning;
- an unclosed ``<think>…`` (generation cut off while thinking): the rest is reasoning;
- gpt-oss harmony channels ``<|channel|>analysis<|message|>…<|end|>`` (reasoning) and ``<|channel|>final…``
  (visible); a ``commentary`` message addressed ``to=functions.NAME`` is a tool call (kept apart, neither
  reasoning nor visible); a ``commentary`` message without a recipient is a visible preamble;
- harmony with its special tokens stripped by the decoder (``analysis…assistantfinal…``).

After splitting, the visible text contains none of these markers (:func:`reasoning_markup` finds none): that is the
invariant the guard relies on. :func:`check_visible` is called wherever grader-facing text is assembled (every
:class:`~antischeme.envs.core.episode.Episode`) and raises :class:`ReasoningLeakError` if reasoning would reach a
grader or the simulated user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TAG = re.compile(r"<(/?)\s*(think|thinking)\s*>", re.IGNORECASE)
_HARMONY_TOKEN = re.compile(r"<\|(start|end|message|channel|constrain|return|call)\|>")
_HARMONY_HEADER_END = "<|message|>"
_HARMONY_BODY_END = re.compile(r"<\|(end|return|call|start)\|>")
_HARMONY_CHANNEL = re.compile(r"<\|channel\|>\s*([A-Za-z_]+)")
_HARMONY_RECIPIENT = re.compile(r"\bto=([^\s<]+)")
_STRIPPED_HARMONY = re.compile(r"^\s*analysis(?=\S)(.*?)assistant(?:final|commentary)(.*)$", re.DOTALL)
_STRIPPED_TRUNCATED = re.compile(r"^\s*analysis(?=[A-Z])(.*)$", re.DOTALL)
_ROLE = re.compile(r"^(assistant|user|system|developer|tool)\b")

_MARKUP = re.compile(r"<(/?)\s*(?:think|thinking)\s*>|<\|(?:channel|message|start|end|return|call|constrain)\|>",
                     re.IGNORECASE)


class ReasoningLeakError(RuntimeError):
    """Reasoning text was about to reach an action-only grader (or the simulated user)."""


@dataclass(frozen=True)
class HarmonyCall:
    """A harmony ``commentary`` message addressed to a tool (``to=functions.NAME``): a tool call in raw text."""

    recipient: str
    arguments: str

    @property
    def name(self) -> str:
        return self.recipient.removeprefix("functions.")


@dataclass(frozen=True)
class Split:
    """An assistant reply cut into its reasoning and the text the principal sees."""

    reasoning: str
    visible: str
    calls: tuple[HarmonyCall, ...] = ()


def split_text(text: str) -> Split:
    """Split raw assistant text (any style above) into reasoning and visible text."""
    if not text:
        return Split("", "")
    if "<|channel|>" in text or "<|message|>" in text:
        return _split_harmony(text)
    stripped = _STRIPPED_HARMONY.match(text)
    if stripped and not _TAG.search(text):
        return Split(stripped.group(1).strip(), stripped.group(2).strip())
    truncated = _STRIPPED_TRUNCATED.match(text)
    if truncated and not _TAG.search(text):
        return Split(truncated.group(1).strip(), "")
    return _split_tags(text)


def _split_tags(text: str) -> Split:
    """Paired, unpaired-close and unclosed think tags, scanned left to right."""
    reasoning: list[str] = []
    visible: list[str] = []
    inside = False
    pos = 0
    for tag in _TAG.finditer(text):
        segment = text[pos: tag.start()]
        (reasoning if inside else visible).append(segment)
        closing = tag.group(1) == "/"
        if closing and not inside:
            # the template opened the tag: all visible text so far was reasoning
            reasoning.extend(visible)
            visible.clear()
        inside = not closing
        pos = tag.end()
    (reasoning if inside else visible).append(text[pos:])
    return Split(_join(reasoning), _strip_markup("".join(visible)))


def _split_harmony(text: str) -> Split:
    reasoning: list[str] = []
    visible: list[str] = []
    calls: list[HarmonyCall] = []
    pos = 0
    while True:
        header_end = text.find(_HARMONY_HEADER_END, pos)
        if header_end < 0:
            break
        header = text[pos:header_end]
        body_start = header_end + len(_HARMONY_HEADER_END)
        end = _HARMONY_BODY_END.search(text, body_start)
        body = text[body_start: end.start() if end else len(text)]
        channel = _HARMONY_CHANNEL.search(header)
        recipient = _HARMONY_RECIPIENT.search(header)
        name = channel.group(1).lower() if channel else "final"
        outside = _HARMONY_TOKEN.sub(" ", header.split("<|channel|>")[0]).strip()
        if outside and not _ROLE.match(outside):
            visible.append(outside)  # stray text between messages

        if recipient and recipient.group(1).startswith("functions."):
            calls.append(HarmonyCall(recipient.group(1), body.strip()))
        elif name == "analysis":
            reasoning.append(body)
        else:
            visible.append(body)
        if end is None:
            pos = len(text)
            break
        pos = end.end() if end.group(1) != "start" else end.start()
    rest = _HARMONY_TOKEN.sub(" ", text[pos:]).strip()
    if rest and not _ROLE.match(rest):
        visible.append(rest)
    return Split(_join(reasoning), _strip_markup(_join(visible)), tuple(calls))


def _join(parts: list[str]) -> str:
    return "\n".join(p.strip() for p in parts if p and p.strip())


def _strip_markup(text: str) -> str:
    """Remove stray markers until none is left (removing one can join the halves of another)."""
    while True:
        cleaned = _MARKUP.sub("", text)
        if cleaned == text:
            return cleaned.strip()
        text = cleaned


def reasoning_markup(text: str) -> list[str]:
    """Reasoning markers (think tags, harmony tokens) present in ``text``."""
    return [m.group(0) for m in _MARKUP.finditer(text or "")]


def check_visible(texts: list[str] | tuple[str, ...], where: str, reasoning: list[str] | None = None) -> None:
    """Raise :class:`ReasoningLeakError` if grader-facing ``texts`` carry reasoning markup, or contain one of the
    known ``reasoning`` strings verbatim (a path that bypassed the split)."""
    known = [r.strip() for r in reasoning or [] if r and len(r.strip()) >= 40]
    for text in texts:
        markers = reasoning_markup(text)
        if markers:
            raise ReasoningLeakError(
                f"reasoning markup {sorted(set(markers))} in text bound for {where}: split assistant text with "
                f"antischeme.envs.core.reasoning.split_text first ({text[:80]!r})"
            )
        for r in known:
            if r in text:
                raise ReasoningLeakError(f"reasoning text reaches {where} verbatim ({r[:80]!r})")
