// fuyuan — the little JavaScript the pages use. Everything works without it;
// it only adds conveniences. No inline scripts: the CSP forbids them.
(function () {
  "use strict";
  // Confirm buttons: <button data-confirm="确定结案？">
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      ev.preventDefault();
    }
  });
  // Mark fields that carry an error, for styling.
  document.querySelectorAll(".field-error").forEach(function (e) {
    var f = e.closest(".field");
    if (f) f.classList.add("has-error");
  });
  // Show/hide dependent inputs: <div data-show-when="method=judgment">
  function sync() {
    document.querySelectorAll("[data-show-when]").forEach(function (el) {
      var parts = el.getAttribute("data-show-when").split("=");
      var ctl = document.querySelector('[name="' + parts[0] + '"]');
      if (!ctl) return;
      var v = ctl.type === "checkbox" ? (ctl.checked ? "1" : "") : ctl.value;
      el.hidden = parts[1].split("|").indexOf(v) < 0;
    });
  }
  document.addEventListener("change", sync);
  sync();
  // A case picked for a letter fills in its defendant organ:
  // <select data-fills-organ="organ-select-id"><option data-organ="12">
  document.querySelectorAll("[data-fills-organ]").forEach(function (sel) {
    sel.addEventListener("change", function () {
      var opt = sel.options[sel.selectedIndex];
      var organ = document.getElementById(sel.getAttribute("data-fills-organ"));
      if (opt && organ && opt.getAttribute("data-organ")) organ.value = opt.getAttribute("data-organ");
    });
  });
  // Print buttons: <button data-print>
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
})();
