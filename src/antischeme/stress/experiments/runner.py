"""Run an experiment's stages in order, resumably: a finished stage leaves ``stages/<name>/stage.json`` (its
parameters' hash and outputs); rerunning skips every finished stage whose hash still matches and redoes the rest.
After every stage, ``manifest.json`` records the lineage of each model and dataset, the spec hash, seeds, versions."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from antischeme.stress.experiments.config import SIZES, ExperimentConfig
from antischeme.stress.experiments.stages import KINDS, RunContext

MARKER = "stage.json"
MANIFEST = "manifest.json"


class ExperimentRunError(RuntimeError):
    """A stage failed; finished stages are kept for the next run."""


def write_json(path: Path, value: Any) -> None:
    """Atomic JSON write (``antischeme.atomic``)."""
    from antischeme.atomic import write_text

    write_text(path, json.dumps(value, indent=1, default=str))


def finished(out: Path, cfg: ExperimentConfig, size: str) -> dict[str, dict[str, Any]]:
    """Markers of the stages already done for this config and size (hash-checked, in order, stopping at a gap)."""
    done: dict[str, dict[str, Any]] = {}
    for stage in cfg.stages:
        marker = out / "stages" / stage.name / MARKER
        if not marker.is_file():
            break
        record = json.loads(marker.read_text())
        if record.get("hash") != cfg.stage_hash(stage, size) or record.get("status") != "done":
            break
        done[stage.name] = record
    return done


def _model_lineage(outputs: dict[str, Any]) -> dict[str, Any] | None:
    from antischeme.train.lineage import read_lineage

    folder = (outputs.get("model") or {}).get("adapter") or (outputs.get("model") or {}).get("model_path")
    lineage = read_lineage(folder) if folder and Path(folder).is_dir() else None
    return lineage.model_dump(mode="json") if lineage else None


def write_manifest(out: Path, cfg: ExperimentConfig, size: str, config_path: str | None,
                   records: dict[str, dict[str, Any]]) -> Path:
    from antischeme.spec import load_spec
    from antischeme.train.lineage import library_versions

    stages = []
    for stage in cfg.stages:
        rec = records.get(stage.name)
        stages.append({"name": stage.name, "kind": stage.kind, "status": rec["status"] if rec else "pending",
                       "hash": cfg.stage_hash(stage, size), "params": cfg.stage_params(stage, size),
                       "seconds": rec.get("seconds") if rec else None, "outputs": rec.get("outputs") if rec else None,
                       "model_lineage": _model_lineage(rec.get("outputs", {})) if rec else None})
    manifest = {"experiment": cfg.name, "config": config_path, "size": size, "spec_hash": load_spec().hash,
                "seed": cfg.seed, "base_model": cfg.model_path or "embedded SmolLM2-135M-Instruct",
                "libraries": library_versions(), "stages": stages,
                "complete": all(s["status"] == "done" for s in stages)}
    path = out / MANIFEST
    write_json(path, manifest)
    return path


def run_experiment(cfg: ExperimentConfig, size: str, out: str | Path, *, config_path: str | None = None,
                   progress: Callable[[str], None] = print) -> Path:
    """Run (or resume) the experiment into ``out``; returns the manifest path."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {', '.join(SIZES)}, got {size!r}")
    out = Path(out)
    existing = out / MANIFEST
    if existing.is_file():
        previous = json.loads(existing.read_text())
        if previous.get("experiment") != cfg.name or previous.get("size") != size:
            raise ExperimentRunError(f"{out} holds experiment {previous.get('experiment')!r} at size "
                                     f"{previous.get('size')!r}; use another --out")
    records = finished(out, cfg, size)
    ctx = RunContext(cfg, size, out, {n: r["outputs"] for n, r in records.items()}, progress)
    write_manifest(out, cfg, size, config_path, records)
    for i, stage in enumerate(cfg.stages, 1):
        head = f"[{i}/{len(cfg.stages)}] {stage.name} ({stage.kind})"
        if stage.name in records:
            progress(f"{head}: done earlier, reused")
            continue
        here = out / "stages" / stage.name
        if here.exists():  # a half-finished or outdated attempt
            shutil.rmtree(here)
        here.mkdir(parents=True)
        ctx.here = here
        progress(f"{head} ...")
        start = time.perf_counter()
        try:
            outputs = KINDS[stage.kind](ctx, cfg.stage_params(stage, size))
        except Exception as e:
            write_json(here / "error.json", {"error": f"{type(e).__name__}: {e}"})
            raise ExperimentRunError(f"stage {stage.name} failed: {type(e).__name__}: {e}") from e
        seconds = round(time.perf_counter() - start, 1)
        record = {"hash": cfg.stage_hash(stage, size), "status": "done", "seconds": seconds, "outputs": outputs}
        write_json(here / MARKER, record)
        records[stage.name] = record
        ctx.outputs[stage.name] = outputs
        write_manifest(out, cfg, size, config_path, records)
        progress(f"{head}: done in {seconds:.1f} s")
    return out / MANIFEST


def status(out: str | Path) -> dict[str, Any]:
    """The manifest of an experiment folder (what is done, what is pending)."""
    path = Path(out) / MANIFEST
    if not path.is_file():
        raise FileNotFoundError(f"{out}: no {MANIFEST} (not an experiment folder)")
    return json.loads(path.read_text())
