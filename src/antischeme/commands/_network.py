"""``--max-retries``, ``--timeout``, ``--max-connections``: bounded model-API behaviour, shared by every command that
calls a model (eval, validate, train collect, judges validate). Defaults make a dead endpoint fail in well under a
minute instead of retrying for hours (Inspect's own default is unlimited retries)."""

from __future__ import annotations

from typing import Any

import typer

DEFAULT_MAX_RETRIES = 2


def max_retries_option() -> Any:
    return typer.Option(DEFAULT_MAX_RETRIES, "--max-retries", min=0,
                        help="retries of one failed model request (exponential back-off) before the sample errors")


def timeout_option() -> Any:
    return typer.Option(None, "--timeout", min=1,
                        help="seconds one model request may take, retries included (default: 120 for remote APIs, "
                             "none for the in-process antischeme/ models)")


def max_connections_option() -> Any:
    return typer.Option(None, "--max-connections", min=1,
                        help="concurrent requests per model (default: the provider's)")


def generate_config(max_retries: int, timeout: int | None, max_connections: int | None,
                    model: str | None = None) -> dict[str, Any]:
    """The options as Inspect generation settings (keyword arguments of ``eval``/``eval_set``/``GenerateConfig``);
    ``timeout`` None takes the default for ``model`` (``runners.inspect.run.request_timeout``)."""
    from antischeme.runners.inspect.run import request_timeout

    seconds = request_timeout(timeout, model)
    return {"max_retries": max_retries, "timeout": seconds, "attempt_timeout": seconds,
            "max_connections": max_connections}
