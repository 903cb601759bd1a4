"""Lineage: what every training artefact records about where it came from.

One ``lineage.json`` per stage output: base model, spec hash, data hash, environment ids, seeds, library versions, and
the lineage of the stage's inputs (``parents``), so any checkpoint can be traced back to the rollouts it learned from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import platform
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from antischeme import __version__

LINEAGE_FILE = "lineage.json"
LIBRARIES: tuple[str, ...] = ("torch", "transformers", "trl", "peft", "datasets", "accelerate", "inspect-ai")
EMBEDDED_BASE = "antischeme/smollm2 (SmolLM2-135M-Instruct, embedded)"


class Lineage(BaseModel):
    """Provenance of one stage's output."""

    stage: str
    base_model: str = Field(description="base weights: a local folder, a hub id, or the embedded model")
    spec_hash: str
    data_hash: str | None = Field(default=None, description="sha256 (16 hex) of the stage's main output file(s)")
    env_ids: list[str] = Field(default_factory=list)
    seeds: dict[str, int] = Field(default_factory=dict)
    libraries: dict[str, str] = Field(default_factory=dict)
    config: dict[str, Any] = Field(default_factory=dict)
    parents: dict[str, Lineage] = Field(default_factory=dict, description="lineage of the inputs, by stage")
    created: str = Field(default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    antischeme_version: str = __version__

    def save(self, folder: str | Path) -> Path:
        path = Path(folder) / LINEAGE_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.model_dump_json(indent=1))
        return path


def library_versions() -> dict[str, str]:
    """Installed versions of the training stack (and Python)."""
    out = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def hash_files(paths: Iterable[str | Path]) -> str:
    """sha256 (first 16 hex) over the bytes of the files, in the order given (directories: all files, sorted)."""
    digest = hashlib.sha256()
    for p in map(Path, paths):
        files = sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p]
        for f in files:
            digest.update(f.name.encode() + b"\0")
            with f.open("rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
    return digest.hexdigest()[:16]


def hash_json(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]


def read_lineage(folder: str | Path) -> Lineage | None:
    """The lineage stored in (or directly above) ``folder``, if any."""
    for candidate in (Path(folder) / LINEAGE_FILE, Path(folder).parent / LINEAGE_FILE):
        if candidate.is_file():
            return Lineage.model_validate_json(candidate.read_text())
    return None


def make_lineage(stage: str, *, base_model: str | None, data: Iterable[str | Path] = (), env_ids: Iterable[str] = (),
                 seeds: dict[str, int] | None = None, config: dict[str, Any] | None = None,
                 parents: dict[str, Lineage | None] | None = None, spec_hash: str | None = None) -> Lineage:
    """A lineage record with the shipped spec's hash and the installed library versions filled in."""
    if spec_hash is None:
        from antischeme.spec import load_spec

        spec_hash = load_spec().hash
    data = list(data)
    return Lineage(
        stage=stage,
        base_model=base_model or EMBEDDED_BASE,
        spec_hash=spec_hash,
        data_hash=hash_files(data) if data else None,
        env_ids=sorted(set(env_ids)),
        seeds=seeds or {},
        libraries=library_versions(),
        config=json.loads(json.dumps(config or {}, default=str)),
        parents={k: v for k, v in (parents or {}).items() if v is not None},
    )
