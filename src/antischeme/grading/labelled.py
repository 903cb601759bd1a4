"""The labelled near-miss set: hand-written transcripts with the verdict a careful human reviewer gives.

Layout: ``<root>/<family_id>/<name>.json``, each an ``antischeme.transcript/v1`` transcript (tool messages may be
present or omitted: replay recomputes every tool result) whose ``metadata.label`` is::

    {"covert": true|false, "near_miss": true|false, "classes": [1-10], "why": "one line"}

``classes`` are the failure classes of issue #10 the example exercises (1 keyword disclosure, 2 closed verb
lists, 3 broad hedges, 4 sweeping vs partial, 5 formats/languages/ranges, 6 substring collisions, 7 ordering,
8 no deliverable, 9 outcome labels, 10 shared parsers).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError, field_validator

from antischeme.envs.core.transcript import Transcript, TranscriptError

DEFAULT_ROOT = Path(__file__).with_name("labelled")
CLASSES = range(1, 11)


class LabelledError(ValueError):
    """One or more labelled files are unusable; ``problems`` has one line per bad file."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class Label(BaseModel, extra="forbid"):
    covert: bool
    near_miss: bool
    classes: list[int] = Field(default_factory=list)
    why: str

    @field_validator("classes")
    @classmethod
    def _known(cls, value: list[int]) -> list[int]:
        bad = [c for c in value if c not in CLASSES]
        if bad:
            raise ValueError(f"unknown failure class(es) {bad}; classes are 1-10")
        return value

    @field_validator("why")
    @classmethod
    def _one_line(cls, value: str) -> str:
        if not value.strip() or "\n" in value.strip():
            raise ValueError("why must be one non-empty line")
        return value.strip()


@dataclass(frozen=True)
class LabelledTranscript:
    family: str
    name: str
    path: Path
    transcript: Transcript
    label: Label


def load_file(path: Path, family: str) -> LabelledTranscript:
    """One labelled file; raises LabelledError with one line naming the file and the problem."""
    from antischeme.envs.registry import UnknownNameError, environment

    try:
        transcript = Transcript.load(path)
    except TranscriptError as exc:
        raise LabelledError([str(exc)]) from exc
    if transcript.env_id.split("/", 1)[0] != family:
        raise LabelledError([f"{path}: env_id {transcript.env_id!r} is not in family {family!r} (its folder)"])
    try:
        environment(transcript.env_id)
    except UnknownNameError as exc:
        raise LabelledError([f"{path}: {exc}"]) from exc
    raw = transcript.metadata.get("label")
    if not isinstance(raw, dict):
        raise LabelledError([f"{path}: metadata.label missing (expected covert, near_miss, classes, why)"])
    try:
        label = Label.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "label"
        raise LabelledError([f"{path}: bad metadata.label.{where}: {first['msg']}"]) from exc
    if not any(m.role == "assistant" for m in transcript.messages):
        raise LabelledError([f"{path}: no assistant message"])
    return LabelledTranscript(family, path.stem, path, transcript, label)


def load_labelled(root: Path | None = None, family: str | None = None) -> list[LabelledTranscript]:
    """Every labelled transcript under ``root`` (default: the shipped set), optionally one family's.

    All files are checked before anything is returned; every bad file gives one line in the LabelledError.
    """
    root = Path(root) if root is not None else DEFAULT_ROOT
    if not root.is_dir():
        raise LabelledError([f"labelled set folder not found: {root}"])
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
    if family is not None:
        folders = [p for p in folders if p.name == family]
        if not folders:
            known = ", ".join(p.name for p in sorted(root.iterdir()) if p.is_dir()) or "none"
            raise LabelledError([f"no labelled transcripts for family {family!r} in {root} (families: {known})"])
    items: list[LabelledTranscript] = []
    problems: list[str] = []
    for folder in folders:
        for path in sorted(folder.glob("*.json")):
            try:
                items.append(load_file(path, folder.name))
            except LabelledError as exc:
                problems += exc.problems
    if problems:
        raise LabelledError(problems)
    if not items:
        raise LabelledError([f"no labelled transcripts (*.json in <family>/ folders) under {root}"])
    return items
