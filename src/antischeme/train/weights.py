"""Base weights for training: always a Hugging Face folder (the embedded GGUF is converted once, never trained)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from antischeme.train.lineage import EMBEDDED_BASE


def base_model_path(model_path: str | None) -> str:
    """A local folder or hub id to load; None → the embedded model's converted bf16 folder (converting it once)."""
    if model_path:
        return model_path
    from antischeme.models.local_weights import cache_dir, load

    folder = cache_dir()
    if not (folder / "config.json").exists():
        load()  # one-time GGUF -> HF conversion into the cache folder
    return str(folder)


def base_model_label(model_path: str | None) -> str:
    return model_path or EMBEDDED_BASE


def load_tokenizer(path: str, padding_side: str = "right") -> Any:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(path)
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    tok.padding_side = padding_side
    return tok


def load_causal_lm(path: str, dtype: str = "bfloat16", adapter: str | None = None, trainable_adapter: bool = True,
                   **kwargs: Any) -> Any:
    """The model (optionally with a PEFT adapter attached, trainable) for training."""
    import torch
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(path, dtype=getattr(torch, dtype), **kwargs)
    if adapter:
        if not Path(adapter, "adapter_config.json").exists():
            raise FileNotFoundError(f"no PEFT adapter (adapter_config.json) at {adapter}")
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, adapter, is_trainable=trainable_adapter)
    return model
