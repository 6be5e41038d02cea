/* A count of the comment threads on each step (in its header) and on each card that has any; a click shows the first. */
import { el, format, plural } from "./app.js";
import { editor } from "./editor.js";
let threads = [];

function grouped(key) {
  const groups = new Map();
  for (const thread of threads) {
    const name = key(thread);
    if (name) groups.set(name, (groups.get(name) || []).concat([thread]));
  }
  return groups;
}

function laneTitle(key) {
  const { config, state } = editor;
  const found = config.lanes.concat(config.blueprintLanes).find((lane) => lane.key === key)
    || (state.doc.lanes || []).map((lane) => ({ key: `custom-${lane.id}`, title: lane.title })).find((lane) => lane.key === key);
  return found ? found.title : key;
}

function decorate() {
  const grid = document.getElementById("grid");
  for (const old of grid.querySelectorAll(".comment-badge")) old.remove();
  for (const [step, list] of grouped((thread) => thread.step_id)) {
    const tools = grid.querySelector(`th.step[data-step="${CSS.escape(step)}"] .step-tools, th.step[data-step="${CSS.escape(step)}"]`);
    if (tools) tools.prepend(badge(list, editor.stepName(step)));
  }
  for (const [place, list] of grouped((thread) => (thread.step_id && thread.lane && thread.card_index !== null ? JSON.stringify([thread.step_id, thread.lane, thread.card_index]) : null))) {
    const [step, lane, index] = JSON.parse(place);
    const card = grid.querySelector(`td[data-step="${CSS.escape(step)}"][data-lane="${CSS.escape(lane)}"] .card[data-index="${index}"] .card-tools, td[data-step="${CSS.escape(step)}"][data-lane="${CSS.escape(lane)}"] .card[data-index="${index}"]`);
    if (card) card.append(badge(list, format(editor.S.card, { lane: laneTitle(lane), step: editor.stepName(step), number: index + 1 })));
  }
}

function badge(list, about) {
  const open = list.some((thread) => !thread.resolved);
  const text = `${plural(editor.S.commentCount, list.length)}: ${about}`;
  return el("button", { type: "button", class: `comment-badge${open ? " open" : ""}`, title: text, "aria-label": text, onclick: () => show(list[0]) }, String(list.length));
}

function show(thread) {
  const item = document.querySelector(`li.comment[data-comment="${CSS.escape(String(thread.id))}"]`);
  if (!item) return;
  item.tabIndex = -1;
  item.scrollIntoView({ block: "nearest" });
  item.focus();
}

document.addEventListener("journeymap:comments", (event) => {
  threads = event.detail.filter((comment) => !comment.parent_id);
  if (editor.state.doc) decorate();
});
editor.afterRender.push(decorate);
