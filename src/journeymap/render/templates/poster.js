// Printed posters: shrink each sheet that is taller or wider than its page, so no text is cut off.
(function () {
  function fit() {
    if (document.body.classList.contains("print")) {
      document.querySelectorAll(".sheet").forEach(function (sheet) {
        var content = sheet.querySelector(".fit");
        var ratio = Math.min(1, sheet.clientHeight / content.scrollHeight, sheet.clientWidth / content.scrollWidth);
        if (ratio < 1) { content.style.zoom = String(Math.floor(ratio * 1000) / 1000); }
      });
    }
    document.body.setAttribute("data-ready", "1");
  }
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(fit); } else { fit(); }
})();
