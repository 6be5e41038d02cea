/* Stages and custom lanes beyond what the grid shows: a stage's description, key, owner and moment of truth; a lane's type and description. */
import { el } from "./app.js";
import { field, register, words } from "./panels.js";
import { editor } from "./editor.js";

/** The keys a stage may have: the stage set's, when the map follows one (else any text). */
function keyField(stage) {
  const S = words();
  const path = `stages/${stage.id}/key`;
  const set = editor.config.panels.stageSets.find((item) => item.key === editor.state.doc.stage_set);
  if (!set) return field({ path, label: S.key, attrs: { maxlength: 80 } });
  return field({ path, label: S.key, kind: "select", none: S.noKey, options: set.stages.map((stage) => ({ key: stage.key, title: `${stage.title} (${stage.key})` })) });
}

function stages() {
  const S = words();
  const all = editor.state.doc.stages || [];
  if (!all.length) return el("p", { class: "muted" }, editor.S.emptyMap);
  return all.map((stage) => el("fieldset", { class: "panel-item", "data-stage": stage.id }, el("legend", {}, stage.name),
    el("div", { class: "panel-grid" },
      field({ path: `stages/${stage.id}/description`, label: S.description, kind: "textarea" }),
      keyField(stage),
      field({ path: `stages/${stage.id}/owner`, label: S.owner }),
      field({ path: `stages/${stage.id}/moment_of_truth`, label: S.momentOfTruth, kind: "select", none: S.noMoment, options: editor.config.panels.moments }))));
}

function lanes() {
  const S = words();
  const all = editor.state.doc.lanes || [];
  if (!all.length) return el("p", { class: "muted" }, S.noLanes);
  return all.map((lane) => el("fieldset", { class: "panel-item", "data-lane": lane.id }, el("legend", {}, lane.title),
    el("div", { class: "panel-grid" },
      field({ path: `lanes/${lane.id}/type`, label: S.laneType, kind: "select", options: editor.config.panels.laneTypes, value: lane.type || "text" }),
      field({ path: `lanes/${lane.id}/description`, label: S.description, kind: "textarea" }))));
}

register("stage-details", stages);
register("lane-details", lanes);
