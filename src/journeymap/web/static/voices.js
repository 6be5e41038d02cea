/* The editor's Voices row: what feedback says at each step (measured emotion, quotes, pains to confirm). */
import { el, format } from "./app.js";
import { editor } from "./editor.js";
const S = editor.S;
const kinds = new Set(editor.config.voiceKinds);

/** A piece of evidence as an object (a map file may write a quote as a plain string). */
function evidence(item) {
  return typeof item === "string" ? { kind: "quote", text: item } : item;
}

/** The step's quotes with their place in its evidence, the customers' own words only. */
function quotes(step) {
  return (step.evidence || []).map((item, index) => ({ item: evidence(item), index })).filter(({ item }) => kinds.has(item.kind || "quote"));
}

/** The row under Metrics, shown once any step has voices. */
function voicesRow(all) {
  const emotions = editor.config.voices.emotions;
  if (!all.some(({ step }) => emotions[step.id] || quotes(step).length || (step.proposed_pains || []).length)) return null;
  const row = el("tr", { class: "voices-row" }, el("th", { scope: "row" }, S.voices));
  for (const { step } of all) {
    const first = { key: `voices:${step.id}` };
    row.append(el("td", { class: "voices-cell", "data-step": step.id }, emotion(emotions[step.id]), quoteList(step, first), painList(step, first)));
  }
  return row;
}

function emotion(measured) {
  if (!measured) return null;
  return el("dl", { class: "voice-emotion" }, el("dt", {}, S.emotion),
    el("dd", { class: "measured" }, measured.text, el("span", { class: "source" }, [S.measured, measured.source].filter(Boolean).join(" · "))));
}

function quoteList(step, first) {
  const found = quotes(step);
  if (!found.length) return null;
  return el("ul", { class: "voice-quotes" }, found.map(({ item, index }, number) => {
    const label = () => format(S.quoteOf, { number: number + 1, step: step.name });
    const said = [item.proposed ? S.proposed : "", item.source, item.date ? editor.config.voices.dates[item.date] || item.date : ""].filter(Boolean).join(" · ");
    return el("li", { class: `voice-quote${item.proposed ? " proposed" : ""}` },
      el("blockquote", {}, item.text || ""),
      said ? el("span", { class: "source" }, said) : null,
      item.proposed ? choices(first, label, () => acceptQuote(step, index), () => dismissQuote(step, index)) : null);
  }));
}

function painList(step, first) {
  const pains = step.proposed_pains || [];
  if (!pains.length) return null;
  return el("div", { class: "voice-pains" }, el("p", { class: "voice-heading" }, S.proposedPains),
    el("ul", {}, pains.map((pain, index) => {
      const label = () => format(S.painOf, { step: step.name, pain });
      return el("li", { class: "proposed" }, el("span", {}, pain), el("span", { class: "source" }, S.proposed),
        choices(first, label, () => acceptPain(step, index), () => dismissPain(step, index)));
    })));
}

/** Accept and Dismiss for an editor (the cell's first Accept takes the focus after a choice); nothing for the others. */
function choices(first, label, accept, dismiss) {
  if (!editor.config.canEdit) return null;
  const key = first.key;
  first.key = undefined;
  return el("div", { class: "voice-tools" },
    editor.named(el("button", { type: "button", class: "secondary small", "data-key": key, onclick: accept }, S.accept), () => `${S.accept}: ${label()}`),
    editor.named(el("button", { type: "button", class: "secondary small", onclick: dismiss }, S.dismiss), () => `${S.dismiss}: ${label()}`));
}

/** Save a choice; the focus goes to the cell's next choice, or to the step's Pains lane when none is left. */
function decided(step) {
  const left = quotes(step).some(({ item }) => item.proposed) || (step.proposed_pains || []).length;
  editor.changed({ render: true, now: true, focus: left ? `voices:${step.id}` : `add:${step.id}:pains` });
}

function acceptQuote(step, index) {
  step.evidence[index] = Object.assign(evidence(step.evidence[index]), { proposed: false });
  decided(step);
}

/** Remember a dismissed proposal in the step's voice settings, so that the next voice analysis does not propose it again. */
function remember(step, text) {
  step.voice = Object.assign({ keywords: [], dismissed: [] }, step.voice || {});
  const dismissed = step.voice.dismissed || [];
  step.voice.dismissed = text && !dismissed.includes(text) ? dismissed.concat([text]) : dismissed;
}

function dismissQuote(step, index) {
  const [item] = step.evidence.splice(index, 1);
  remember(step, evidence(item).text);
  decided(step);
}

function acceptPain(step, index) {
  const [pain] = step.proposed_pains.splice(index, 1);
  step.pains = (step.pains || []).concat([pain]);
  decided(step);
}

function dismissPain(step, index) {
  const [pain] = step.proposed_pains.splice(index, 1);
  remember(step, pain);
  decided(step);
}

editor.extraRows.push(voicesRow);
document.addEventListener("journeymap:measured", () => editor.cells("voices"));
