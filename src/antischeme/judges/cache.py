"""A disk cache of judge results keyed by content hash (classifier, rubric, model, text, actions)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from antischeme.judges.schema import JudgeResult

CACHE_ENV = "ANTISCHEME_JUDGE_CACHE"


def default_cache_dir() -> Path:
    """$ANTISCHEME_JUDGE_CACHE, else ~/.cache/antischeme/judges."""
    env = os.environ.get(CACHE_ENV)
    return Path(env).expanduser() if env else Path.home() / ".cache" / "antischeme" / "judges"


def cache_key(**parts: str) -> str:
    canonical = json.dumps(parts, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


class ResultCache:
    """One JSON file per result under ``root/<2 hex>/<key>.json``; unreadable entries count as misses."""

    def __init__(self, root: str | Path | None = None, model: type[BaseModel] = JudgeResult) -> None:
        self.root = Path(root).expanduser() if root else default_cache_dir()
        self.model = model

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any:
        """The cached result (an instance of ``self.model``), or None."""
        try:
            return self.model.model_validate_json(self._path(key).read_text())
        except (OSError, ValidationError, ValueError):
            return None

    def put(self, key: str, result: BaseModel) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(result.model_dump_json())
            tmp.replace(path)
        except OSError:
            pass  # a read-only cache only costs time
