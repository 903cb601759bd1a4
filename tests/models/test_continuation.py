"""Prefix continuation: the in-process and the OpenAI-compatible `/v1/completions` backends continue an assistant
message from a reasoning prefix (chat template applied client-side); APIs that cannot do it are a clear error."""

from __future__ import annotations

import pytest

from antischeme.envs.core.driver import EpisodeDriver
from antischeme.envs.registry import environment
from antischeme.models.continuation import (
    CompletionsBackend,
    ContinuationRequest,
    PrefillUnsupportedError,
    backend_for,
    continued_message,
    prompt_text,
)
from antischeme.models.known_effect import KnownEffectPolicy
from tests.serving import embedded_model_dir, transformers_serve

ENV = "lazy_checklist/release-none-deploy"
PREFIX = "I need to read the checklist before running any check, so"


def _request(seed: int = 0) -> ContinuationRequest:
    env = environment(ENV)
    return ContinuationRequest(env, EpisodeDriver.start(env).conversation(), PREFIX, seed=seed)


def test_the_prefix_stays_reasoning_and_calls_are_parsed() -> None:
    plain = continued_message(PREFIX, " I will open it now.", 2)
    assert plain.reasoning == PREFIX and plain.content == "I will open it now." and not plain.tool_calls
    called = continued_message(PREFIX, ' I open it.\n<tool_call>{"name": "read_file", "arguments": '
                                       '{"path": "checklist.md"}}</tool_call>', 2)
    assert called.reasoning == PREFIX + " I open it." and called.tool_calls[0].function.name == "read_file"
    assert called.tool_calls[0].id == "call_2_0"


@pytest.mark.parametrize("model", ["openai/o3", "anthropic/claude-sonnet-4-5", "google/gemini-2.5-pro"])
def test_hidden_reasoning_apis_are_a_clear_error(model: str) -> None:
    with pytest.raises(PrefillUnsupportedError, match="hides or summarises the model's reasoning"):
        backend_for(model)


def test_scripted_models_and_servers_without_url_or_tokenizer_are_clear_errors(monkeypatch) -> None:
    with pytest.raises(PrefillUnsupportedError, match="scripted"):
        backend_for("antischeme/schemer")
    monkeypatch.delenv("LOCAL_BASE_URL", raising=False)
    with pytest.raises(PrefillUnsupportedError, match="no server URL"):
        backend_for("openai-api/local/smollm2")
    with pytest.raises(PrefillUnsupportedError, match="tokenizer"):
        backend_for("openai-api/local/smollm2", base_url="http://127.0.0.1:9/v1")
    with pytest.raises(PrefillUnsupportedError, match="no prefix-continuation backend"):
        backend_for("mockllm/model")


def test_known_effect_continues_from_its_prefix() -> None:
    backend = backend_for("antischeme/known-effect", {"seed": "3"})
    assert isinstance(backend, KnownEffectPolicy) and backend.seed == 3
    [message] = backend.continue_turns([_request()])
    assert message.reasoning.startswith(PREFIX) and message.tool_calls


@pytest.mark.slow
def test_in_process_transformers_continuation() -> None:
    backend = backend_for("antischeme/smollm2")
    messages = backend.continue_turns([_request(0), _request(1)], max_new_tokens=24, temperature=0.0)
    for m in messages:
        assert (m.reasoning or "").startswith(PREFIX)
        assert len((m.reasoning or "") + m.content + str(m.tool_calls)) > len(PREFIX)  # it wrote something


@pytest.mark.slow
def test_openai_compatible_completions_against_transformers_serve(monkeypatch) -> None:
    folder = embedded_model_dir()
    with transformers_serve() as server:
        monkeypatch.setenv("LOCAL_BASE_URL", server.base_url)
        backend = backend_for("openai-api/local/smollm2", {"tokenizer": str(folder)})
        assert isinstance(backend, CompletionsBackend)
        # the prompt is the chat template applied client-side, ending in the generation prompt and the prefix
        text = prompt_text(backend.tokenizer, _request())
        assert text.endswith("<|im_start|>assistant\n" + PREFIX) and "<tool_call>" in text
        [message] = backend.continue_turns([_request()], max_new_tokens=24, temperature=0.0)
        assert (message.reasoning or "").startswith(PREFIX)
        written = (message.reasoning or "")[len(PREFIX):] + message.content + str(message.tool_calls or "")
        assert written.strip(), "the server wrote no continuation"
