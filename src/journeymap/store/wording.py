"""The difference between two versions of a map in the words of the map, in the reader's language.

:func:`describe` compares two maps part by part (the map's own fields,
personas, stages, steps and every field and lane of a step, custom lanes,
links, insights, opportunities) and returns one :class:`Described` change per
difference, each with a sentence a person reads: ``Step 'Asks friends':
emotion −1 → 0``, ``Stage 'Purchase': step 'Pays' added``, ``Map: title 'A'
→ 'B'``. Parts are matched by id, so a renamed step is a changed name and a
step moved to another stage is a move.

>>> old = {"title": "Shop", "stages": [{"name": "Buy", "steps": [{"name": "Asks friends", "emotion": {"actual": -1}}]}]}
>>> new = {"title": "Shop", "stages": [{"name": "Buy", "steps": [{"name": "Asks friends", "emotion": {"actual": 0}}, {"name": "Pays"}]}]}
>>> [change.text for change in describe(old, new)]
["Stage 'Buy': step 'Pays' added", "Step 'Asks friends': emotion −1 → 0"]
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, NamedTuple

from babel.numbers import format_decimal

from ..i18n import current_language, gettext as _, in_language
from ..model import Journey

_SKIPPED = {"id", "version", "updated", "created", "schema_version"}
_TRANSPARENT = {"metrics", "authored", "blueprint"}
"""Keys that group fields without adding a word: ``metrics.conversion.authored`` reads ``conversion``."""


@dataclass(frozen=True)
class Described:
    """One change in words: the ``part`` of the map (map, stage, step, persona, lane, link, insight, opportunity),
    its ``subject`` id, the ``field`` (a dotted path inside the part, or None for the part as a whole), what
    happened (``kind``: added, removed, changed, moved, reordered), the values before and after, and ``text``."""

    part: str
    subject: str | None
    field: str | None
    kind: str
    before: Any
    after: Any
    text: str

    def as_dict(self) -> dict[str, Any]:
        """Return the change as JSON-ready data."""
        return asdict(self)


def describe(old: dict[str, Any] | Journey, new: dict[str, Any] | Journey, language: str | None = None) -> list[Described]:
    """Return the changes that turn map ``old`` into ``new`` (Journeys or their JSON documents), written in ``language``."""
    before, after = _plain(old), _plain(new)
    with in_language(language):
        words = _Words(before, after)
        return [
            *words.fields("map", None, _without(before, _PARTS), _without(after, _PARTS)),
            *words.parts("personas", before, after),
            *words.stages(before, after),
            *words.steps(before, after),
            *words.parts("lanes", before, after),
            *words.links(before, after),
            *words.parts("insights", before, after),
            *words.parts("opportunities", before, after),
        ]


_PARTS = {"personas", "stages", "lanes", "links", "insights", "opportunities"}
_PART_NAMES = {"map": "map", "personas": "persona", "stages": "stage", "steps": "step", "lanes": "lane", "links": "link", "insights": "insight", "opportunities": "opportunity"}


def _plain(document: dict[str, Any] | Journey) -> dict[str, Any]:
    journey = document if isinstance(document, Journey) else Journey.model_validate(document)
    return journey.model_dump(mode="json", by_alias=True)


def _without(document: dict[str, Any], keys: set[str]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key not in keys}


class _PartWords(NamedTuple):
    """How a part is named heading a sentence and inside one, and said to be added and removed."""

    heading: str
    inside: str
    added: str
    removed: str


def _part_words() -> dict[str, _PartWords]:
    """Each part's words, e.g. ``Step {name}``, ``step {name}``, ``step {name} added`` (languages agree the verb with the part's gender)."""
    return {
        "stages": _PartWords(_("Stage {name}"), _("stage {name}"), _("stage {name} added"), _("stage {name} removed")),
        "steps": _PartWords(_("Step {name}"), _("step {name}"), _("step {name} added"), _("step {name} removed")),
        "personas": _PartWords(_("Persona {name}"), _("persona {name}"), _("persona {name} added"), _("persona {name} removed")),
        "lanes": _PartWords(_("Lane {name}"), _("lane {name}"), _("lane {name} added"), _("lane {name} removed")),
        "insights": _PartWords(_("Insight {name}"), _("insight {name}"), _("insight {name} added"), _("insight {name} removed")),
        "opportunities": _PartWords(
            _("Opportunity {name}"), _("opportunity {name}"), _("opportunity {name} added"), _("opportunity {name} removed")
        ),
        "links": _PartWords(_("Link {name}"), _("link {name}"), _("link {name} added"), _("link {name} removed")),
    }


def _labels() -> dict[str, str]:
    """The names of fields, by their key or dotted path (the path wins)."""
    return {
        "title": _("title"),
        "name": _("name"),
        "kind": _("kind"),
        "state": _("state"),
        "language": _("language"),
        "description": _("description"),
        "business_goal": _("business goal"),
        "scenario": _("scenario"),
        "scope.start": _("scope start"),
        "scope.end": _("scope end"),
        "owners": _("owners"),
        "tags": _("tags"),
        "stage_set": _("stage set"),
        "cyclical": _("loop back to the first stage"),
        "emotion_scale.min": _("lowest emotion score"),
        "emotion_scale.max": _("highest emotion score"),
        "emotion_scale.points": _("emotion scale points"),
        "key": _("key"),
        "owner": _("owner"),
        "moment_of_truth": _("moment of truth"),
        "emotion.actual": _("emotion"),
        "emotion.desired": _("desired emotion"),
        "emotion.label": _("emotion word"),
        "emotion.emoji": _("emoji"),
        "emotion": _("emotion"),
        "key_moment": _("key moment"),
        "critical": _("critical step"),
        "success_criterion": _("success criterion"),
        "audience": _("audience"),
        "conversion": _("conversion"),
        "conversion_from_start": _("conversion from the start"),
        "retention": _("retention"),
        "time_seconds": _("time at the step"),
        "time_p90_seconds": _("time at the step (90th percentile)"),
        "criticality": _("criticality"),
        "design_ease": _("ease of design"),
        "development_ease": _("ease of development"),
        "reach": _("reach"),
        "impact": _("impact"),
        "confidence": _("confidence"),
        "effort": _("effort"),
        "ease": _("ease"),
        "status": _("status"),
        "binding.event": _("bound event"),
        "binding.events": _("bound events"),
        "binding": _("data binding"),
        "subjourney": _("detailed journey"),
        "role": _("buyer role"),
        "quote": _("quote"),
        "photo": _("photo"),
        "source": _("source"),
        "source_ref": _("source reference"),
        "segment_rule": _("segment rule"),
        "share": _("share of users"),
        "users": _("users"),
        "score": _("score"),
        "type": _("type"),
        "text": _("text"),
        "label": _("label"),
        "from": _("from"),
        "to": _("to"),
        "data": _("data settings"),
        "data.events": _("event log"),
        "data.feedback": _("feedback file"),
        "notes": _("notes"),
        "demographics": _("demographics"),
        "voice": _("feedback settings"),
    }


def _items() -> dict[str, str]:
    """The name of one item of a list field: one pain of ``pains``."""
    return {
        "actions": _("action"),
        "goals": _("goal"),
        "thoughts": _("thought"),
        "sees": _("what the customer sees"),
        "pains": _("pain"),
        "proposed_pains": _("proposed pain"),
        "gains": _("gain"),
        "barriers": _("barrier"),
        "problems": _("problem"),
        "ideas": _("idea"),
        "key_factors": _("key factor"),
        "touchpoints": _("touchpoint"),
        "evidence": _("evidence"),
        "moments_of_truth": _("moment of truth"),
        "communications": _("communication"),
        "physical_evidence": _("physical evidence"),
        "frontstage": _("frontstage action"),
        "backstage": _("backstage action"),
        "support": _("support process"),
        "needs": _("need"),
        "frustrations": _("frustration"),
        "behaviours": _("behaviour"),
        "aha_moments": _("aha moment"),
        "steps": _("step"),
        "insights": _("insight"),
        "owners": _("owner"),
        "tags": _("tag"),
        "events": _("bound event"),
        "keywords": _("keyword"),
        "points": _("emotion scale point"),
    }


class _Words:
    """Writes the changes of one comparison; knows every step's, stage's, persona's and lane's name in both versions."""

    def __init__(self, before: dict[str, Any], after: dict[str, Any]) -> None:
        self.language = current_language()
        self.words, self.labels, self.item_names = _part_words(), _labels(), _items()
        self.names: dict[str, dict[str, str]] = {}
        for document in (before, after):
            for part in ("personas", "stages", "lanes", "insights", "opportunities"):
                self.names.setdefault(part, {}).update({item["id"]: _name_of(item) for item in document.get(part, [])})
            self.names.setdefault("steps", {}).update({step["id"]: step["name"] for step in _steps(document).values()})

    def quoted(self, text: str) -> str:
        """Return a text in the language's quotation marks."""
        return _("'{text}'").format(text=text)

    def named(self, part: str, key: str, *, inside: bool = False) -> str:
        """Return a part as a sentence names it: ``Step 'Pays'`` (or ``step 'Pays'`` inside a sentence)."""
        template = self.words[part].inside if inside else self.words[part].heading
        return template.format(name=self.quoted(self.names.get(part, {}).get(key, key)))

    def sentence(self, part: str, subject: str | None, field: str | None, kind: str, before: Any, after: Any, change: str) -> Described:
        heading = _("Map") if subject is None else self.named(part, subject) if part != "links" else self.link_name(subject, heading=True)
        return Described(_PART_NAMES[part], subject, field, kind, before, after, _("{subject}: {change}").format(subject=heading, change=change))

    def fields(self, part: str, subject: str | None, before: dict[str, Any], after: dict[str, Any], path: tuple[str, ...] = ()) -> list[Described]:
        """Return the changes of the fields of one part (recursing into nested objects)."""
        found: list[Described] = []
        for key in [*before, *(key for key in after if key not in before)]:
            old, new = before.get(key), after.get(key)
            if old == new or (not path and key in _SKIPPED):
                continue
            where = (*path, key)
            if key == "measured":
                found += self.measured(part, subject, where, old or {}, new or {})
            elif isinstance(old, dict) or isinstance(new, dict):
                found += self.fields(part, subject, _as_dict(old), _as_dict(new), where)
            elif isinstance(old, list) or isinstance(new, list):
                found += self.lists(part, subject, where, old or [], new or [])
            else:
                found += self.values(part, subject, where, old, new)
        return found

    def values(self, part: str, subject: str | None, where: tuple[str, ...], old: Any, new: Any) -> list[Described]:
        if isinstance(old, bool) or isinstance(new, bool):
            old, new = bool(old), bool(new)
        old, new = (None if value == "" else value for value in (old, new))
        if old == new:
            return []
        if where[-1] == "photo":
            change = _("photo added") if not old else _("photo removed") if not new else _("photo changed")
        else:
            change = _change_words(self.label(where), old, new, self.value)
        kind = "added" if old is None else "removed" if new is None else "changed"
        return [self.sentence(part, subject, ".".join(where), kind, old, new, change)]

    def measured(self, part: str, subject: str | None, where: tuple[str, ...], old: dict[str, Any], new: dict[str, Any]) -> list[Described]:
        if old.get("value") == new.get("value"):
            return []
        label = _("{field} (measured)").format(field=self.label(where[:-1]) if len(where) > 1 else self.label(where))
        return [self.sentence(part, subject, ".".join(where), "changed", old.get("value"), new.get("value"), _change_words(label, old.get("value"), new.get("value"), self.value))]

    def lists(self, part: str, subject: str | None, where: tuple[str, ...], old: list[Any], new: list[Any]) -> list[Described]:
        field, item = ".".join(where), self.item(where)
        before, after = Counter(map(_key, old)), Counter(map(_key, new))
        texts = {_key(value): value for value in [*old, *new]}
        found = [
            self.sentence(part, subject, field, "removed", texts[key], None, _("{item} removed: {value}").format(item=item, value=self.item_text(where, texts[key])))
            for key in before - after
            for _count in range((before - after)[key])
        ]
        found += [
            self.sentence(part, subject, field, "added", None, texts[key], _("{item} added: {value}").format(item=item, value=self.item_text(where, texts[key])))
            for key in after - before
            for _count in range((after - before)[key])
        ]
        if not found and before == after and list(old) != list(new):
            found.append(self.sentence(part, subject, field, "reordered", old, new, _("{field} reordered").format(field=self.label(where))))
        return found

    def parts(self, part: str, before: dict[str, Any], after: dict[str, Any], *, old_items: list[dict[str, Any]] | None = None, new_items: list[dict[str, Any]] | None = None) -> list[Described]:
        """Return the changes of a list of parts with ids: each added, removed or changed, and a new order."""
        old = {item["id"]: item for item in (old_items if old_items is not None else before.get(part, []))}
        new = {item["id"]: item for item in (new_items if new_items is not None else after.get(part, []))}
        added, removed = self.words[part].added, self.words[part].removed
        found = [self.sentence("map", None, part, "removed", item, None, removed.format(name=self.quoted(self.names[part].get(key, key)))) for key, item in old.items() if key not in new]
        found += [self.sentence("map", None, part, "added", None, item, added.format(name=self.quoted(self.names[part].get(key, key)))) for key, item in new.items() if key not in old]
        for key in (key for key in new if key in old):
            found += self.fields(part, key, old[key], new[key])
        if [key for key in old if key in new] != [key for key in new if key in old]:
            found.append(self.sentence("map", None, part, "reordered", list(old), list(new), _("{field} reordered").format(field=self.item_plural(part))))
        return found

    def stages(self, before: dict[str, Any], after: dict[str, Any]) -> list[Described]:
        """Return the changes of the stages (their own fields) and of which steps each holds, in which order."""
        strip = lambda document: [_without(stage, {"steps"}) for stage in document.get("stages", [])]  # noqa: E731
        found = self.parts("stages", before, after, old_items=strip(before), new_items=strip(after))
        old_steps, new_steps = _steps(before), _steps(after)
        added, removed = self.words["steps"].added, self.words["steps"].removed
        for step_id, step in new_steps.items():
            if step_id not in old_steps:
                found.append(self.sentence("stages", step["stage"], "steps", "added", None, _without(step, {"stage"}), added.format(name=self.quoted(step["name"]))))
        for step_id, step in old_steps.items():
            if step_id not in new_steps:
                found.append(self.sentence("stages", step["stage"], "steps", "removed", _without(step, {"stage"}), None, removed.format(name=self.quoted(step["name"]))))
        old_order = {stage["id"]: [s["id"] for s in stage.get("steps", []) if s["id"] in new_steps] for stage in before.get("stages", [])}
        for stage in after.get("stages", []):
            kept = [s["id"] for s in stage.get("steps", []) if s["id"] in old_steps]
            if stage["id"] in old_order and len(kept) > 1 and set(kept) == set(old_order[stage["id"]]) and kept != old_order[stage["id"]]:
                found.append(self.sentence("stages", stage["id"], "steps", "reordered", old_order[stage["id"]], kept, _("{field} reordered").format(field=self.item_plural("steps"))))
        return found

    def steps(self, before: dict[str, Any], after: dict[str, Any]) -> list[Described]:
        """Return the changes inside the steps kept in both versions, and their moves to another stage."""
        old_steps, new_steps = _steps(before), _steps(after)
        found: list[Described] = []
        for step_id, step in new_steps.items():
            if step_id not in old_steps:
                continue
            was = old_steps[step_id]
            if was["stage"] != step["stage"]:
                change = _("moved from {old} to {new}").format(old=self.named("stages", was["stage"], inside=True), new=self.named("stages", step["stage"], inside=True))
                found.append(self.sentence("steps", step_id, "stage", "moved", was["stage"], step["stage"], change))
            found += self.fields("steps", step_id, _without(was, {"stage"}), _without(step, {"stage"}))
        return found

    def links(self, before: dict[str, Any], after: dict[str, Any]) -> list[Described]:
        """Return the links between steps added, removed or changed (a link is known by its two ends)."""
        old = {(link["from"], link["to"]): link for link in before.get("links", [])}
        new = {(link["from"], link["to"]): link for link in after.get("links", [])}
        added, removed = self.words["links"].added, self.words["links"].removed
        found = [self.sentence("map", None, "links", "removed", link, None, removed.format(name=self.link_name(key))) for key, link in old.items() if key not in new]
        found += [self.sentence("map", None, "links", "added", None, link, added.format(name=self.link_name(key))) for key, link in new.items() if key not in old]
        for key in (key for key in new if key in old):
            found += self.fields("links", f"{key[0]}→{key[1]}", _without(old[key], {"from", "to"}), _without(new[key], {"from", "to"}))
        return found

    def link_name(self, key: tuple[str, str] | str, *, heading: bool = False) -> str:
        source, target = key if isinstance(key, tuple) else key.split("→", 1)
        name = _("{source} → {target}").format(source=self.quoted(self.names["steps"].get(source, source)), target=self.quoted(self.names["steps"].get(target, target)))
        return self.words["links"].heading.format(name=name) if heading else name

    def label(self, where: tuple[str, ...]) -> str:
        """Return the words of a field path: ``emotion.actual`` → ``emotion``; per persona and custom lanes by their names."""
        if where[0] == "by_persona" and len(where) > 2:
            return _("{field} for {persona}").format(field=self.label(where[2:]), persona=self.quoted(self.names["personas"].get(where[1], where[1])))
        if where[0] == "custom" and len(where) > 1:
            return self.quoted(self.names["lanes"].get(where[1], where[1]))
        words = [key for key in where if key not in _TRANSPARENT] or list(where)
        dotted = ".".join(words)
        for size in range(len(words), 0, -1):
            found = self.labels.get(".".join(words[-size:]))
            if found:
                return found
        return dotted.replace("_", " ")

    def item(self, where: tuple[str, ...]) -> str:
        if where[0] == "custom" and len(where) > 1:
            return self.label(where)
        return self.item_names.get(where[-1], self.label(where))

    def item_plural(self, part: str) -> str:
        return {"stages": _("stages"), "steps": _("steps"), "personas": _("personas"), "lanes": _("lanes"), "insights": _("insights"), "opportunities": _("opportunities")}[part]

    def item_text(self, where: tuple[str, ...], value: Any) -> str:
        """Return one list item as a sentence shows it: a text quoted, a step by its name, an object by its main text."""
        if where[-1] == "steps":
            return self.quoted(self.names["steps"].get(value, value))
        if where[-1] == "insights" and isinstance(value, str):
            return self.quoted(self.names["insights"].get(value, value))
        if isinstance(value, dict):
            main = next((value[key] for key in ("name", "text", "message", "title", "label") if value.get(key)), None)
            return self.quoted(str(main)) if main is not None else json.dumps(value, ensure_ascii=False)
        return self.value(value)

    def value(self, value: Any) -> str:
        """Return a value as a sentence shows it: numbers as the language writes them (with a real minus), yes/no, quoted text."""
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, (int, float)):
            return format_decimal(value, locale=self.language).replace("-", "−")
        if isinstance(value, str):
            return self.quoted(value)
        if isinstance(value, dict) and "value" in value:
            return self.value(value["value"])
        return json.dumps(value, ensure_ascii=False)


def _change_words(label: str, old: Any, new: Any, value: Callable[[Any], str]) -> str:
    if old is None:
        return _("{field} set to {new}").format(field=label, new=value(new))
    if new is None:
        return _("{field} cleared (was {old})").format(field=label, old=value(old))
    return _("{field} {old} → {new}").format(field=label, old=value(old), new=value(new))


def _steps(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {step["id"]: {**step, "stage": stage["id"]} for stage in document.get("stages", []) for step in stage.get("steps", [])}


def _name_of(item: dict[str, Any]) -> str:
    return str(next((item[key] for key in ("name", "title", "text") if item.get(key)), item["id"]))


def _as_dict(value: Any) -> dict[str, Any]:
    """Return an object field as a dict; a metric written as a bare number is its authored value."""
    return value if isinstance(value, dict) else {} if value is None else {"authored": value}


def _key(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
