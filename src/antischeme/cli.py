"""The antischeme command line: one typer app; each subcommand is a thin call into a subsystem."""

from __future__ import annotations

import typer

from antischeme.commands._errors import OneLineErrors

app = typer.Typer(
    cls=OneLineErrors,
    help="Stress-testing anti-scheming training of LLM agents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Subsystems register their commands here, one import each (kept lazy-light: heavy imports inside commands).
from antischeme.commands import register_all  # noqa: E402

register_all(app)


def run_in_process(argv: list[str]) -> int:
    """Run one ``antischeme`` command line in this process (stages that call ``eval``); its exit code."""
    from typer.main import get_command

    try:
        code = get_command(app).main(argv, standalone_mode=False)
    except SystemExit as exc:  # a command that exits instead of returning
        code = exc.code
    return int(code or 0)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
