"""The ``--tools native|emulated`` option shared by ``eval``, ``validate`` and ``train collect``."""

from __future__ import annotations

from antischeme.commands._errors import fail

TOOLS_HELP = ("how the model gets the tools: native (the provider's tool calling / the server's tool parser) or "
              "emulated (described in the prompt, calls parsed from text: for servers without a tool parser); "
              "default: emulated for the embedded model, native otherwise")


def tool_mode_option(value: str | None, model: str) -> str:
    """The resolved tool mode, or one clear error line (exit 2) for a bad value."""
    from antischeme.runners.inspect.tool_modes import resolve_tool_mode

    try:
        return resolve_tool_mode(value, model)
    except ValueError as exc:
        fail(str(exc))
