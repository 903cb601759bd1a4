"""Load, render and hash the anti-scheming specification (AS1-AS5, GP1-GP4)."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, field_validator

PRINCIPLE_IDS: tuple[str, ...] = ("AS1", "AS2", "AS3", "AS4", "AS5", "GP1", "GP2", "GP3", "GP4")


class Principle(BaseModel, frozen=True):
    """One principle of the spec, e.g. AS1."""

    id: str
    group: str
    title: str
    text: str


class Spec(BaseModel, frozen=True):
    """The whole specification. `hash` identifies its exact content and is recorded in every run."""

    name: str
    version: int
    preamble: str
    principles: list[Principle] = Field(min_length=1)

    @field_validator("principles")
    @classmethod
    def _unique_ids(cls, value: list[Principle]) -> list[Principle]:
        ids = [p.id for p in value]
        if len(set(ids)) != len(ids):
            raise ValueError(f"duplicate principle ids in spec: {ids}")
        return value

    @property
    def hash(self) -> str:
        """sha256 (first 16 hex digits) of the canonical JSON of the spec."""
        canonical = json.dumps(self.model_dump(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]

    def principle(self, pid: str) -> Principle:
        for p in self.principles:
            if p.id == pid:
                return p
        raise KeyError(f"unknown principle id {pid!r}; known: {[p.id for p in self.principles]}")

    def render(self) -> str:
        """The block placed in a system prompt when the spec is given to the model."""
        lines = ["<anti_scheming_spec>", self.preamble.strip(), ""]
        lines += [f"{p.id} ({p.title}): {p.text.strip()}" for p in self.principles]
        lines.append("</anti_scheming_spec>")
        return "\n".join(lines)


def load_spec(path: str | Path | None = None) -> Spec:
    """Load the shipped spec, or a custom one from a YAML file of the same shape."""
    if path is None:
        return _shipped_spec()
    try:
        data = yaml.safe_load(Path(path).read_text())
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"cannot read spec file {path}: {exc}") from exc
    return Spec.model_validate(data)


@lru_cache(maxsize=1)
def _shipped_spec() -> Spec:
    text = files("antischeme.spec").joinpath("principles.yaml").read_text()
    return Spec.model_validate(yaml.safe_load(text))
