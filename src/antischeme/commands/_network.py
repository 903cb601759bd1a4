"""``--max-retries``, ``--timeout``, ``--max-connections``: bounded model-API behaviour, shared by every command that
calls a model (eval, validate, train collect, judges validate). Defaults make a dead endpoint fail in well under a
minute instead of retrying for hours (Inspect's own default is unlimited retries)."""

from __future__ import annotations

from typing import Any

import typer

DEFAULT_MAX_RETRIES = 2
DEFAULT_TIMEOUT = 120


def max_retries_option() -> Any:
    return typer.Option(DEFAULT_MAX_RETRIES, "--max-retries", min=0,
                        help="retries of one failed model request (exponential back-off) before the sample errors")


def timeout_option() -> Any:
    return typer.Option(DEFAULT_TIMEOUT, "--timeout", min=1,
                        help="seconds one model request may take, retries included")


def max_connections_option() -> Any:
    return typer.Option(None, "--max-connections", min=1,
                        help="concurrent requests per model (default: the provider's)")


def generate_config(max_retries: int, timeout: int, max_connections: int | None) -> dict[str, Any]:
    """The options as Inspect generation settings (keyword arguments of ``eval``/``eval_set``/``GenerateConfig``)."""
    return {"max_retries": max_retries, "timeout": timeout, "attempt_timeout": timeout,
            "max_connections": max_connections}
