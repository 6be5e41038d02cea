/* A run's chart page (shown in a sandboxed frame of the editor): draws the run's Plotly figures, then marks the body ready.
   A classic script, not a module: the frame's origin is opaque, and a module would be fetched cross-origin (CORS). */
"use strict";
(function () {
  const figures = JSON.parse(document.getElementById("figures").textContent);
  const drawn = figures.map((figure) => {
    const box = document.createElement("div");
    box.className = "chart";
    document.body.append(box);
    const layout = Object.assign({}, figure.layout, { autosize: true, height: 420, margin: { t: 60, r: 20, b: 60, l: 60 } });
    return window.Plotly.newPlot(box, figure.data, layout, { responsive: true, displaylogo: false });
  });
  Promise.all(drawn).then(() => document.body.setAttribute("data-ready", "1"));
})();
