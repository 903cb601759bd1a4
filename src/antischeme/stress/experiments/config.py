"""An experiment as data: ordered stages, each of a known kind with parameters, and per-size overrides.

```yaml
name: hidden_goal
description: ...
stages:
  - {name: sab, kind: implant, params: {...}}
  - {name: sab_as, kind: align, params: {from: sab, ...}}
  - {name: evaluate, kind: evaluate, params: {arms: {base: base, SAB: sab, ...}, ...}}
sizes:
  tiny: {sab: {max_steps: 1}, evaluate: {limit: 1}}
```
A stage's parameters are its ``params`` updated by ``sizes[size][stage name]``; ``from`` names an earlier stage
whose trained model the stage starts from (``base`` = the base model). ``extends: other.yaml`` (relative to the file)
starts from another experiment file and deep-merges this one over it (GPU variants of the CPU experiments).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Size = Literal["tiny", "toy", "full"]
SIZES: tuple[str, ...] = ("tiny", "toy", "full")
StageKind = Literal["implant", "align", "capability_rl", "evaluate", "redteam", "report"]


class ExperimentConfigError(ValueError):
    """An experiment file that cannot be used (one line, for the CLI)."""


class StageSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    kind: StageKind
    params: dict[str, Any] = Field(default_factory=dict)


class ExperimentConfig(BaseModel):
    """One declared experiment (see the module docstring)."""

    model_config = ConfigDict(extra="forbid")
    name: str
    extends: str | None = Field(None, description="the file this one was merged over (informational)")
    description: str = ""
    measures: str = Field("", description="what the experiment measures, for `experiment list` and the report")
    model_path: str | None = Field(None, description="base weights; default: the embedded SmolLM2")
    seed: int = 0
    stages: list[StageSpec]
    sizes: dict[Size, dict[str, dict[str, Any]]] = Field(default_factory=dict)
    expected_wall_time: dict[Size, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _check(self) -> ExperimentConfig:
        names = [s.name for s in self.stages]
        if not names:
            raise ValueError("an experiment needs at least one stage")
        if len(set(names)) != len(names):
            raise ValueError(f"duplicate stage names: {names}")
        seen: set[str] = {"base"}
        for s in self.stages:
            refs = [s.params.get("from")] + list((s.params.get("arms") or {}).values())
            for ref in refs:
                if ref is not None and ref not in seen:
                    raise ValueError(f"stage {s.name!r} refers to {ref!r}, which is not an earlier stage or 'base'")
            seen.add(s.name)
        for size, overrides in self.sizes.items():
            unknown = set(overrides) - set(names)
            if unknown:
                raise ValueError(f"sizes.{size} overrides unknown stages: {sorted(unknown)}")
        return self

    def stage_params(self, stage: StageSpec, size: str) -> dict[str, Any]:
        """The stage's parameters for ``size`` (``params`` updated by the size's overrides)."""
        return {**stage.params, **self.sizes.get(size, {}).get(stage.name, {})}  # type: ignore[call-overload]

    def stage_hash(self, stage: StageSpec, size: str) -> str:
        """Identity of a stage's work: kind, parameters and everything upstream (for resuming)."""
        upstream = self.stages[: self.stages.index(stage) + 1]
        blob = [(s.name, s.kind, self.stage_params(s, size)) for s in upstream]
        return hashlib.sha256(json.dumps([blob, self.model_path, self.seed], sort_keys=True, default=str)
                              .encode()).hexdigest()[:16]


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _read(p: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    if not p.is_file():
        raise ExperimentConfigError(f"no such experiment file: {p}")
    if p.resolve() in seen:
        raise ExperimentConfigError(f"{p}: 'extends' loops back to itself")
    try:
        data = yaml.safe_load(p.read_text())
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise ExperimentConfigError(f"{p}: not valid YAML ({e.__class__.__name__})") from None
    if not isinstance(data, dict) or not data:
        raise ExperimentConfigError(f"{p}: empty or not a mapping")
    if isinstance(data.get("extends"), str):
        parent = (p.parent / data["extends"]).resolve()
        data = _merge({k: v for k, v in _read(parent, (*seen, p.resolve())).items() if k != "extends"}, data)
    return data


def load_experiment(path: str | Path) -> ExperimentConfig:
    """Read and validate an experiment YAML file (following ``extends``)."""
    p = Path(path)
    data = _read(p)
    try:
        return ExperimentConfig.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "(top level)"
        raise ExperimentConfigError(f"{p}: {where}: {first['msg']}") from None
