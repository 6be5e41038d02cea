/* The share page: the map's poster in a frame, zoomed by buttons and keys (+, −, 0 fits the width, 1 actual size). */
const STEPS = [0.1, 0.15, 0.2, 0.25, 0.33, 0.4, 0.5, 0.6, 0.75, 0.9, 1, 1.25, 1.5, 2, 2.5, 3];
const state = { zoom: 1, width: 0, height: 0 };

function parts() {
  return { view: document.getElementById("poster-view"), box: document.getElementById("poster-box"), frame: document.getElementById("poster-frame") };
}

/** Measure the poster at its own size: the frame is made as wide and tall as the poster's content. */
function measure() {
  const { frame } = parts();
  const page = frame.contentDocument;
  if (!page || !page.body) return false;
  frame.style.width = "100px";
  state.width = Math.max(page.documentElement.scrollWidth, page.body.scrollWidth);
  frame.style.width = `${state.width}px`;
  state.height = Math.max(page.documentElement.scrollHeight, page.body.scrollHeight);
  frame.style.height = `${state.height}px`;
  return state.width > 0;
}

function apply(zoom) {
  const { view, box, frame } = parts();
  const centre = view.scrollLeft + view.clientWidth / 2;
  const ratio = state.zoom ? zoom / state.zoom : 1;
  state.zoom = Math.min(STEPS[STEPS.length - 1], Math.max(0.05, zoom));
  frame.style.transform = `scale(${state.zoom})`;
  box.style.width = `${Math.ceil(state.width * state.zoom)}px`;
  box.style.height = `${Math.ceil(state.height * state.zoom)}px`;
  view.scrollLeft = Math.max(0, centre * ratio - view.clientWidth / 2);
  document.getElementById("zoom-level").textContent = `${Math.round(state.zoom * 100)}%`;
  view.dataset.zoom = String(state.zoom);
}

function fitWidth() {
  const { view } = parts();
  if (state.width) apply(Math.min(1, (view.clientWidth - 2) / state.width));
}

function zoomIn() { apply(STEPS.find((step) => step > state.zoom + 1e-6) || STEPS[STEPS.length - 1]); }
function zoomOut() { apply([...STEPS].reverse().find((step) => step < state.zoom - 1e-6) || STEPS[0]); }

function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.target.closest && event.target.closest("input, select, textarea")) return;
  const action = { "+": zoomIn, "=": zoomIn, "-": zoomOut, "_": zoomOut, "0": fitWidth, "1": () => apply(1) }[event.key];
  if (!action) return;
  event.preventDefault();
  action();
}

function ready() {
  if (!measure()) return;
  parts().frame.contentDocument.addEventListener("keydown", onKey);
  fitWidth();
  parts().view.dataset.ready = "1";
}

document.addEventListener("DOMContentLoaded", () => {
  const { frame } = parts();
  document.getElementById("zoom-in").addEventListener("click", zoomIn);
  document.getElementById("zoom-out").addEventListener("click", zoomOut);
  document.getElementById("zoom-fit").addEventListener("click", fitWidth);
  document.getElementById("zoom-actual").addEventListener("click", () => apply(1));
  document.addEventListener("keydown", onKey);
  frame.addEventListener("load", ready);
  if (frame.contentDocument && frame.contentDocument.readyState === "complete") ready();
  window.addEventListener("resize", () => { if (state.width) apply(state.zoom); });
});
