"""Registers one Inspect task per family, so ``inspect eval antischeme/<family>`` works."""

from __future__ import annotations

from collections.abc import Callable

from inspect_ai import Task, task

from antischeme.envs.registry import families
from antischeme.runners.inspect.task import family_task


def _make(name: str) -> Callable[..., Task]:
    def factory(
        with_spec: bool = False,
        split: str | None = None,
        variants: str | None = None,
        max_turns: int = 30,
        judges: bool = False,
        tool_mode: str = "native",
    ) -> Task:
        return family_task(name, with_spec=with_spec, split=split, variants=variants, max_turns=max_turns,
                           judges=judges, tool_mode=tool_mode)

    factory.__name__ = name
    factory.__qualname__ = name
    factory.__doc__ = f"antischeme family {name}: {families()[name].title}."
    return task(name=name)(factory)


TASKS: dict[str, Callable[..., Task]] = {name: _make(name) for name in families()}
