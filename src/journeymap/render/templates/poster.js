// Printed posters: when a sheet is taller than its page, make the type smaller (down to 72 %),
// then zoom out only if that is not enough, so no text is ever cut off and the page stays full.
(function () {
  var SMALLEST = 0.72, STEP = 0.04;
  function fits(sheet, content) {
    return content.scrollHeight <= sheet.clientHeight && content.scrollWidth <= sheet.clientWidth;
  }
  function fitSheet(sheet) {
    var content = sheet.querySelector(".fit");
    for (var type = 1; !fits(sheet, content) && type - STEP >= SMALLEST - 1e-9; ) {
      type = Math.round((type - STEP) * 100) / 100;
      content.style.setProperty("--t", String(type));
    }
    if (!fits(sheet, content)) {
      var ratio = Math.min(sheet.clientHeight / content.scrollHeight, sheet.clientWidth / content.scrollWidth);
      content.style.zoom = String(Math.floor(ratio * 1000) / 1000);
    }
  }
  function fit() {
    if (document.body.classList.contains("print")) {
      document.querySelectorAll(".sheet").forEach(fitSheet);
    }
    document.body.setAttribute("data-ready", "1");
  }
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(fit); } else { fit(); }
})();
