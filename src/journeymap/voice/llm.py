"""A local language model's second pass over a drafted map: each step named and described from its quotes.

``journeymap draft ... --llm-url http://localhost:8080/v1`` sends each drafted
step (its proposed name and up to :data:`QUOTES` of its quotes) to an
OpenAI-compatible chat endpoint (llama.cpp's ``llama-server``, Ollama, vLLM)
and asks for a short step name and a one-sentence description in the map's
language. Only what the model returns for a known step is taken, as text
(names up to :data:`MAX_NAME` characters); quotes, pains, emotions and their
sources stay as the extractive draft found them, and the map stays
*proposed*. Transcripts are private: the server must be on this machine or
a private network (loopback, 10/8, 172.16/12, 192.168/16, IPv6 local
addresses), never the internet.

>>> endpoint("http://localhost:8080/v1")
'http://localhost:8080/v1/chat/completions'
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
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from ..errors import DataSourceError
from ..i18n import gettext as _
from ..model import Journey

QUOTES = 5
"""Quotes of a step sent to the model."""
MAX_NAME = 80
"""Characters a step name from the model may have; a longer one is not taken."""
MAX_DESCRIPTION = 300
"""Characters a step description from the model may have; a longer one is not taken."""
MAX_ANSWER = 1_000_000
"""Bytes of the model's answer read at most."""
TIMEOUT_SECONDS = 120.0

_PROMPT = (
    "You edit a draft customer journey map written from interviews. For each step you get its draft name and "
    "quotes from customers. Return JSON only: {\"steps\": [{\"id\": ..., \"name\": ..., \"description\": ...}]}, "
    "one entry per step id you were given. name: what the customer does at this step, 2 to 6 words, starting with a verb. "
    "description: one sentence on what happens there, from the quotes only. Write both in the language named 'language'."
)


class _Step(BaseModel):
    id: str
    name: str = ""
    description: str = ""


class _Answer(BaseModel):
    steps: list[_Step]


def endpoint(url: str) -> str:
    """Return the chat-completions address of the server at ``url``, refusing one outside this machine or private network."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DataSourceError(_("--llm-url {url}: write the server's address, e.g. http://localhost:8080/v1").format(url=url))
    if not _is_private(parts.hostname):
        message = _("--llm-url {url}: the server must be on this machine or your private network (transcripts stay private); run a local one such as llama.cpp's llama-server or Ollama")
        raise DataSourceError(message.format(url=url))
    path = parts.path.rstrip("/")
    return url.rstrip("/") if path.endswith("/chat/completions") else url.rstrip("/") + "/chat/completions"


def improve_steps(journey: Journey, url: str, *, model: str = "local", timeout: float = TIMEOUT_SECONDS) -> int:
    """Rename and describe ``journey``'s steps with the model at ``url``; return how many steps it changed.

    Raises :class:`~journeymap.errors.DataSourceError` naming what went wrong (no server, an error
    answer, text that is not the JSON asked for); the map is then left as it was.
    """
    address = endpoint(url)
    steps = {step.id: step for step in journey.steps}
    if not steps:
        return 0
    answer = _answer(address, _request(journey, model), url, timeout)
    changed = 0
    for proposal in answer.steps:
        step = steps.get(proposal.id)
        name, description = proposal.name.strip(), proposal.description.strip()
        if step is None:
            continue
        if name and len(name) <= MAX_NAME and name != step.name:
            step.name, changed = name, changed + 1
        if description and len(description) <= MAX_DESCRIPTION:
            step.description = description
    return changed


def _request(journey: Journey, model: str) -> dict[str, Any]:
    steps = [{"id": step.id, "name": step.name, "quotes": [evidence.text for evidence in step.evidence[:QUOTES]]} for step in journey.steps]
    content = json.dumps({"language": journey.language, "steps": steps}, ensure_ascii=False)
    return {
        "model": model,
        "temperature": 0,
        "response_format": {"type": "json_object"},
        "messages": [{"role": "system", "content": _PROMPT}, {"role": "user", "content": content}],
    }


def _answer(address: str, request: dict[str, Any], url: str, timeout: float) -> _Answer:
    body = json.dumps(request).encode("utf-8")
    call = urllib.request.Request(address, data=body, headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(call, timeout=timeout) as response:  # noqa: S310 (http(s) to a private address only: see endpoint())
            raw = response.read(MAX_ANSWER + 1)
    except urllib.error.HTTPError as error:
        raise DataSourceError(_("--llm-url {url}: the server answered {status} {reason}").format(url=url, status=error.code, reason=error.reason)) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise DataSourceError(_("--llm-url {url}: no answer ({reason}); is the server running?").format(url=url, reason=reason)) from None
    try:
        if len(raw) > MAX_ANSWER:
            raise ValueError("too long")
        content = json.loads(raw)["choices"][0]["message"]["content"]
        return _Answer.model_validate(json.loads(_json_part(content)))
    except (ValueError, KeyError, IndexError, TypeError, ValidationError):
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
