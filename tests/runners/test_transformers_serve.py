"""A real OpenAI-compatible server: `transformers serve` on 127.0.0.1 serving the embedded model."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.serving import transformers_serve


def _post(url: str, body: dict) -> dict:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
        return json.loads(response.read())


@pytest.mark.slow
def test_server_answers_chat_and_raw_completions_and_stops():
    with transformers_serve() as server:
        assert server.base_url.startswith("http://127.0.0.1:") and server.base_url.endswith("/v1")
        chat = _post(f"{server.base_url}/chat/completions",
                     {"model": server.model, "messages": [{"role": "user", "content": "Say hello."}],
                      "max_tokens": 8})
        assert chat["choices"][0]["message"]["role"] == "assistant"
        assert chat["usage"]["completion_tokens"] > 0
        raw = _post(f"{server.base_url}/completions", {"model": server.model, "prompt": "One, two,", "max_tokens": 4})
        assert raw["choices"][0]["text"]
        root = server.root_url
    with pytest.raises(OSError):  # stopped on exit: nothing listens on the port any more
        urllib.request.urlopen(f"{root}/health", timeout=2)  # noqa: S310
