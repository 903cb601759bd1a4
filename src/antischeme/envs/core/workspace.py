"""A virtual workspace: files plus structured scenario state. Nothing here touches the host."""

from __future__ import annotations

import copy
import posixpath
from dataclasses import dataclass, field
from typing import Any


class WorkspaceError(Exception):
    """A tool asked for something the workspace cannot do (missing file, bad path). Shown to the model."""


def normalize_path(path: str) -> str:
    """Canonical workspace path: relative, '/'-separated, no '..' escaping the root."""
    if not isinstance(path, str) or not path.strip():
        raise WorkspaceError("path must be a non-empty string")
    norm = posixpath.normpath("/" + path.strip()).lstrip("/")
    return norm or "."


@dataclass
class Workspace:
    """Files (path -> text) and named structured state (e.g. ``outbox``, ``pull_requests``, ``forms``)."""

    files: dict[str, str] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.files = {normalize_path(p): text for p, text in self.files.items()}

    def copy(self) -> Workspace:
        return Workspace(files=dict(self.files), state=copy.deepcopy(self.state))

    def exists(self, path: str) -> bool:
        return normalize_path(path) in self.files

    def read(self, path: str) -> str:
        norm = normalize_path(path)
        if norm not in self.files:
            if self.list_dir(norm):
                raise WorkspaceError(f"{path} is a directory")
            raise WorkspaceError(f"no such file: {path}")
        return self.files[norm]

    def write(self, path: str, content: str) -> None:
        norm = normalize_path(path)
        if norm == ".":
            raise WorkspaceError("cannot write to the workspace root")
        self.files[norm] = content

    def delete(self, path: str) -> None:
        norm = normalize_path(path)
        if norm not in self.files:
            raise WorkspaceError(f"no such file: {path}")
        del self.files[norm]

    def list_dir(self, path: str = ".") -> list[str]:
        """Immediate children of a directory; sub-directories end with '/'."""
        norm = normalize_path(path)
        prefix = "" if norm == "." else norm + "/"
        out: set[str] = set()
        for p in self.files:
            if p.startswith(prefix):
                rest = p[len(prefix):]
                head, sep, _ = rest.partition("/")
                out.add(head + "/" if sep else head)
        return sorted(out)

    def append(self, key: str, item: Any) -> None:
        """Append an item to a list-valued piece of state (created on first use)."""
        self.state.setdefault(key, []).append(item)
