"""A small simulated shell over the workspace: read-only file commands, pipes, and the environment's programs.

Writing files goes through the ``write_file`` tool, so every change to the workspace is one explicit action.
"""

from __future__ import annotations

import fnmatch
import re
import shlex
from typing import TYPE_CHECKING

from antischeme.envs.core.tools import ToolError
from antischeme.envs.core.workspace import WorkspaceError, normalize_path

if TYPE_CHECKING:
    from antischeme.envs.core.environment import Environment
    from antischeme.envs.core.session import Session

_READERS = {"cat", "head", "tail", "grep", "wc", "less", "more"}
_WRITE_HINT = "This sandbox's shell is read-only: use the write_file tool to create or change files."


def run(session: Session, command: str) -> str:
    """Run a command line; ``a | b`` pipes text; ``&&`` and ``;`` run sequentially."""
    if not command.strip():
        raise ToolError("empty command")
    if re.search(r"(^|[^>])>{1,2}(?!&)|\btee\b|\bsed\s+-i|\brm\b|\bmv\b|\bcp\b|\btouch\b|\bmkdir\b", command):
        raise ToolError(_WRITE_HINT)
    outputs = []
    for part in re.split(r"\s*(?:&&|;)\s*", command.strip()):
        if part:
            outputs.append(_pipeline(session, part))
    return "\n".join(o for o in outputs if o)


def _pipeline(session: Session, line: str) -> str:
    text: str | None = None
    for stage in line.split("|"):
        try:
            argv = shlex.split(stage)
        except ValueError as exc:
            raise ToolError(f"cannot parse command: {exc}") from exc
        if not argv:
            raise ToolError("empty command in pipeline")
        text = _command(session, argv, text)
    return text or ""


def _program_path(session: Session, argv: list[str]) -> tuple[str, list[str]] | None:
    programs = session.env.programs
    head = argv[0]
    if head in ("python", "python3", "bash", "sh") and len(argv) > 1:
        head, argv = argv[1], argv[1:]
    cand = normalize_path(head)
    if cand in programs:
        return cand, argv[1:]
    return None


def _command(session: Session, argv: list[str], stdin: str | None) -> str:
    ws = session.workspace
    prog = _program_path(session, argv)
    if prog is not None:
        path, args = prog
        return session.env.programs[path](session, args)
    cmd, args = argv[0], argv[1:]
    flags = [a for a in args if a.startswith("-")]
    paths = [a for a in args if not a.startswith("-")]
    if cmd == "pwd":
        return "/workspace"
    if cmd == "echo":
        return " ".join(args)
    if cmd == "ls":
        target = paths[0] if paths else "."
        if ws.exists(target):
            return normalize_path(target)
        entries = ws.list_dir(target)
        if not entries and normalize_path(target) != ".":
            raise ToolError(f"ls: cannot access '{target}': No such file or directory")
        return "\n".join(entries)
    if cmd == "find":
        root = normalize_path(paths[0]) if paths and not paths[0].startswith("-") else "."
        pattern = args[args.index("-name") + 1] if "-name" in args and args.index("-name") + 1 < len(args) else "*"
        found = [p for p in sorted(ws.files) if (root == "." or p.startswith(root + "/") or p == root)
                 and fnmatch.fnmatch(p.rsplit("/", 1)[-1], pattern)]
        return "\n".join(found)
    if cmd in ("cat", "less", "more"):
        if not paths:
            return stdin or ""
        return "\n".join(_read(session, p) for p in paths)
    if cmd in ("head", "tail"):
        n = 10
        for i, a in enumerate(args):
            if a == "-n" and i + 1 < len(args):
                n = int(args[i + 1]) if args[i + 1].isdigit() else 10
            elif re.fullmatch(r"-\d+", a):
                n = int(a[1:])
        files = [p for p in paths if not p.isdigit()]
        text = _read(session, files[0]) if files else (stdin or "")
        lines = text.splitlines()
        return "\n".join(lines[:n] if cmd == "head" else lines[-n:])
    if cmd == "wc":
        text = _read(session, paths[0]) if paths else (stdin or "")
        return str(len(text.splitlines())) if "-l" in flags else f"{len(text.splitlines())} {len(text.split())} {len(text)}"
    if cmd == "grep":
        if not paths:
            raise ToolError("grep: missing pattern")
        pattern, targets = paths[0], paths[1:]
        rx = re.compile(pattern, re.IGNORECASE if "-i" in flags else 0)
        recursive = any(f in ("-r", "-R", "-rn", "-ri", "-rni", "-rin") for f in flags)
        if not targets:
            if stdin is None and not recursive:
                raise ToolError("grep: no file given")
            if stdin is not None and not recursive:
                return "\n".join(line for line in stdin.splitlines() if rx.search(line))
            targets = ["."]
        hits = []
        for t in targets:
            norm = normalize_path(t)
            files = [norm] if ws.exists(norm) else [p for p in sorted(ws.files) if norm == "." or p.startswith(norm + "/")]
            if not files:
                raise ToolError(f"grep: {t}: No such file or directory")
            for f in files:
                for no, line in enumerate(ws.files[f].splitlines(), 1):
                    if rx.search(line):
                        prefix = f"{f}:" if len(files) > 1 or recursive else ""
                        hits.append(f"{prefix}{no}:{line}" if "-n" in "".join(flags) else f"{prefix}{line}")
        return "\n".join(hits)
    known = "ls, cat, head, tail, grep, wc, find, pwd, echo"
    progs = ", ".join(sorted(session.env.programs)) or "none"
    raise ToolError(f"{cmd}: command not found. Available: {known}; runnable scripts: {progs}")


def _read(session: Session, path: str) -> str:
    try:
        return session.workspace.read(path)
    except WorkspaceError as exc:
        raise ToolError(str(exc)) from exc


def paths_read_by(command: str, env: Environment) -> set[str]:
    """Workspace files a shell command line reads (for graders asking "did the agent look at X?")."""
    out: set[str] = set()
    for stage in re.split(r"\||&&|;", command):
        try:
            argv = shlex.split(stage)
        except ValueError:
            continue
        if not argv:
            continue
        if argv[0] in _READERS:
            args = [a for a in argv[1:] if not a.startswith("-") and not a.isdigit()]
            if argv[0] == "grep":
                args = args[1:]
                if not args:
                    continue
            for a in args:
                norm = normalize_path(a)
                if norm in env.files:
                    out.add(norm)
                else:
                    out |= {p for p in env.files if p.startswith(norm + "/") or norm == "."}
    return out
