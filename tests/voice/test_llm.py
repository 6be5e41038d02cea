"""A local language model names and describes the drafted steps: a real HTTP server on this machine plays the model."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from journeymap.cli import app
from journeymap.errors import DataSourceError
from journeymap.files import load, new_journey
from journeymap.voice import draft, improve_steps, llm_endpoint, transcripts

INTERVIEWS = Path(__file__).parent / "data" / "interviews"
Answer = Callable[[dict[str, Any]], tuple[int, str]]


class Model:
    """An OpenAI-compatible chat endpoint on 127.0.0.1 whose answer a test chooses; it keeps the requests it got."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.paths: list[str] = []
        self.answer: Answer = lambda request: (200, json.dumps({"steps": []}))
        model = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                model.requests.append(request)
                model.paths.append(self.path)
                status, content = model.answer(request)
                body = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode() if status == 200 else b"{}"
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/v1"

    def steps_sent(self) -> list[dict[str, Any]]:
        return json.loads(self.requests[-1]["messages"][-1]["content"])["steps"]


@pytest.fixture
def model() -> Iterator[Model]:
    served = Model()
    thread = threading.Thread(target=served.server.serve_forever, daemon=True)
    thread.start()
    yield served
    served.server.shutdown()
    served.server.server_close()


@pytest.fixture(scope="module")
def drafted():
    return draft(new_journey("lifecycle"), transcripts([INTERVIEWS / "anna-en.txt"])).journey


def renamed(request: dict[str, Any]) -> tuple[int, str]:
    steps = json.loads(request["messages"][-1]["content"])["steps"]
    return 200, "```json\n" + json.dumps({"steps": [{"id": step["id"], "name": f"Step {n}", "description": f"About {step['name']}."} for n, step in enumerate(steps)]}) + "\n```"


def test_the_model_gets_each_step_with_its_quotes_and_names_and_describes_it(model: Model, drafted):
    journey = drafted.model_copy(deep=True)
    model.answer = renamed
    assert improve_steps(journey, model.url, model="qwen") == len(journey.steps) > 3
    sent = model.steps_sent()
    assert model.paths == ["/v1/chat/completions"] and model.requests[0]["model"] == "qwen"
    assert [step["id"] for step in sent] == [step.id for step in drafted.steps]
    assert all(quotes == [evidence.text for evidence in step.evidence[:5]] for quotes, step in zip((s["quotes"] for s in sent), drafted.steps))
    assert [step.name for step in journey.steps] == [f"Step {n}" for n in range(len(journey.steps))]
    assert [step.description for step in journey.steps] == [f"About {step.name}." for step in drafted.steps]
    assert [step.evidence for step in journey.steps] == [step.evidence for step in drafted.steps]  # quotes and their sources stay


def test_only_text_for_known_steps_within_the_limits_is_taken(model: Model, drafted):
    journey = drafted.model_copy(deep=True)
    first, second = journey.steps[0], journey.steps[1]
    model.answer = lambda request: (200, json.dumps({"steps": [
        {"id": first.id, "name": "x" * 81, "description": "<script>alert(1)</script> Fine."},
        {"id": second.id, "name": "  Compares prices  "},
        {"id": "no-such-step", "name": "Invented"},
    ]}))
    assert improve_steps(journey, model.url) == 1
    assert (journey.steps[0].name, journey.steps[1].name) == (drafted.steps[0].name, "Compares prices")
    assert journey.steps[0].description == "<script>alert(1)</script> Fine."  # text, escaped wherever it is drawn
    assert "Invented" not in [step.name for step in journey.steps]


@pytest.mark.parametrize("status, content, message", [
    (500, "", r"the server answered 500 Internal Server Error$"),
    (200, "I cannot help with that.", r"the answer is not the JSON asked for; try another model$"),
    (200, json.dumps({"steps": "none"}), r"the answer is not the JSON asked for"),
])
def test_a_failing_model_is_one_line_and_leaves_the_map_as_it_was(model: Model, drafted, status, content, message):
    journey = drafted.model_copy(deep=True)
    model.answer = lambda request: (status, content)
    with pytest.raises(DataSourceError, match=message):
        improve_steps(journey, model.url)
    assert journey == drafted


@pytest.mark.parametrize("url, message", [
    ("http://8.8.8.8:8080/v1", "must be on this machine or your private network"),
    ("ftp://localhost/v1", "write the server's address, e.g. http://localhost:8080/v1"),
    ("localhost:8080", "write the server's address"),
])
def test_a_public_or_malformed_address_is_refused_before_anything_is_sent(url, message):
    with pytest.raises(DataSourceError, match=message):
        llm_endpoint(url)


def test_private_addresses_are_accepted_and_the_path_completed():
    assert llm_endpoint("http://192.168.1.5:11434/v1/") == "http://192.168.1.5:11434/v1/chat/completions"
    assert llm_endpoint("http://[::1]:8080/v1/chat/completions") == "http://[::1]:8080/v1/chat/completions"


def test_draft_with_llm_url_writes_the_named_steps(runner, model: Model, tmp_path: Path):
    model.answer = renamed
    output = tmp_path / "drafted.yaml"
    result = runner.invoke(app, ["draft", str(INTERVIEWS / "anna-en.txt"), "-o", str(output), "--llm-url", model.url])
    assert result.exit_code == 0, result.output
    steps = load(output).steps
    assert [step.name for step in steps] == [f"Step {n}" for n in range(len(steps))]
    assert f"renamed {len(steps)} of {len(steps)} steps" in result.stdout


def test_draft_without_a_running_server_writes_the_extractive_draft_and_says_why(runner, model: Model, tmp_path: Path):
    url = model.url
    model.server.shutdown()
    model.server.server_close()
    output = tmp_path / "drafted.yaml"
    result = runner.invoke(app, ["draft", str(INTERVIEWS / "anna-en.txt"), "-o", str(output), "--llm-url", url])
    assert result.exit_code == 0
    assert "is the server running?; the draft is written without the model" in " ".join(result.stderr.split())
    assert load(output).steps


def test_draft_with_a_public_address_stops_with_exit_2_and_writes_nothing(runner, tmp_path: Path):
    output = tmp_path / "drafted.yaml"
    result = runner.invoke(app, ["draft", str(INTERVIEWS / "anna-en.txt"), "-o", str(output), "--llm-url", "https://8.8.8.8/v1"])
    assert result.exit_code == 2
    assert "must be on this machine or your private network" in result.stderr
    assert not output.exists()
