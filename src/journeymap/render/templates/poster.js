// Printed posters keep their type size: a sheet taller than its page moves its ranked ideas, insights
// and voices, then its last lanes, to a new page under the same title and stage headers, as often as
// needed (all of its lanes when the personas fill the first page). Persona cards that still do not fit
// go on to the next page, above its stage headers and lanes, and on again as often as needed. Only a
// single lane, table or persona card taller than a whole page runs on over several pages.
(function () {
  var TABLES = ".ideas";
  function overflows(sheet) {
    var fit = sheet.querySelector(".fit");
    return fit.scrollHeight > sheet.clientHeight + 0.5;
  }
  function laneKeys(sheet) {
    return Array.prototype.map.call(sheet.querySelectorAll(".grid > .lane-title"), function (title) { return title.getAttribute("data-lane"); });
  }
  function laneParts(sheet, key) {
    return sheet.querySelectorAll('.grid > [data-lane="' + key + '"], .grid > [data-line="' + key + '"]');
  }
  function continuation(sheet) {
    var next = sheet.cloneNode(true);
    next.querySelectorAll(".grid > [data-lane], .grid > [data-line], .goal, .personas, " + TABLES).forEach(function (part) { part.remove(); });
    sheet.after(next);
    return next;
  }
  function moveLastLane(sheet, next) {
    var keys = laneKeys(sheet), grid = next.querySelector(".grid");
    var first = grid.querySelector(":scope > [data-lane], :scope > [data-line]");
    laneParts(sheet, keys[keys.length - 1]).forEach(function (part) { grid.insertBefore(part, first); });
  }
  function moveLastTable(sheet, next) {
    var tables = sheet.querySelectorAll(TABLES), last = tables[tables.length - 1];
    var target = next.querySelector(TABLES) || next.querySelector(".colophon");
    next.querySelector(".fit").insertBefore(last, target);
  }
  function movable(sheet) {
    var lanes = laneKeys(sheet).length;
    if (sheet.querySelectorAll(TABLES).length > (sheet.querySelector(".grid") ? 0 : 1)) { return moveLastTable; }
    return lanes > 1 || (lanes === 1 && sheet.querySelector(".personas, .goal")) ? moveLastLane : null;
  }
  function personasOf(next, sheet) {
    var cards = next.querySelector(".personas");
    if (!cards) {
      cards = sheet.querySelector(".personas").cloneNode(false);
      next.querySelector(".title-block").after(cards);
    }
    return cards;
  }
  function moveLastPersonas(sheet, next) {
    var cards = sheet.querySelectorAll(".persona"), target = personasOf(next, sheet);
    for (var index = cards.length - 1; index > 0 && overflows(sheet); index--) { target.prepend(cards[index]); }
  }
  function split(sheet) {
    var next = null, lanes = laneKeys(sheet).length;
    for (var move = movable(sheet); overflows(sheet) && move; move = movable(sheet)) {
      next = next || continuation(sheet);
      move(sheet, next);
    }
    if (lanes && !laneKeys(sheet).length) { sheet.querySelector(".grid").remove(); }
    if (overflows(sheet) && sheet.querySelectorAll(".persona").length > 1) {
      next = next || continuation(sheet);
      if (sheet.querySelector(".grid")) { sheet.querySelector(".grid").remove(); }
      moveLastPersonas(sheet, next);
    }
    if (next && next.querySelector(".grid") && !laneKeys(next).length && sheet.querySelector(".grid")) { next.querySelector(".grid").remove(); }
    if (overflows(sheet)) { sheet.classList.add("long"); }
  }
  function number() {
    var sheets = document.querySelectorAll(".sheet");
    sheets.forEach(function (sheet, index) {
      var label = sheet.querySelector(".page-number");
      sheet.setAttribute("data-sheet", String(index + 1));
      label.textContent = sheets.length > 1 ? " · " + label.getAttribute("data-label").replace("{number}", index + 1).replace("{total}", sheets.length) : "";
    });
  }
  function fit() {
    if (document.body.classList.contains("print")) {
      for (var sheet = document.querySelector(".sheet"); sheet; sheet = sheet.nextElementSibling) {
        if (sheet.classList.contains("sheet")) { split(sheet); }
      }
      number();
    }
    document.body.setAttribute("data-ready", "1");
  }
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(fit); } else { fit(); }
})();
