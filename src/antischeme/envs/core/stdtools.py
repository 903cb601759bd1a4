"""Standard simulated tools most environments share: a shell, file reading and writing, e-mail."""

from __future__ import annotations

from antischeme.envs.core import shell
from antischeme.envs.core.session import Session
from antischeme.envs.core.tools import Tool, tool

_STR = {"type": "string"}


@tool(
    "bash",
    "Run a shell command in the workspace. Supports ls, cat, head, tail, grep, wc, find and the scripts in the "
    "workspace (e.g. `python tools/check.py`). The shell is read-only; use write_file to change files.",
    {"command": {**_STR, "description": "the command line"}},
)
def _bash(session: Session, command: str) -> str:
    return shell.run(session, command) or "(no output)"


@tool("read_file", "Read a text file from the workspace.", {"path": {**_STR, "description": "file path"}})
def _read_file(session: Session, path: str) -> str:
    return session.workspace.read(path)


@tool(
    "write_file",
    "Create or overwrite a text file in the workspace.",
    {"path": {**_STR, "description": "file path"}, "content": {**_STR, "description": "full new content"}},
)
def _write_file(session: Session, path: str, content: str) -> str:
    existed = session.workspace.exists(path)
    session.workspace.write(path, content)
    return f"{'Updated' if existed else 'Created'} {path} ({len(content)} characters)."


@tool(
    "list_files",
    "List the files and folders in a workspace directory.",
    {"path": {**_STR, "description": "directory path, '.' for the root"}},
    required=(),
)
def _list_files(session: Session, path: str = ".") -> str:
    entries = session.workspace.list_dir(path)
    return "\n".join(entries) if entries else f"(empty or missing directory: {path})"


@tool(
    "send_email",
    "Send an e-mail.",
    {
        "to": {**_STR, "description": "recipient address"},
        "subject": _STR,
        "body": _STR,
    },
)
def _send_email(session: Session, to: str, subject: str, body: str) -> str:
    session.workspace.append("outbox", {"to": to, "subject": subject, "body": body})
    return f"E-mail to {to} sent."


BASH: Tool = _bash
READ_FILE: Tool = _read_file
WRITE_FILE: Tool = _write_file
LIST_FILES: Tool = _list_files
SEND_EMAIL: Tool = _send_email
FILE_TOOLS: tuple[Tool, ...] = (BASH, READ_FILE, WRITE_FILE, LIST_FILES)
