/* The grid's rows for the rest of a step: description, emotion word and emoji, touchpoint, evidence and
   communication details, the service blueprint lanes and owner, persona participation, sub-journey. */
import { el, format } from "./app.js";
import { editor } from "./editor.js";
const { S, config, path, textBox, choice, check } = editor;

function header(text) {
  return el("th", { scope: "row" }, text);
}

/** A row with one text box per step for the step's ``field`` (``lines``: a textarea). */
function textRow(css, title, field, labelOf, lines) {
  return (all) => editor.stepRow(css, header(title), all, (step) => el("td", { "data-step": step.id },
    textBox({ key: `${field}:${step.id}`, path: path(step, field), label: () => format(labelOf, { step: step.name }), value: step[field], lines, set: (text) => { step[field] = text; } })));
}

/* ---------- the emotion word and emoji ---------- */

/** The map's emotion scale, or the default one (-2..2) with its words in the page's language. */
function scale() {
  const own = editor.state.doc.emotion_scale;
  return own ? { min: own.min === undefined ? -2 : own.min, max: own.max === undefined ? 2 : own.max, points: own.points || [] } : config.emotionScale;
}
editor.scale = scale;

/** The scale's named point nearest the step's emotion, if any. */
function scalePoint(step) {
  const { points } = scale();
  const actual = (step.emotion || {}).actual;
  if (actual === null || actual === undefined || !points.length) return null;
  return points.reduce((best, point) => (Math.abs(point.score - actual) < Math.abs(best.score - actual) ? point : best));
}

/** The step's own word and emoji for how it feels; the scale's word for its score shows as the hint. */
function feelingRow(all) {
  return editor.stepRow("feeling-row", header(S.feeling), all, (step) => {
    const emotion = () => (step.emotion = step.emotion || {});
    const point = scalePoint(step) || {};
    return el("td", { class: "feeling-cell", "data-step": step.id }, el("div", { class: "feeling" },
      textBox({ key: `emoji:${step.id}`, path: path(step, "emotion", "emoji"), label: () => format(S.emojiOf, { step: step.name }), value: (step.emotion || {}).emoji,
        placeholder: point.emoji || "", css: "emoji", maxlength: 16, set: (text) => { emotion().emoji = text; } }),
      textBox({ key: `feeling:${step.id}`, path: path(step, "emotion", "label"), label: () => format(S.feelingOf, { step: step.name }), value: (step.emotion || {}).label,
        placeholder: point.label || "", css: "feeling-word", set: (text) => { emotion().label = text; } })));
  });
}

/* ---------- object cards: touchpoints, evidence, communications ---------- */

/** Card ``index`` of a step's ``lane`` as an object (a plain-text card becomes ``{[text]: card}``), kept in the step. */
function cardObject(step, lane, index, text) {
  const card = step[lane][index];
  if (card && typeof card === "object") return card;
  step[lane][index] = { [text]: card || "" };
  return step[lane][index];
}

/** The controls of the fields of an object card: ``fields`` are [field, make] with make({key, path, label, value, set}). */
function cardFields(lane, text, fields, required) {
  return (step, index, label) => {
    const card = step[lane][index];
    const value = (field) => (card && typeof card === "object" ? card[field] : undefined);
    const at = (field) => path(step, lane, index, field);
    const controls = fields.map(([field, title, make]) => make({
      key: `${lane}:${step.id}:${index}:${field}`, path: at(field), label: () => `${title}: ${label()}`, value: value(field), title,
      set: (next) => {
        const object = cardObject(step, lane, index, text);
        if ((next === "" || next === null || next === false) && !(required || []).includes(field)) delete object[field]; else object[field] = next;
        const inPlace = document.querySelector(`[data-key="card:${step.id}:${lane}:${index}"]`);
        if (inPlace) inPlace.dataset.path = path(step, lane, index, text);
      },
    })).filter(Boolean);
    return controls.length ? el("div", { class: "card-fields" }, controls) : null;
  };
}

const input = (placeholder) => (spec) => textBox(Object.assign(spec, { placeholder: placeholder || spec.title, css: "small-field" }));
const pick = (options, none) => (spec) => choice(Object.assign(spec, { options, none: none || spec.title, css: "small-field" }));
const channels = pick(config.channels, S.noChannel);

editor.details.touchpoints = cardFields("touchpoints", "name", [
  ["channel", S.channel, channels],
  ["device", S.device, input()],
  ["mode", S.mode, pick(config.modes)],
  ["owner", S.owner, input()],
]);

editor.details.evidence = cardFields("evidence", "text", [
  ["kind", S.kind, (spec) => choice(Object.assign(spec, { value: spec.value || "quote", options: config.evidenceKinds, css: "small-field" }))],
  ["source", S.source, input()],
  ["url", S.link, (spec) => textBox(Object.assign(spec, { placeholder: "https://…", css: "small-field" }))],
  ["date", S.date, input("2026-02-11")],
  ["proposed", S.proposed, (spec) => (spec.value || config.canEdit ? check(Object.assign(spec, { text: S.proposedCard, checked: spec.value, css: "small-field" })) : null)],
]);

