"""A local language model's second pass over a drafted map: steps named, described and merged, goals phrased, quotes chosen.

``journeymap draft ... --llm-url http://localhost:8080`` sends the drafted
steps (each with its proposed name, goals and up to :data:`QUOTES` of its
quotes, numbered) in one request to an OpenAI-compatible chat endpoint
(llama.cpp's ``llama-server``, Ollama, vLLM: ``POST {url}/v1/chat/completions``;
the model is the one asked for, else the first ``GET {url}/v1/models`` lists,
else ``local``). The answer must be one JSON object (:class:`Answer`):

.. code-block:: json

    {"steps": [{"id": "waits-for-delivery", "name": "Waits for the courier",
                "description": "The parcel comes late.", "same_as": null,
                "goals": [{"text": "Know when the parcel comes", "quotes": [7]}],
                "quotes": [7, 8]}]}

What is taken, and only for the steps the draft has: a name (up to
:data:`MAX_NAME` characters) and a description (up to
:data:`MAX_DESCRIPTION`), as text; ``same_as``, another step's id, merges a
duplicate step into that one (its quotes, goals, thoughts, pains and gains
move there; a step the map refers to elsewhere, or one merged itself, is not
merged); goals in the model's words, each kept only with at least one quote
it comes from, which goes on the step's evidence; ``quotes``, the step's best
evidence, put first. A quote is a number the request gave or the exact text of
a quote of the draft: the model cannot add a quote, so every quote on the map
still names the file and line it was said on. What does not trace is dropped
and counted (:class:`Improvement`). The map stays *proposed*.

Transcripts are private: the server must be on this machine or a private
network (loopback, 10/8, 172.16/12, 192.168/16, IPv6 local addresses), never
the internet. The requests go through the standard library's ``urllib``, so
``draft`` needs no extra (httpx comes only with the ``web`` extra).

>>> endpoint("http://localhost:8080")
'http://localhost:8080/v1/chat/completions'
>>> endpoint("http://localhost:11434/v1/")
'http://localhost:11434/v1/chat/completions'
>>> endpoint("https://8.8.8.8/v1")
Traceback (most recent call last):
...
journeymap.errors.DataSourceError: --llm-url https://8.8.8.8/v1: the server must be on this machine or your private network (transcripts stay private); run a local one such as llama.cpp's llama-server or Ollama
"""

from __future__ import annotations

import ipaddress
import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from ..errors import DataSourceError
from ..i18n import gettext as _
from ..model import Evidence, Journey, Step

QUOTES = 5
"""Quotes of a step sent to the model."""
GOALS = 3
"""Goals of a step taken from the model at most."""
MAX_NAME = 80
"""Characters a step name from the model may have; a longer one is not taken."""
MAX_DESCRIPTION = 300
"""Characters a step description or a goal from the model may have; a longer one is not taken."""
MAX_ANSWER = 1_000_000
"""Bytes of the model's answer read at most."""
TIMEOUT_SECONDS = 120.0
"""Seconds to wait for the model's answer by default."""
DEFAULT_MODEL = "local"
"""The model asked for when none is given and the server lists none."""

_PROMPT = (
    "You edit a draft customer journey map written from interviews. You get its steps: id, draft name, goals, and numbered "
    "quotes (what customers said). Return JSON only, one entry per step id you were given: "
    '{"steps": [{"id": "...", "name": "...", "description": "...", "same_as": null, '
    '"goals": [{"text": "...", "quotes": [1]}], "quotes": [1, 2]}]}. '
    "name: what the customer does at this step, 2 to 6 words, starting with a verb. "
    "description: one sentence on what happens there, from the quotes only. "
    "same_as: the id of another step this one duplicates (it is merged into that one), else null. "
    "goals: up to 3 things the customer wants at this step, each with the numbers of the quotes it comes from. "
    "quotes: the numbers of the quotes that show the step best, best first. Never write a quote of your own: give numbers. "
    "Write names, descriptions and goals in the language named 'language'."
)


class Goal(BaseModel):
    """A goal in the model's words and the quotes (numbers or exact texts) it comes from."""

    text: str
    quotes: list[Any] = []


class Proposal(BaseModel):
    """What the model proposes for one step."""

    id: str
    name: str = ""
    description: str = ""
    same_as: str | None = None
    goals: list[Goal] | None = None
    quotes: list[Any] | None = None


class Answer(BaseModel):
    """The JSON object the model must answer."""

    steps: list[Proposal]


