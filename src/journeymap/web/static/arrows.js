/* The links between steps (branches, alternatives, loops back) drawn as arrows over the grid's step columns, as the
   poster draws them (render/links.py): one track per link, from the source's column to an arrowhead at the target's. */
import { el } from "./app.js";
import { editor } from "./editor.js";
const TRACK = 30;
const TOP = 6;
const OFFSET = 10;

/** The link's label as the poster writes it: its own words or its kind, and the share of users who take it. */
function label(link) {
  const kind = editor.config.panels.linkKinds.find((item) => item.key === (link.kind || "branch"));
  const share = link.measured && typeof link.measured.value === "number" ? link.measured.value : link.share;
  const percent = typeof share === "number" ? ` (${new Intl.NumberFormat(editor.config.language, { style: "percent", maximumFractionDigits: 1 }).format(share)})` : "";
  return `${link.label || (kind ? kind.title : link.kind)}${percent}`;
}

/** One link: down from its source's column to its track, along it, and up into an arrowhead under its target. */
function arrow(link, source, target, y) {
  const column = editor.stepWidth;
  const start = column * (source + 0.5) + OFFSET;
  const end = column * (target + 0.5) - OFFSET;
  const kind = link.kind || "branch";
  const text = label(link);
  const name = `${editor.stepName(link.from)} → ${editor.stepName(link.to)}: ${text}`;
  return el("svg:g", { class: `link link-${kind}`, "data-from": link.from, "data-to": link.to, "data-kind": kind, role: "img", "aria-label": name },
    el("svg:title", {}, name),
    el("svg:path", { class: "link-line", d: `M${start},0 V${y} H${end} V7`, fill: "none", "stroke-dasharray": kind === "loop" || kind === "alternative" ? "5 3" : null }),
    el("svg:path", { class: "link-head", d: `M${end - 4.5},8 L${end + 4.5},8 L${end},1 Z` }),
    el("svg:text", { class: "link-label", x: (start + end) / 2, y: y - 5, "text-anchor": "middle" }, text));
}

/** The row of arrows, when the map has links between steps it holds. */
function linksRow() {
  const columns = editor.columns();
  const place = new Map(columns.flatMap((column, index) => (column.step ? [[column.step.id, index]] : [])));
  const drawn = (editor.state.doc.links || []).filter((link) => place.has(link.from) && place.has(link.to));
  if (!drawn.length) return null;
  const width = Math.max(1, columns.length) * editor.stepWidth;
  const height = TOP + TRACK * drawn.length + 10;
  const title = editor.config.linksTitle;
  const svg = el("svg:svg", { class: "links", width, height, viewBox: `0 0 ${width} ${height}`, role: "group", "aria-label": title },
    drawn.map((link, track) => arrow(link, place.get(link.from), place.get(link.to), TOP + TRACK * track + 18)));
  return el("tr", { class: "links-row" }, el("th", { scope: "row" }, title), el("td", { class: "links-cell", "data-span": "" }, svg));
}

editor.topRows.push(linksRow);
