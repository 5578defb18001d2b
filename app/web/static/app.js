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
  // Searchable picker: <select data-picker="placeholder"> (single or
  // multiple) becomes a search box, a list to tap and chips with × to
  // remove: ~300 cases in a drop-down, or Ctrl-click in a multi-select, do
  // not work on a tablet. The select stays in the form, hidden, and posts
  // the same field as without script.
  var PICKER_LIMIT = 50;
  function picker(sel, n) {
    var multi = sel.multiple;
    var base = sel.id || ("picker-" + n);
    var wrap = document.createElement("div");
    wrap.className = "picker";
    var chips = document.createElement("ul");
    chips.className = "picker-chips";
    chips.setAttribute("aria-label", "已选");
    var input = document.createElement("input");
    input.type = "search";
    input.id = base + "-search";
    input.className = "picker-input";
    input.placeholder = sel.getAttribute("data-picker") || "输入案号、原告或被告查找";
    input.autocomplete = "off";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", base + "-options");
    if (sel.getAttribute("aria-describedby")) input.setAttribute("aria-describedby", sel.getAttribute("aria-describedby"));
    var list = document.createElement("ul");
    list.id = base + "-options";
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    if (multi) list.setAttribute("aria-multiselectable", "true");
    list.hidden = true;
    var label = sel.id && document.querySelector('label[for="' + sel.id + '"]');
    if (label) label.htmlFor = input.id;
    wrap.appendChild(chips);
    wrap.appendChild(input);
    wrap.appendChild(list);
    sel.parentNode.insertBefore(wrap, sel);
    sel.hidden = true;
    sel.tabIndex = -1;
    sel.setAttribute("aria-hidden", "true");

    function choices() {
      return Array.prototype.filter.call(sel.options, function (o) { return o.value !== ""; });
    }
    function changed() { sel.dispatchEvent(new Event("change", { bubbles: true })); }
    function renderChips() {
      chips.textContent = "";
      choices().forEach(function (o) {
        if (!o.selected) return;
        var li = document.createElement("li");
        li.className = "picker-chip";
        var text = document.createElement("span");
        text.textContent = o.text;
        var x = document.createElement("button");
        x.type = "button";
        x.className = "picker-remove";
        x.textContent = "×";
        x.setAttribute("aria-label", "移除 " + o.text);
        x.addEventListener("click", function () {
          o.selected = false;
          if (!multi) sel.value = "";
          renderChips();
          if (!list.hidden) filter();
          changed();
          input.focus();
        });
        li.appendChild(text);
        li.appendChild(x);
        chips.appendChild(li);
      });
      chips.hidden = !chips.firstChild;
    }
    var shown = [], active = -1;
    function norm(s) { return s.toLowerCase().replace(/\s+/g, ""); }
    function note(cls, text) {
      var li = document.createElement("li");
      li.className = cls;
      li.textContent = text;
      list.appendChild(li);
    }
    function filter() {
      var q = norm(input.value);
      list.textContent = "";
      shown = [];
      setActive(-1);
      var total = 0;
      choices().forEach(function (o) {
        if (multi && o.selected) return;
        if (q && norm(o.text).indexOf(q) < 0) return;
        total++;
        if (shown.length >= PICKER_LIMIT) return;
        var li = document.createElement("li");
        li.id = list.id + "-" + shown.length;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", o.selected ? "true" : "false");
        li.textContent = o.text;
        li.addEventListener("click", function () { choose(o); });
        list.appendChild(li);
        shown.push({ o: o, li: li });
      });
      if (!total) note("picker-none", q ? "没有找到匹配的案件" : "没有可选的案件");
      else if (total > shown.length) note("picker-more", "另有 " + (total - shown.length) + " 件未列出，请输入更多文字缩小范围");
    }
    function setActive(i) {
      if (active >= 0 && shown[active]) shown[active].li.classList.remove("active");
      active = i;
      if (i >= 0 && shown[i]) {
        shown[i].li.classList.add("active");
        shown[i].li.scrollIntoView({ block: "nearest" });
        input.setAttribute("aria-activedescendant", shown[i].li.id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function choose(o) {
      if (!multi) Array.prototype.forEach.call(sel.options, function (x) { x.selected = false; });
      o.selected = true;
      input.value = "";
      renderChips();
      changed();
      if (multi) {
        filter();
        input.focus();
      } else {
        close();
      }
    }
    function open() {
      filter();
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }
    input.addEventListener("focus", open);
    input.addEventListener("input", open);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        ev.preventDefault();
        if (list.hidden) open();
        if (!shown.length) return;
        var step = ev.key === "ArrowDown" ? 1 : -1;
        setActive((active + step + shown.length) % shown.length);
      } else if (ev.key === "Enter") {
        // Enter picks, never submits the form half-filled.
        ev.preventDefault();
        if (active >= 0) choose(shown[active].o);
        else if (shown.length === 1) choose(shown[0].o);
      } else if (ev.key === "Escape") {
        close();
      } else if (ev.key === "Backspace" && input.value === "" && multi) {
        var picked = choices().filter(function (o) { return o.selected; });
        if (picked.length) {
          picked[picked.length - 1].selected = false;
          renderChips();
          filter();
          changed();
        }
      }
    });
    document.addEventListener("click", function (ev) {
      if (!wrap.contains(ev.target)) close();
    });
    renderChips();
  }
  document.querySelectorAll("select[data-picker]").forEach(picker);
  // Narrow screens: a list table wider than its box is shown as a stack of
  // cards, each cell labelled with its column's heading (data-label), so
  // that no column hides behind a sideways scroll. Without script the table
  // scrolls inside its .table-wrap.
  function labelCells(table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
      return { text: th.innerText.replace(/[▲▼]/g, "").trim(), span: th.colSpan || 1 };
    });
    var labels = [];
    heads.forEach(function (h) { for (var i = 0; i < h.span; i++) labels.push(h.text); });
    var groups = Array.prototype.slice.call(table.tBodies);
    if (table.tFoot) groups.push(table.tFoot);
    groups.forEach(function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var col = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          if (!cell.hasAttribute("data-label")) cell.setAttribute("data-label", cell.colSpan > 1 ? "" : (labels[col] || ""));
          col += cell.colSpan || 1;
        });
      });
    });
  }
  function stackTables() {
    document.querySelectorAll("table.list").forEach(function (table) {
      var box = table.parentElement;
      if (!table.tHead || !box) return;
      table.classList.remove("stacked");
      if (table.offsetWidth > box.clientWidth + 1) {
        labelCells(table);
        table.classList.add("stacked");
      }
    });
  }
  // A drop-down in a form grid too narrow for the choice it shows takes the
  // whole row, so that long choices (案件类型 with its time limits, a long
  // organ name) are not cut off in their box.
  var measure = document.createElement("canvas").getContext("2d");
  function fitChoice(sel) {
    var field = sel.closest(".form-grid > .field");
    var opt = sel.options[sel.selectedIndex];
    if (!field || !opt || field.classList.contains("wide")) return;
    measure.font = getComputedStyle(sel).font;
    if (measure.measureText(opt.text).width > sel.clientWidth - 30) field.classList.add("wide", "fit-choice");
  }
  document.querySelectorAll("select:not([multiple])").forEach(fitChoice);
  document.addEventListener("change", function (ev) {
    if (ev.target.tagName === "SELECT" && !ev.target.multiple) fitChoice(ev.target);
  });
  var stackTimer;
  window.addEventListener("resize", function () {
    clearTimeout(stackTimer);
    stackTimer = setTimeout(stackTables, 100);
  });
  stackTables();
  // After a refused form: list its errors in a banner at the top of the
  // form, each a link to its field, and put the cursor in the first bad
  // field (for a case picker, its search box).
  function controlOf(field) {
    var ctl = field && field.querySelector("input:not([type=hidden]), select, textarea");
    if (ctl && ctl.hidden && ctl.previousElementSibling && ctl.previousElementSibling.classList.contains("picker")) {
      ctl = ctl.previousElementSibling.querySelector(".picker-input");
    }
    return ctl;
  }
  var firstError = document.querySelector("main .field-error");
  if (firstError) {
    var form = firstError.closest("form") || document.querySelector("main");
    var list = document.createElement("ul");
    form.querySelectorAll(".field-error").forEach(function (e) {
      var field = e.closest(".field");
      var label = field && field.querySelector("label, .label");
      var ctl = controlOf(field);
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = ctl && ctl.id ? "#" + ctl.id : "#";
      a.textContent = (label ? label.textContent.replace(/[\s*]+$/, "").trim() + "：" : "") + e.textContent.trim();
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        if (ctl) ctl.focus();
      });
      li.appendChild(a);
      list.appendChild(li);
    });
    var banner = form.querySelector(".alert-error");
    if (!banner) {
      banner = document.createElement("div");
      banner.className = "alert alert-error form-errors";
      var p = document.createElement("p");
      p.textContent = "有 " + list.children.length + " 处需要更正：";
      banner.appendChild(p);
      form.insertBefore(banner, form.firstChild);
    }
    banner.appendChild(list);
    var bad = controlOf(firstError.closest(".field"));
    var fold = bad && bad.closest("details");
    if (fold) fold.open = true;
    if (bad) bad.focus();
  }
  // Print buttons: <button data-print>
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
})();