@dataclass(frozen=True)
class Improvement:
    """What the model changed on the map, and what of its answer was dropped as not traceable to the interviews."""

    model: str
    renamed: int = 0
    merged: int = 0
    goals: int = 0
    quotes_dropped: int = 0
    goals_dropped: int = 0


def endpoint(url: str) -> str:
    """Return the chat-completions address of the server at ``url``, refusing one outside this machine or private network."""
    return _base(url) + "/chat/completions"


def _base(url: str) -> str:
    """Return the API root (``.../v1``) of the server at ``url``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DataSourceError(_("--llm-url {url}: write the server's address, e.g. http://localhost:8080/v1").format(url=url))
    if not _is_private(parts.hostname):
        message = _("--llm-url {url}: the server must be on this machine or your private network (transcripts stay private); run a local one such as llama.cpp's llama-server or Ollama")
        raise DataSourceError(message.format(url=url))
    root = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    root = root.removesuffix("/chat/completions")
    return root if parts.path.strip("/") else root + "/v1"


def served_model(url: str, *, timeout: float = 10.0) -> str:
    """Return the first model the server at ``url`` lists (``GET /v1/models``), or :data:`DEFAULT_MODEL` where it lists none."""
    call = urllib.request.Request(_base(url) + "/models", headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(call, timeout=timeout) as response:  # noqa: S310 (http(s) to a private address only: see _base())
            listed = json.loads(response.read(MAX_ANSWER))
        name = listed["data"][0]["id"]
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        return DEFAULT_MODEL
    return name if isinstance(name, str) and name.strip() else DEFAULT_MODEL


def improve_steps(journey: Journey, url: str, *, model: str | None = None, timeout: float = TIMEOUT_SECONDS) -> Improvement:
    """Improve ``journey``'s drafted steps with the model at ``url`` (see the module's text); return what changed.

    Raises :class:`~journeymap.errors.DataSourceError` naming what went wrong (no server, no answer in
    ``timeout`` seconds, an error answer, text that is not the JSON asked for); the map is then left as it was.
    """
    address = endpoint(url)
    model = model or served_model(url, timeout=min(timeout, 10.0))
    if not journey.steps:
        return Improvement(model)
    numbered: dict[int, Evidence] = {}
    sent = []
    for step in journey.steps:
        quotes = []
        for evidence in step.evidence[:QUOTES]:
            numbered[len(numbered) + 1] = evidence
            quotes.append({"n": len(numbered), "text": evidence.text})
        sent.append({"id": step.id, "name": step.name, "goals": step.goals, "quotes": quotes})
    answer = _answer(address, _request(journey.language, sent, model), url, timeout)
    return _Editor(journey, numbered, model).apply(answer)


class _Editor:
    """Applies a validated answer to the map, tracing every quote it names."""

    def __init__(self, journey: Journey, numbered: dict[int, Evidence], model: str) -> None:
        self.journey, self.numbered, self.model = journey, numbered, model
        self.by_text = {_normal(evidence.text): evidence for step in journey.steps for evidence in step.evidence}
        self.quotes_dropped = self.goals_dropped = 0

    def apply(self, answer: Answer) -> Improvement:
        steps = {step.id: step for step in self.journey.steps}
        proposals: dict[str, Proposal] = {}
        for proposal in answer.steps:
            if proposal.id in steps:
                proposals.setdefault(proposal.id, proposal)
        merged = self._merge(steps, proposals)
        renamed = goals = 0
        for step_id, proposal in proposals.items():
            if step_id in merged:
                continue
            step = steps[step_id]
            name, description = proposal.name.strip(), proposal.description.strip()
            if name and len(name) <= MAX_NAME and name != step.name:
                step.name, renamed = name, renamed + 1
            if description and len(description) <= MAX_DESCRIPTION:
                step.description = description
            if proposal.quotes is not None:
                chosen = self._traced(proposal.quotes)
                step.evidence = _unique([*chosen, *step.evidence])
            if proposal.goals:
                phrased = self._goals(step, proposal.goals)
                if phrased:
                    step.goals, goals = phrased, goals + len(phrased)
        return Improvement(self.model, renamed, len(merged), goals, self.quotes_dropped, self.goals_dropped)

    def _merge(self, steps: dict[str, Step], proposals: dict[str, Proposal]) -> set[str]:
        """Merge each duplicate step into the step it names; return the ids merged away."""
        referred = json.dumps(self.journey.model_dump(mode="json", exclude={"stages"}), ensure_ascii=False)
        wanted = {step_id: proposal.same_as for step_id, proposal in proposals.items() if proposal.same_as and proposal.same_as != step_id and proposal.same_as in steps}
        merged = set()
        for step_id, target_id in wanted.items():
            if target_id in wanted or f'"{step_id}"' in referred:  # a chain, a loop, or a step the map links to
                continue
            source, target = steps[step_id], steps[target_id]
            target.evidence = _unique([*target.evidence, *source.evidence])
            for lane in ("goals", "thoughts", "pains", "proposed_pains", "gains"):
                setattr(target, lane, list(dict.fromkeys([*getattr(target, lane), *getattr(source, lane)])))
            merged.add(step_id)
        for stage in self.journey.stages:
            stage.steps = [step for step in stage.steps if step.id not in merged]
        return merged

    def _goals(self, step: Step, proposed: list[Goal]) -> list[str]:
        kept: list[str] = []
        for goal in proposed:
            if len(kept) >= GOALS:
                break
            text = goal.text.strip()
            quotes = self._traced(goal.quotes)
            if not text or len(text) > MAX_DESCRIPTION or not quotes:
                self.goals_dropped += 1
                continue
            kept.append(text)
            step.evidence = _unique([*step.evidence, *quotes])
        return list(dict.fromkeys(kept))

    def _traced(self, references: list[Any]) -> list[Evidence]:
        """Return the draft's quotes that ``references`` (numbers sent, or exact texts) name; count the rest as dropped."""
        found = []
        for reference in references:
            evidence = None
            if isinstance(reference, str) and reference.strip().isdigit():
                reference = int(reference)
            if isinstance(reference, int) and not isinstance(reference, bool):
                evidence = self.numbered.get(reference)
            elif isinstance(reference, str):
                evidence = self.by_text.get(_normal(reference))
            if evidence is None:
                self.quotes_dropped += 1
            else:
                found.append(evidence)
        return found


