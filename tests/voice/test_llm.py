"""A local language model improves the drafted map: a real HTTP server on 127.0.0.1 plays the model, well and badly."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from journeymap.cli import app
from journeymap.errors import DataSourceError
from journeymap.files import load, new_journey
from journeymap.model import Journey, Link
from journeymap.voice import draft, improve_steps, llm_endpoint, llm_served_model, transcripts

INTERVIEWS = Path(__file__).parent / "data" / "interviews"
Answer = Callable[[dict[str, Any]], tuple[int, str]]


class Model:
    """An OpenAI-compatible server on 127.0.0.1 whose answers a test chooses; it keeps the requests it got."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.paths: list[str] = []
        self.listed: list[str] | None = None  # GET /v1/models: these ids, or 404 when None
        self.raw: bytes | None = None  # a whole response body instead of a chat completion
        self.answer: Answer = lambda request: (200, json.dumps({"steps": []}))
        model = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                model.paths.append(f"GET {self.path}")
                if model.listed is None or self.path != "/v1/models":
                    self.reply(404, b"{}")
                else:
                    self.reply(200, json.dumps({"object": "list", "data": [{"id": name, "object": "model"} for name in model.listed]}).encode())

            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                model.requests.append(request)
                model.paths.append(f"POST {self.path}")
                status, content = model.answer(request)
                body = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode() if status == 200 else b"{}"
                self.reply(status, model.raw if model.raw is not None else body)

            def reply(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.root = f"http://127.0.0.1:{self.server.server_port}"
        self.url = self.root + "/v1"

    def sent(self) -> dict[str, Any]:
        return json.loads(self.requests[-1]["messages"][-1]["content"])


@pytest.fixture
def model() -> Iterator[Model]:
    served = Model()
    thread = threading.Thread(target=served.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield served
    served.server.shutdown()
    served.server.server_close()


@pytest.fixture(scope="module")
def drafted() -> Journey:
    return draft(new_journey("lifecycle"), transcripts([INTERVIEWS / "anna-en.txt"])).journey


def steps_answer(steps: list[dict[str, Any]], fence: bool = False) -> Answer:
    content = json.dumps({"steps": steps}, ensure_ascii=False)
    return lambda request: (200, f"```json\n{content}\n```" if fence else content)


def renamed(request: dict[str, Any]) -> tuple[int, str]:
    steps = json.loads(request["messages"][-1]["content"])["steps"]
    return 200, "```json\n" + json.dumps({"steps": [{"id": step["id"], "name": f"Step {n}", "description": f"About {step['name']}."} for n, step in enumerate(steps)]}) + "\n```"


def assert_every_quote_traces_to_its_line(journey: Journey) -> None:
    for step in journey.steps:
        for quote in step.evidence:
            name, line = quote.source.split("#")[1].rsplit(":", 1)
            assert quote.text.rstrip("…") in (INTERVIEWS / name).read_text(encoding="utf-8").splitlines()[int(line) - 1]


def test_the_model_gets_each_step_with_numbered_quotes_and_names_and_describes_it(model: Model, drafted):
    journey = drafted.model_copy(deep=True)
    model.answer = renamed
    done = improve_steps(journey, model.url, model="qwen")
    assert (done.model, done.renamed, done.merged, done.quotes_dropped) == ("qwen", len(journey.steps), 0, 0)
    assert model.paths == ["POST /v1/chat/completions"] and model.requests[0]["model"] == "qwen"
    sent = model.sent()
    assert sent["language"] == "en"
    assert [step["id"] for step in sent["steps"]] == [step.id for step in drafted.steps]
    numbered = [quote for step in sent["steps"] for quote in step["quotes"]]
    assert [quote["n"] for quote in numbered] == list(range(1, len(numbered) + 1))
    assert [quote["text"] for quote in numbered] == [evidence.text for step in drafted.steps for evidence in step.evidence[:5]]
    assert [step.name for step in journey.steps] == [f"Step {n}" for n in range(len(journey.steps))]
    assert [step.description for step in journey.steps] == [f"About {step.name}." for step in drafted.steps]
    assert [step.evidence for step in journey.steps] == [step.evidence for step in drafted.steps]  # quotes and their sources stay


def test_without_a_model_name_the_first_model_the_server_lists_is_asked_for(model: Model, drafted):
    model.listed = ["qwen2.5-7b-instruct", "llama3.1"]
    improve_steps(drafted.model_copy(deep=True), model.root)  # the server's root: /v1 is added
    assert model.paths == ["GET /v1/models", "POST /v1/chat/completions"]
    assert model.requests[0]["model"] == "qwen2.5-7b-instruct"
    model.listed = None
    assert llm_served_model(model.url) == "local"


def test_only_text_for_known_steps_within_the_limits_is_taken(model: Model, drafted):
    journey = drafted.model_copy(deep=True)
    first, second = journey.steps[0], journey.steps[1]
    model.answer = steps_answer([
        {"id": first.id, "name": "x" * 81, "description": "<script>alert(1)</script> Fine."},
        {"id": second.id, "name": "  Compares prices  "},
        {"id": second.id, "name": "A second answer for the same step"},
        {"id": "no-such-step", "name": "Invented", "same_as": first.id},
    ])
    assert improve_steps(journey, model.url).renamed == 1
    assert (journey.steps[0].name, journey.steps[1].name) == (drafted.steps[0].name, "Compares prices")
    assert journey.steps[0].description == "<script>alert(1)</script> Fine."  # text, escaped wherever it is drawn
    assert [step.id for step in journey.steps] == [step.id for step in drafted.steps]


def test_a_duplicate_step_is_merged_into_the_one_it_names(model: Model, drafted):
    journey = drafted.model_copy(deep=True)
    model.answer = steps_answer([{"id": "searches-online", "same_as": "asks-friends"}, {"id": "asks-friends", "name": "Asks friends or searches online"}])
    done = improve_steps(journey, model.url)
    assert (done.merged, done.renamed) == (1, 1)
    ids = [step.id for step in journey.steps]
    assert "searches-online" not in ids and len(ids) == len(drafted.steps) - 1
    asks = next(step for step in journey.steps if step.id == "asks-friends")
    assert [quote.source for quote in asks.evidence] == ["anna-en.txt#anna-en.txt:3", "anna-en.txt#anna-en.txt:5"]


@pytest.mark.parametrize("merges", [
    [{"id": "asks-friends", "same_as": "searches-online"}, {"id": "searches-online", "same_as": "asks-friends"}],  # a loop
    [{"id": "asks-friends", "same_as": "searches-online"}, {"id": "searches-online", "same_as": "compares-prices"},
     {"id": "compares-prices", "same_as": "asks-friends"}],  # a longer one
    [{"id": "asks-friends", "same_as": "asks-friends"}, {"id": "searches-online", "same_as": "no-such-step"}],
])
def test_merges_that_loop_or_name_no_other_step_are_not_made(model: Model, drafted, merges):
    journey = drafted.model_copy(deep=True)
    model.answer = steps_answer(merges)
    assert improve_steps(journey, model.url).merged == 0
    assert journey == drafted


def test_a_step_the_map_links_to_is_not_merged_away(model: Model, drafted):
    journey = drafted.model_copy(deep=True)
    journey.links = [Link.model_validate({"from": "searches-online", "to": "compares-prices", "kind": "loop"})]
    model.answer = steps_answer([{"id": "searches-online", "same_as": "asks-friends"}])
    assert improve_steps(journey, model.url).merged == 0
    assert "searches-online" in [step.id for step in journey.steps]


def test_goals_are_kept_only_with_a_quote_they_come_from_which_goes_on_the_step(model: Model, drafted):
    journey = drafted.model_copy(deep=True)
    card = next(step for step in drafted.steps if step.id == "finds-the-product-card").evidence[0]
    model.answer = steps_answer([{"id": "pays-for-the-order", "goals": [
        {"text": "Know the size and materials before paying", "quotes": [6, 99]},  # 6: line 8; 99 was never sent
        {"text": "See the product card clearly", "quotes": [card.text.upper()]},  # a quote of another step, by its text
        {"text": "Get a discount", "quotes": ["I was promised a discount by the manager."]},  # invented: no such quote
        {"text": "Pay fast"},  # no quote at all
    ]}])
    done = improve_steps(journey, model.url)
    assert (done.goals, done.goals_dropped, done.quotes_dropped) == (2, 2, 2)
    pays = next(step for step in journey.steps if step.id == "pays-for-the-order")
    assert pays.goals == ["Know the size and materials before paying", "See the product card clearly"]
    assert [quote.source for quote in pays.evidence] == ["anna-en.txt#anna-en.txt:8", "anna-en.txt#anna-en.txt:11", card.source]
    assert_every_quote_traces_to_its_line(journey)


def test_chosen_quotes_come_first_and_invented_ones_are_dropped_and_counted(model: Model, drafted):
    journey = drafted.model_copy(deep=True)
    pays = next(step for step in drafted.steps if step.id == "pays-for-the-order")
    model.answer = steps_answer([
        {"id": "pays-for-the-order", "quotes": [f"  “{pays.evidence[1].text}”  ", "The manager said it was free.", 0, 999, True, None, {"n": 1}, "5"]},
        {"id": "waits-for-delivery", "quotes": ["The courier came on time and smiled."]},
    ])
    done = improve_steps(journey, model.url)
    assert done.quotes_dropped == 7
    step = next(step for step in journey.steps if step.id == "pays-for-the-order")
    card = next(step for step in drafted.steps if step.id == "finds-the-product-card").evidence[0]
    assert [quote.source for quote in step.evidence] == [pays.evidence[1].source, card.source, pays.evidence[0].source]  # "5" is quote 5
    waits = next(step for step in journey.steps if step.id == "waits-for-delivery")
    assert waits.evidence == next(step for step in drafted.steps if step.id == "waits-for-delivery").evidence
    assert "The courier came on time and smiled." not in json.dumps(journey.model_dump(mode="json"))
    assert_every_quote_traces_to_its_line(journey)


@pytest.mark.parametrize("status, content, message", [
    (500, "", r"the server answered 500 Internal Server Error$"),
    (200, "I cannot help with that.", r"the answer is not the JSON asked for; try another model$"),
    (200, json.dumps({"steps": "none"}), r"the answer is not the JSON asked for"),
    (200, json.dumps({"steps": [{"name": "no id"}]}), r"the answer is not the JSON asked for"),
    (200, json.dumps({"steps": [{"id": "asks-friends", "goals": "be happy"}]}), r"the answer is not the JSON asked for"),
    (200, json.dumps([1, 2, 3]), r"the answer is not the JSON asked for"),
])
def test_a_failing_model_is_one_line_and_leaves_the_map_as_it_was(model: Model, drafted, status, content, message):
    journey = drafted.model_copy(deep=True)
    model.answer = lambda request: (status, content)
    with pytest.raises(DataSourceError, match=message) as caught:
        improve_steps(journey, model.url)
    assert "\n" not in str(caught.value) and model.url in str(caught.value)
    assert journey == drafted


@pytest.mark.parametrize("raw", [b"not json at all", b'{"choices": []}', b'{"choices": [{"message": {"content": null}}]}', b"{" + b" " * 1_000_001 + b"}"])
def test_a_broken_or_oversized_response_body_is_not_the_json_asked_for(model: Model, drafted, raw):
    journey = drafted.model_copy(deep=True)
    model.raw = raw
    with pytest.raises(DataSourceError, match="the answer is not the JSON asked for"):
        improve_steps(journey, model.url)
    assert journey == drafted


def test_a_model_that_does_not_answer_in_time_is_named_with_the_fix(model: Model, drafted):
    def slow(request: dict[str, Any]) -> tuple[int, str]:
        time.sleep(1.5)
        return 200, json.dumps({"steps": []})

    model.answer = slow
    journey = drafted.model_copy(deep=True)
    with pytest.raises(DataSourceError, match=r"no answer in 0.3 s; give it longer with --llm-timeout or use a smaller model$"):
        improve_steps(journey, model.url, model="m", timeout=0.3)
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
    assert llm_endpoint("http://127.0.0.1:8080/") == "http://127.0.0.1:8080/v1/chat/completions"
    assert llm_endpoint("http://10.0.0.2/llm/v1") == "http://10.0.0.2/llm/v1/chat/completions"


def test_draft_with_llm_url_writes_the_improved_map_and_counts_what_was_dropped(runner, model: Model, tmp_path: Path):
    model.listed = ["qwen2.5"]
    model.answer = lambda request: (200, json.dumps({"steps": [
        {"id": "searches-online", "same_as": "asks-friends"},
        {"id": "asks-friends", "name": "Asks friends or searches online", "quotes": [3, "A quote nobody said."]},
        {"id": "pays-for-the-order", "goals": [{"text": "Know the size before paying", "quotes": [6]}, {"text": "Pay less", "quotes": []}]},
    ]}))
    output = tmp_path / "drafted.yaml"
    result = runner.invoke(app, ["draft", str(INTERVIEWS / "anna-en.txt"), "-o", str(output), "--llm-url", model.root])
    assert result.exit_code == 0, result.output
    journey = load(output)
    assert "Asks friends or searches online" in [step.name for step in journey.steps]
    assert next(step for step in journey.steps if step.id == "pays-for-the-order").goals == ["Know the size before paying"]
    assert_every_quote_traces_to_its_line(journey)
    said = " ".join(result.stdout.split())
    assert f"The model qwen2.5 at {model.root}: steps renamed: 1 of 11; merged into another: 1; goals phrased: 1; dropped, as not found in the interviews: quotes 1, goals 1." in said


@pytest.mark.parametrize("answer", [lambda request: (200, "Sure! Here is your map: steps are great."), lambda request: (503, "")])
def test_draft_with_a_model_that_answers_badly_writes_the_extractive_draft_and_says_why(runner, model: Model, drafted, tmp_path: Path, answer):
    model.answer = answer
    output = tmp_path / "drafted.yaml"
    result = runner.invoke(app, ["draft", str(INTERVIEWS / "anna-en.txt"), "-o", str(output), "--llm-url", model.url, "--llm-model", "m"])
    assert result.exit_code == 0
    assert "; the draft is written without the model" in " ".join(result.stderr.split())
    assert [step.name for step in load(output).steps] == [step.name for step in drafted.steps]


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


def test_the_command_waits_as_long_as_the_library_by_default():
    import typer

    from journeymap.voice.llm import TIMEOUT_SECONDS

    command = typer.main.get_command(app).commands["draft"]  # type: ignore[attr-defined]
    assert next(param.default for param in command.params if param.name == "llm_timeout") == TIMEOUT_SECONDS


@pytest.mark.parametrize(("name", "language", "invented"), [("olga-ru.txt", "ru", "Курьер привёз всё вовремя и бесплатно."), ("aigul-kk.txt", "kk", "Курьер бәрін уақытында әкелді.")])
def test_quotes_named_by_their_text_trace_in_russian_and_kazakh_and_invented_ones_are_dropped(model: Model, name, language, invented):
    journey = draft(new_journey("lifecycle", language=language), transcripts([INTERVIEWS / name]), languages=["ru", "kk"]).journey
    before = {(quote.source, quote.text) for step in journey.steps for quote in step.evidence}

    def by_text(request: dict[str, Any]) -> tuple[int, str]:
        steps = json.loads(request["messages"][-1]["content"])["steps"]
        answer = [{"id": step["id"], "quotes": [f"«{quote['text'].upper()}»" for quote in reversed(step["quotes"])] + [invented]} for step in steps]
        return 200, json.dumps({"steps": answer}, ensure_ascii=False)

    model.answer = by_text
    done = improve_steps(journey, model.url, model="m")
    assert done.quotes_dropped == len(journey.steps) > 3
    assert {(quote.source, quote.text) for step in journey.steps for quote in step.evidence} == before
    assert all([quote.text for quote in step.evidence] == [quote["text"] for quote in reversed(sent["quotes"])] + [quote.text for quote in step.evidence[len(sent["quotes"]):]]
               for step, sent in zip(journey.steps, model.sent()["steps"]))
    assert_every_quote_traces_to_its_line(journey)
