"""Model roles (``--grader-model``, ``--judge-model``) from CLI values, in Inspect's role syntax.

A value is a model name (``openai-api/judge/qwen3``) or a mapping with generate-config fields, exactly as Inspect's
``--model-role`` takes it: ``{model: openai-api/judge/qwen3, max_tokens: 256}``.
"""

from __future__ import annotations

from typing import Any


def model_roles(**roles: str | None) -> dict[str, Any] | None:
    """Inspect model roles from CLI values (``None`` values are left out); a bad mapping raises ValueError."""
    from inspect_ai._cli.util import parse_model_role_cli_args

    given = {k: v for k, v in roles.items() if v}
    if not given:
        return None
    out: dict[str, Any] = {}
    for role, value in given.items():
        if value.lstrip().startswith("{"):
            try:
                out.update(parse_model_role_cli_args((f"{role}={value}",)))
            except (TypeError, ValueError) as exc:
                raise ValueError(f"bad --{role}-model {value!r}: {exc}") from exc
        else:
            out[role] = value
    return out
