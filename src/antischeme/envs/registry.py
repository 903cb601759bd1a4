"""Suites and splits: discovers every family package under ``antischeme.envs.families`` (each defines FAMILY)."""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import re
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


def _key(name: str) -> str:
    """``"Lazy Checklist"``, ``lazy-checklist`` and ``lazy_checklist`` all give ``lazy_checklist``."""
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    """Normalised family id, paper title and Inspect task name -> family id (ambiguous titles left out)."""
    out: dict[str, str] = {}
    titles: dict[str, set[str]] = {}
    for name, fam in families().items():
        out[_key(name)] = name
        titles.setdefault(_key(fam.title), set()).add(name)
    for key, names in titles.items():
        if len(names) == 1 and key not in out:
            out[key] = next(iter(names))
    return out


def resolve_family(name: str) -> str:
    """The family id for an id, a paper title ("Lazy Checklist") or a hyphenated task name (``lazy-checklist``)."""
    fams = families()
    if name in fams:
        return name
    aliases = _aliases()
    key = _key(str(name))
    if key in aliases:
        return aliases[key]
    close = sorted({aliases[c] for c in difflib.get_close_matches(key, list(aliases), n=3, cutoff=0.6)})
    hint = f"; did you mean {' or '.join(close)}?" if close else f"; known families: {', '.join(fams)}"
    raise UnknownNameError(f"unknown family {name!r}{hint}")


def family(name: str) -> Family:
    """A family by id, paper title or hyphenated name (see ``resolve_family``)."""
    return families()[resolve_family(name)]


_BUILT: dict[str, tuple[Environment, ...]] = {}


def _built(fam: Family) -> tuple[Environment, ...]:
    """A family's environments, built once per process."""
    if fam.name not in _BUILT:
        _BUILT[fam.name] = tuple(fam.environments())
    return _BUILT[fam.name]


def _family_envs(name: str) -> tuple[Environment, ...]:
    return _built(family(name))


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


@lru_cache(maxsize=None)
def _package_envs(name: str) -> dict[str, Environment]:
    """Environments of the family whose package is ``name``, importing only that package (empty if none)."""
    if not name.isidentifier() or name.startswith("_"):
        return {}
    try:
        module = importlib.import_module(f"{_families_pkg.__name__}.{name}")
    except ImportError:
        return {}
    fam = getattr(module, "FAMILY", None)
    if not isinstance(fam, Family) or fam.name != name:
        return {}
    return {e.id: e for e in _built(fam)}


def environment(env_id: str) -> Environment:
    """An environment by id; the family part may be a title or hyphenated (``lazy-checklist/...``)."""
    fast = _package_envs(env_id.split("/", 1)[0]).get(env_id) if isinstance(env_id, str) else None
    if fast is not None:
        return fast
    index = _by_id()
    if env_id not in index and "/" in env_id:
        head, _, rest = env_id.partition("/")
        try:
            env_id = f"{resolve_family(head)}/{rest}"
        except UnknownNameError:
            pass
    if env_id not in index:
        fam = env_id.split("/", 1)[0]
        hint = [i for i in index if i.startswith(fam + "/")][:5]
        more = f"; e.g. {', '.join(hint)}" if hint else f"; known families: {', '.join(families())}"
        raise UnknownNameError(f"unknown environment id {env_id!r}{more}")
    return index[env_id]
