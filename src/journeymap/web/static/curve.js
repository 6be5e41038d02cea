/* The emotion curve of the editor: one point per step, set by dragging or with the arrow keys. */
"use strict";
(function () {
  const { el, format } = window.journeymap;
  const HEIGHT = 130;
  const PAD = 18;

  function scale(editor) {
    const emotion = editor.state.doc.emotion_scale || {};
    return { min: emotion.min === undefined ? -2 : emotion.min, max: emotion.max === undefined ? 2 : emotion.max };
  }

  function draw() {
    const editor = window.journeymap.editor;
    const cell = document.getElementById("curve-cell");
    if (!cell) return;
    const all = editor.steps();
    const width = Math.max(200, cell.clientWidth - 2);
    const { min, max } = scale(editor);
    const x = (index) => ((index + 0.5) * width) / Math.max(1, all.length);
    const y = (value) => PAD + ((max - value) * (HEIGHT - 2 * PAD)) / (max - min || 1);
    const svg = el("svg:svg", { width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, class: "curve", role: "group", "aria-label": editor.S.emotion });
    svg.append(el("svg:line", { x1: 0, x2: width, y1: y(0), y2: y(0), class: "neutral" }));
    for (const [field, css] of [["desired", "desired"], ["actual", "actual"]]) {
      const points = all.map(({ step }, index) => [x(index), (step.emotion || {})[field]]).filter(([, value]) => value !== null && value !== undefined);
      if (points.length > 1) svg.append(el("svg:polyline", { points: points.map(([px, value]) => `${px},${y(value)}`).join(" "), class: `line ${css}` }));
    }
    all.forEach(({ step }, index) => {
      svg.append(handle(editor, step, "desired", x(index), y, { min, max }));
      svg.append(handle(editor, step, "actual", x(index), y, { min, max }));
    });
    cell.replaceChildren(svg, legend(editor));
  }

  function legend(editor) {
    return el("p", { class: "curve-legend" }, el("span", { class: "key actual" }), editor.S.emotion, " ", el("span", { class: "key desired" }), editor.S.desired);
  }

  function handle(editor, step, field, cx, y, range) {
    const value = (step.emotion || {})[field];
    const set = value !== null && value !== undefined;
    const text = format(field === "actual" ? editor.S.emotionPoint : editor.S.desiredPoint, { step: step.name, value: set ? value : editor.S.notSet });
    const point = el(field === "actual" ? "svg:circle" : "svg:rect", {
      class: `point ${field}${set ? "" : " unset"}`,
      tabindex: editor.config.canEdit ? 0 : -1,
      role: "slider",
      "aria-label": text,
      "aria-valuemin": range.min,
      "aria-valuemax": range.max,
      "aria-valuenow": set ? value : null,
      "aria-readonly": editor.config.canEdit ? null : "true",
      "data-key": `emotion:${step.id}:${field}`,
      "data-step": step.id,
    }, el("svg:title", {}, text));
    const cy = y(set ? value : 0);
    if (field === "actual") {
      point.setAttribute("cx", cx); point.setAttribute("cy", cy); point.setAttribute("r", 9);
    } else {
      point.setAttribute("x", cx - 6); point.setAttribute("y", cy - 6); point.setAttribute("width", 12); point.setAttribute("height", 12);
    }
    if (!editor.config.canEdit) return point;
    const put = (next) => {
      step.emotion = Object.assign(step.emotion || {}, { [field]: next === null ? null : Math.max(range.min, Math.min(range.max, next)) });
      editor.changed();
      draw();
      const again = document.querySelector(`[data-key="emotion:${step.id}:${field}"]`);
      if (again) again.focus();
    };
    point.addEventListener("keydown", (event) => {
      const now = set ? value : 0;
      if (event.key === "ArrowUp") { event.preventDefault(); put(now + 1); }
      if (event.key === "ArrowDown") { event.preventDefault(); put(now - 1); }
      if (event.key === "Delete" || event.key === "Backspace") { event.preventDefault(); put(null); }
    });
    point.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      point.setPointerCapture(event.pointerId);
      point.focus();
      const svg = point.ownerSVGElement;
      const toValue = (clientY) => {
        const box = svg.getBoundingClientRect();
        const raw = range.max - ((clientY - box.top - PAD) * (range.max - range.min)) / (HEIGHT - 2 * PAD);
        return Math.round(Math.max(range.min, Math.min(range.max, raw)) * 2) / 2;
      };
      const move = (moveEvent) => {
        const top = y(toValue(moveEvent.clientY));
        if (field === "actual") point.setAttribute("cy", top); else point.setAttribute("y", top - 6);
      };
      const up = (upEvent) => {
        point.removeEventListener("pointermove", move);
        point.removeEventListener("pointerup", up);
        put(toValue(upEvent.clientY));
      };
      point.addEventListener("pointermove", move);
      point.addEventListener("pointerup", up);
    });
    return point;
  }

  document.addEventListener("DOMContentLoaded", () => {
    window.journeymap.editor.curve = { draw };
    window.addEventListener("resize", () => { if (window.journeymap.editor.state.doc) draw(); });
  });
})();
