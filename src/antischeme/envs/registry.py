"""Suites and splits: discovers every family package under ``antischeme.envs.families`` (each defines FAMILY)."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from antischeme.envs import families as _families_pkg
from antischeme.envs.core.environment import SPLITS, Environment, Family

SUITES: tuple[str, ...] = (*SPLITS, "all")


class UnknownNameError(KeyError):
    """An unknown family, environment or suite name; the message lists what exists."""

    def __str__(self) -> str:
        return str(self.args[0])


@lru_cache(maxsize=1)
def families() -> dict[str, Family]:
    """All families by name, in a stable order."""
    found: dict[str, Family] = {}
    for info in sorted(pkgutil.iter_modules(_families_pkg.__path__), key=lambda m: m.name):
        if not info.ispkg or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{_families_pkg.__name__}.{info.name}")
        fam = getattr(module, "FAMILY", None)
        if not isinstance(fam, Family):
            raise TypeError(f"family package {info.name} must define FAMILY: Family")
        if fam.name in found:
            raise ValueError(f"two families named {fam.name}")
        found[fam.name] = fam
    return found


def family(name: str) -> Family:
    fams = families()
    if name not in fams:
        raise UnknownNameError(f"unknown family {name!r}; known families: {', '.join(fams)}")
    return fams[name]


@lru_cache(maxsize=None)
def _family_envs(name: str) -> tuple[Environment, ...]:
    return tuple(family(name).environments())


def environments(suite: str = "test", family_names: list[str] | None = None) -> list[Environment]:
    """Environments of a suite (a split, or 'all'), optionally restricted to some families."""
    if suite not in SUITES:
        raise UnknownNameError(f"unknown suite {suite!r}; choose one of {', '.join(SUITES)}")
    names = family_names or list(families())
    out: list[Environment] = []
    for n in names:
        out += [e for e in _family_envs(family(n).name) if suite == "all" or e.split == suite]
    return out


@lru_cache(maxsize=1)
def _by_id() -> dict[str, Environment]:
    index: dict[str, Environment] = {}
    for name in families():
        for e in _family_envs(name):
            if e.id in index:
                raise ValueError(f"environment id {e.id} defined twice")
            index[e.id] = e
    return index


def environment(env_id: str) -> Environment:
    index = _by_id()
    if env_id not in index:
        fam = env_id.split("/", 1)[0]
        hint = [i for i in index if i.startswith(fam + "/")][:5]
        more = f"; e.g. {', '.join(hint)}" if hint else f"; known families: {', '.join(families())}"
        raise UnknownNameError(f"unknown environment id {env_id!r}{more}")
    return index[env_id]
