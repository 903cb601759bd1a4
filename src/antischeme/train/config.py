"""Config dataclass helpers: ``key=value`` overrides (typed by the dataclass) and logging back-end detection."""

from __future__ import annotations

import dataclasses
import importlib.util
import types
import typing
from collections.abc import Iterable
from typing import Any, TypeVar

import yaml

T = TypeVar("T")


class ConfigError(ValueError):
    """An unknown field or a value of the wrong type."""


def field_names(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


def _coerce(name: str, raw: Any, hint: Any) -> Any:
    origin = typing.get_origin(hint)
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        if raw is None or (isinstance(raw, str) and raw.lower() in ("none", "null", "")):
            return None
        return _coerce(name, raw, args[0]) if len(args) == 1 else raw
    if hint is str:
        return str(raw)
    value = yaml.safe_load(raw) if isinstance(raw, str) else raw
    if hint in (int, float) and isinstance(value, str):  # YAML 1.1 reads "1e-5" as a string
        try:
            value = hint(value)
        except ValueError:
            pass
    if hint is bool and isinstance(value, bool):
        return value
    if hint is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if hint is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if origin is list:
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if isinstance(value, list):
            return value
    if origin is dict and isinstance(value, dict):
        return value
    if hint is Any:
        return value
    raise ConfigError(f"{name}: cannot use {raw!r} as {getattr(hint, '__name__', hint)}")


_AT_LEAST_1 = ("samples", "max_turns", "max_tokens", "limit", "val_limit", "num_generations",
               "per_device_train_batch_size", "gradient_accumulation_steps", "max_length", "max_new_tokens",
               "max_completion_length", "lora_r", "lora_alpha", "logging_steps", "save_steps", "save_total_limit",
               "eval_steps", "val_every", "max_connections", "vllm_tensor_parallel_size")
_AT_LEAST_0 = ("seed", "val_patience", "warmup_steps", "beta", "temperature", "val_min_delta")
RANGES: dict[str, tuple[Any, str]] = {
    **{name: ((lambda v: v >= 1), "at least 1") for name in _AT_LEAST_1},
    **{name: ((lambda v: v >= 0), "at least 0") for name in _AT_LEAST_0},
    "learning_rate": ((lambda v: v > 0), "above 0"),
    "num_train_epochs": ((lambda v: v > 0), "above 0"),
    "val_fraction": ((lambda v: 0 <= v < 1), "in [0, 1)"),
    "lora_dropout": ((lambda v: 0 <= v < 1), "in [0, 1)"),
    "top_p": ((lambda v: 0 < v <= 1), "in (0, 1]"),
    "vllm_gpu_memory_utilization": ((lambda v: 0 < v <= 1), "in (0, 1]"),
    "max_steps": ((lambda v: v == -1 or v >= 1), "at least 1 (or -1: use the epochs)"),
}
"""Allowed values of numeric config fields, by field name (the same meaning in every stage's config)."""


def check_ranges(cfg: Any) -> None:
    """Raise ConfigError for the first numeric field outside its range (None means "not set" and passes)."""
    for f in dataclasses.fields(cfg):
        value = getattr(cfg, f.name)
        rule = RANGES.get(f.name)
        if rule is None or value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        ok, words = rule
        if not ok(value):
            raise ConfigError(f"{type(cfg).__name__}.{f.name} must be {words}, got {value!r}")


def from_dict(cls: type[T], data: dict[str, Any] | None) -> T:
    """An instance of dataclass ``cls`` from a mapping; unknown keys are an error naming the known ones."""
    data = dict(data or {})
    known = field_names(cls)
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ConfigError(f"unknown {cls.__name__} field(s): {', '.join(unknown)}; known: {', '.join(known)}")
    hints = typing.get_type_hints(cls)
    cfg = cls(**{k: _coerce(k, v, hints[k]) for k, v in data.items()})
    check_ranges(cfg)
    return cfg


def load_yaml(path: Any) -> dict[str, Any]:
    """A config file's mapping; an empty file, or one that is not a mapping, is a ConfigError."""
    from pathlib import Path

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not a UTF-8 text file") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {' '.join(str(exc).split())}") from None
    if data is None:
        raise ConfigError(f"{path}: the config file is empty; give at least one field (see configs/train/)")
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of fields, got {type(data).__name__}")
    return data


def override(cfg: T, assignments: Iterable[str]) -> T:
    """A copy of ``cfg`` with ``field=value`` assignments applied (values parsed as YAML, then typed by the field)."""
    updates: dict[str, Any] = {}
    for text in assignments:
        key, sep, value = text.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"bad override {text!r}: expected field=value")
        updates[key.strip().replace("-", "_")] = value
    merged = {**dataclasses.asdict(cfg), **updates}
    return from_dict(type(cfg), merged)


def default_report_to() -> list[str]:
    """TensorBoard / Weights & Biases only when installed (metrics always go to JSON lines as well)."""
    return [name for name, module in (("tensorboard", "tensorboard"), ("wandb", "wandb"))
            if importlib.util.find_spec(module) is not None] or ["none"]
