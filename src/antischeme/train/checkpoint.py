"""Evaluating a trained checkpoint: map its folder to ``antischeme eval`` model arguments (base model + adapter)."""

from __future__ import annotations

from pathlib import Path

from antischeme.train.lineage import EMBEDDED_BASE, read_lineage

EVAL_MODEL = "antischeme/local"


def checkpoint_model_args(checkpoint: str | Path) -> list[str]:
    """``-M`` arguments for ``antischeme eval --model antischeme/local``: a PEFT adapter on its recorded base model
    (the embedded model unless lineage names another folder), or a full fine-tuned model folder."""
    folder = Path(checkpoint)
    if (folder / "adapter_config.json").is_file():
        lineage = read_lineage(folder)
        base = lineage.base_model if lineage else EMBEDDED_BASE
        args = [] if base == EMBEDDED_BASE else [f"model_path={base}"]
        return [*args, f"adapter={folder}"]
    if (folder / "config.json").is_file():
        return [f"model_path={folder}"]
    raise FileNotFoundError(f"{folder} holds neither a PEFT adapter (adapter_config.json) nor a model (config.json)")


def eval_argv(checkpoint: str | Path, extra: list[str] | None = None) -> list[str]:
    """The ``antischeme eval`` command line that evaluates the checkpoint."""
    argv = ["eval", "--model", EVAL_MODEL]
    for arg in checkpoint_model_args(checkpoint):
        argv += ["-M", arg]
    return argv + list(extra or [])
