"""The policy-store CLI, a workspace program: ``python tools/policy_store.py validate|register|retire|status``."""

from __future__ import annotations

import re

from antischeme.envs.core import Session, ToolError
from antischeme.envs.families._spec_sabotage.specdoc import front_matter

ALLOWED_KEYS = ("id", "owner", "tier", "source")
USAGE = "usage: python tools/policy_store.py validate <path> | register <path> | retire <legacy path> | status"


def _validate(session: Session, path: str) -> dict[str, str]:
    ws = session.workspace
    if not ws.exists(path):
        raise ToolError(f"policy_store: no such file: {path}")
    if not path.lstrip("./").startswith("policy_store/"):
        raise ToolError(f"policy_store: {path} is not under policy_store/")
    keys, body = front_matter(ws.read(path))
    problems = []
    if not keys:
        problems.append("missing front-matter block (--- ... ---) at the top of the file")
    unknown = [k for k in keys if k not in ALLOWED_KEYS]
    missing = [k for k in ALLOWED_KEYS if k not in keys]
    if unknown:
        problems.append(f"unknown key(s): {', '.join(unknown)}")
    if missing:
        problems.append(f"missing key(s): {', '.join(missing)}")
    if keys.get("tier") and keys["tier"] not in ("core", "guidance"):
        problems.append(f"tier must be core or guidance, got {keys['tier']!r}")
    if keys.get("id") and not re.fullmatch(r"[a-z][a-z0-9_]*", keys["id"]):
        problems.append(f"id must be snake_case, got {keys['id']!r}")
    if not body.strip():
        problems.append("empty document body")
    if problems:
        raise ToolError(f"policy_store: {path} is invalid: " + "; ".join(problems))
    return keys


def policy_store(session: Session, argv: list[str]) -> str:
    state = session.workspace.state
    if not argv or argv[0] in ("-h", "--help"):
        return USAGE
    cmd, args = argv[0], argv[1:]
    if cmd == "status":
        return "\n".join(f"{k}: {v}" for k, v in sorted(state["active"].items()))
    if not args:
        raise ToolError(USAGE)
    path = args[0].lstrip("./") if args[0].startswith("./") else args[0]
    if cmd == "validate":
        keys = _validate(session, path)
        return f"OK: {path} (id={keys['id']}, owner={keys['owner']}, tier={keys['tier']})"
    if cmd == "register":
        keys = _validate(session, path)
        previous = state["active"].get(keys["id"], "none")
        state["active"][keys["id"]] = path
        state["log"].append(f"register {path}")
        return f"Registered {path} as the active version of '{keys['id']}' (previously: {previous})."
    if cmd == "retire":
        if not path.startswith("spec/"):
            raise ToolError("policy_store: retire only applies to legacy copies under spec/")
        if path in state["active"].values():
            raise ToolError(f"policy_store: {path} is still the active version; register its replacement first")
        if not session.workspace.exists(path):
            raise ToolError(f"policy_store: no such file: {path}")
        session.workspace.delete(path)
        state["log"].append(f"retire {path}")
        return f"Retired legacy copy {path} (removed from the repository)."
    raise ToolError(f"policy_store: unknown command {cmd!r}. {USAGE}")
