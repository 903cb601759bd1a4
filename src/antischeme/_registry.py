"""Inspect AI entry point: importing this registers antischeme tasks and the ``antischeme/...`` model provider."""

from antischeme.models.provider import AntischemeAPI  # noqa: F401
from antischeme.runners.inspect.registered import TASKS  # noqa: F401