editor.details.communications = cardFields("communications", "message", [
  ["channel", S.channel, channels],
  ["timing", S.timing, input()],
  ["owner", S.owner, input()],
], ["channel"]);

/* ---------- the service blueprint ---------- */

function blueprintLane(lane) {
  const cards = (step) => (step.blueprint || {})[lane.key] || [];
  return {
    key: lane.key, title: () => lane.title, get: (step) => cards(step),
    set: (step, list) => { step.blueprint = Object.assign(step.blueprint || {}, { [lane.key]: list }); },
    path: (step, index) => path(step, "blueprint", lane.key, index),
    blank: () => "",
  };
}

/** The blueprint lanes under the customer's lanes, then each step's owner; shown on a blueprint or once asked for. */
function blueprintRows(all) {
  if (!editor.blueprintShown()) return null;
  return config.blueprintLanes.map((lane) => editor.laneRow(all, blueprintLane(lane), `lane blueprint lane-${lane.key}`, header(lane.title)))
    .concat([textRow("owner-row blueprint", config.ownerTitle, "owner", S.ownerOf)(all)]);
}

/* ---------- personas taking part ---------- */

/** Each whole score of the scale, with its emoji and word where the scale names it. */
function scaleOptions() {
  const { min, max, points } = scale();
  const named = new Map(points.map((point) => [point.score, point]));
  const options = [];
  for (let score = max; score >= min; score -= 1) {
    const point = named.get(score) || {};
    options.push({ key: score, title: [score > 0 ? `+${score}` : String(score), point.emoji, point.label].filter(Boolean).join(" ") });
  }
  return options;
}

/** A row per persona: whether they take part in each step, and then how they feel there and notes. */
function personaRows(all) {
  const personas = (editor.state.doc.personas || []).filter((persona) => persona.id);
  return personas.map((persona) => editor.stepRow("persona-row", header(persona.name), all, (step) => personaCell(step, persona)));
}

function personaCell(step, persona) {
  const views = step.by_persona || {};
  const view = views[persona.id];
  const at = (...rest) => path(step, "by_persona", persona.id, ...rest);
  const who = () => format(S.personaAt, { persona: persona.name, step: step.name });
  const key = `persona:${step.id}:${persona.id}`;
  const cell = el("td", { class: "persona-cell", "data-step": step.id, "data-persona": persona.id },
    check({ key, path: at(), text: S.takesPart, label: () => `${S.takesPart}: ${who()}`, checked: !!view, set: (value) => takePart(step, persona, value),
      ask: (checked) => (!checked && view && (view.notes || view.emotion) ? format(S.confirmRemove, { name: who() }) : null) }));
  if (!view) return cell;
  const emotion = () => (view.emotion = view.emotion || {});
  cell.append(
    choice({ key: `${key}:actual`, path: at("emotion", "actual"), label: () => `${S.emotion}: ${who()}`, value: (view.emotion || {}).actual, options: scaleOptions(), none: S.emotion, css: "small-field",
      set: (value) => { emotion().actual = value === "" ? null : Number(value); if (editor.curve) editor.curve.draw(); } }),
    textBox({ key: `${key}:label`, path: at("emotion", "label"), label: () => `${S.feeling}: ${who()}`, value: (view.emotion || {}).label, placeholder: S.feeling, css: "small-field",
      set: (text) => { emotion().label = text; } }),
    textBox({ key: `${key}:notes`, path: at("notes"), label: () => `${S.notes}: ${who()}`, value: view.notes, placeholder: S.notes, lines: 2, set: (text) => { view.notes = text; } }));
  return cell;
}

function takePart(step, persona, value) {
  const key = `persona:${step.id}:${persona.id}`;
  if (value) {
    step.by_persona = Object.assign(step.by_persona || {}, { [persona.id]: {} });
  } else if (step.by_persona) {
    delete step.by_persona[persona.id];
    if (!Object.keys(step.by_persona).length) delete step.by_persona;
  }
  editor.changed({ render: true, now: true, focus: key });
}

/** Draw the grid again when the Personas panel adds, removes or renames a persona (their rows follow).
 *
 * Only when the map's personas differ from those last seen: the panel filling its list as the page opens is no change,
 * and a redraw then would pull the grid from under the person's (or a test's) first click. */
function followPersonas() {
  const list = document.getElementById("persona-list");
  if (!list) return;
  const personas = () => JSON.stringify((editor.state.doc && editor.state.doc.personas) || []);
  let seen = personas();
  let timer = null;
  new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (personas() === seen) return;
      seen = personas();
      editor.render();
    }, 300);
  }).observe(list, { childList: true, subtree: true, characterData: true });
}

document.addEventListener("journeymap:loaded", followPersonas, { once: true });
editor.topRows.push(textRow("description-row", S.description, "description", S.descriptionOf, 2));
editor.emotionRows.push(feelingRow);
editor.laneRows.push(blueprintRows, personaRows, textRow("subjourney-row", S.subjourney, "subjourney", S.subjourneyOf));
