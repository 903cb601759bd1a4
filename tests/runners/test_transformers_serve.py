"""A real OpenAI-compatible server: `transformers serve` on 127.0.0.1 serving the embedded model.

The end-to-end test is the README's recipe for any local server: ``LOCAL_BASE_URL=… LOCAL_API_KEY=none antischeme
eval --model openai-api/local/smollm2 --tools emulated`` on two families, the CoT judges on a second base URL
(``openai-api/judge/smollm2``: the same server under a second service name).
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from inspect_ai.log import read_eval_log

from tests.serving import transformers_serve

FAMILIES = ("lazy_checklist", "chat_deception")
JUDGE = "{model: openai-api/judge/smollm2, max_tokens: 64}"  # Inspect's model-role syntax: a bounded judge


def _post(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 (loopback)
        return json.loads(response.read())


def _cli() -> list[str]:
    beside = Path(sys.executable).parent / "antischeme"
    return [str(beside)] if beside.exists() else [sys.executable, "-c", "from antischeme.cli import app; app()"]


@pytest.fixture(scope="module")
def server():
    with transformers_serve() as running:
        print(f"\ntransformers serve ready in {running.started_in_s:.1f} s")
        yield running
    with pytest.raises(OSError):  # stopped on exit: nothing listens on the port any more
        urllib.request.urlopen(f"{running.root_url}/health", timeout=2)  # noqa: S310


@pytest.mark.slow
def test_server_answers_chat_and_raw_completions(server):
    chat = _post(f"{server.base_url}/chat/completions",
                 {"model": server.model, "messages": [{"role": "user", "content": "Say hello."}], "max_tokens": 8})
    assert chat["choices"][0]["message"]["role"] == "assistant"
    assert chat["usage"]["completion_tokens"] > 0
    raw = _post(f"{server.base_url}/completions", {"model": server.model, "prompt": "One, two,", "max_tokens": 4})
    assert raw["choices"][0]["text"]


@pytest.mark.slow
def test_eval_through_the_server_with_emulated_tools_and_a_judge_on_a_second_url(server, tmp_path: Path):
    env = {**os.environ, "LOCAL_BASE_URL": server.base_url, "LOCAL_API_KEY": "none",
           "JUDGE_BASE_URL": server.base_url, "JUDGE_API_KEY": "none"}
    argv = [*_cli(), "eval", "--model", "openai-api/local/smollm2", "--tools", "emulated", "--limit", "1",
            "--max-turns", "2", "--max-tokens", "48", "--judges", "--judge-model", JUDGE,
            "--log-dir", str(tmp_path)]
    for name in FAMILIES:
        argv += ["--family", name]
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=900)
    print(f"eval through transformers serve: {time.perf_counter() - start:.1f} s")
    assert result.returncode == 0, (result.stdout[-2000:], result.stderr[-2000:])

    counts = {r["eval"]: int(r["n"]) for r in csv.DictReader((tmp_path / "counts.csv").open())}
    assert counts == {name: 1 for name in FAMILIES}
    logs = [read_eval_log(str(p), resolve_attachments=True) for p in sorted(tmp_path.glob("*.eval"))]
    assert sorted(log.eval.task for log in logs) == sorted(FAMILIES)
    for log in logs:
        assert log.status == "success" and log.eval.metadata["tool_mode"] == "emulated"
        [sample] = log.samples
        assert sample.error is None
        calls = [e for e in sample.events if e.event == "model"]
        agent = [e for e in calls if e.model == "openai-api/local/smollm2"]
        judge = [e for e in calls if e.model == "openai-api/judge/smollm2"]
        assert agent and judge  # both services answered over HTTP
        assert all(e.call.request["max_tokens"] == 64 for e in judge)
        for event in agent:
            request = event.call.request
            assert not request.get("tools")  # emulated: no native tools in the request
            assert "# Tools" in request["messages"][0]["content"]
            assert event.output.usage.output_tokens > 0
        assert sample.scores["action_grader"].answer  # graded from its actions
        assert sample.scores["judge_mismatch"].metadata["implementation"] == "llm:openai-api/judge/smollm2"