def _normal(text: str) -> str:
    return " ".join(text.strip().strip("\"'“”«»„").split()).casefold()


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    """Return ``evidence`` with each quote (source and text) once, in order."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for item in evidence:
        if (item.source, item.text) not in seen:
            seen.add((item.source, item.text))
            kept.append(item)
    return kept


def _request(language: str, steps: list[dict[str, Any]], model: str) -> dict[str, Any]:
    content = json.dumps({"language": language, "steps": steps}, ensure_ascii=False)
    return {
        "model": model,
        "temperature": 0,
        "response_format": {"type": "json_object"},
        "messages": [{"role": "system", "content": _PROMPT}, {"role": "user", "content": content}],
    }


def _answer(address: str, request: dict[str, Any], url: str, timeout: float) -> Answer:
    body = json.dumps(request).encode("utf-8")
    call = urllib.request.Request(address, data=body, headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(call, timeout=timeout) as response:  # noqa: S310 (http(s) to a private address only: see _base())
            raw = response.read(MAX_ANSWER + 1)
    except urllib.error.HTTPError as error:
        raise DataSourceError(_("--llm-url {url}: the server answered {status} {reason}").format(url=url, status=error.code, reason=error.reason)) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(error, TimeoutError) or isinstance(reason, TimeoutError):
            raise DataSourceError(_("--llm-url {url}: no answer in {seconds:g} s; give it longer with --llm-timeout or use a smaller model").format(url=url, seconds=timeout)) from None
        raise DataSourceError(_("--llm-url {url}: no answer ({reason}); is the server running?").format(url=url, reason=reason)) from None
    try:
        if len(raw) > MAX_ANSWER:
            raise ValueError("too long")
        content = json.loads(raw)["choices"][0]["message"]["content"]
        return Answer.model_validate(json.loads(_json_part(content)))
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, ValidationError):
        raise DataSourceError(_("--llm-url {url}: the answer is not the JSON asked for; try another model").format(url=url)) from None


def _json_part(content: str) -> str:
    """The JSON object in a model's text (some models wrap it in a code fence)."""
    start, end = content.find("{"), content.rfind("}")
    return content[start : end + 1] if start >= 0 and end > start else content


def _is_private(host: str) -> bool:
    """Whether every address ``host`` resolves to is on this machine or a private network."""
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    addresses = {ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos}
    return bool(addresses) and all(address.is_private or address.is_loopback or address.is_link_local for address in addresses)
