// fuyuan — progress for long report generation and ledger imports. The
// forms work without it; with it, a wait of more than a second shows a
// progress bar (the upload's share, then, for the ledger import, the rows
// read and the rows checked and filed as the server streams them).
(function () {
  "use strict";
  if (window.fuyuanReports) return;
  window.fuyuanReports = true;

  function show(form, text) {
    var bar = form.querySelector("progress");
    var label = form.querySelector("[data-progress-text]");
    var started = Date.now();
    var timer = window.setInterval(function () {
      var secs = Math.round((Date.now() - started) / 1000);
      if (secs < 1) return;
      if (bar) bar.hidden = false;
      if (label) {
        label.hidden = false;
        label.textContent = (typeof text === "function" ? text() : text) + "（已用时 " + secs + " 秒）";
      }
    }, 250);
    return {
      bar: bar,
      stop: function () { window.clearInterval(timer); }
    };
  }

  // Generation: the page posts as usual; after a second the bar appears.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.hasAttribute("data-progress")) return;
    show(form, form.getAttribute("data-progress"));
  });

  // Ledger import: the file goes to the API (data-stream), which answers with
  // a line of JSON every few hundred rows and the outcome last (api.md,
  // POST /imports/cases with Accept: application/x-ndjson).
  function element(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function showOutcome(form, out) {
    var main = document.querySelector("main");
    var old = main.querySelectorAll("[data-import-outcome], #row-errors");
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
    var head = main.querySelector(".page-head");
    var first;
    if (out.status === 200) {
      first = element("div", "alert alert-ok", "已导入 " + out.imported + " 件案件。");
      first.setAttribute("role", "status");
      first.setAttribute("data-import-outcome", "");
      head.parentNode.insertBefore(first, head.nextSibling);
    } else if (out.errors && out.errors.length) {
      first = element("section", "card");
      first.id = "row-errors";
      var alert = element("div", "alert alert-error", "台账中有 " + out.errors.length + " 处错误，未导入任何记录。请在 Excel 中改正下列单元格后重新上传。");
      alert.setAttribute("role", "alert");
      first.appendChild(alert);
      var wrap = element("div", "table-wrap");
      var table = element("table", "list");
      var tr = element("tr");
      tr.appendChild(element("th", "num", "行号"));
      tr.appendChild(element("th", null, "列"));
      tr.appendChild(element("th", null, "问题"));
      table.appendChild(element("thead")).appendChild(tr);
      var body = table.appendChild(element("tbody"));
      out.errors.forEach(function (e) {
        var r = element("tr");
        r.appendChild(element("td", "num", "第 " + e.row + " 行"));
        r.appendChild(element("td", null, e.field));
        r.appendChild(element("td", null, e.message));
        body.appendChild(r);
      });
      wrap.appendChild(table);
      first.appendChild(wrap);
      head.parentNode.insertBefore(first, head.nextSibling);
    } else {
      first = element("div", "alert alert-error", (out.error && out.error.message) || "导入失败，请重试");
      first.setAttribute("role", "alert");
      first.setAttribute("data-import-outcome", "");
      head.parentNode.insertBefore(first, head.nextSibling);
    }
    first.scrollIntoView();
  }

  // uploadFailed says that the upload of form did not reach the server and
  // lets the user send it again.
  function uploadFailed(form, p, button) {
    p.stop();
    if (button) button.disabled = false;
    var label = form.querySelector("[data-progress-text]");
    if (label) { label.hidden = false; label.textContent = "上传失败，请检查网络后重试"; }
  }

  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    var url = form.getAttribute("data-stream");
    if (!url || !window.FormData || !window.JSON) return;
    ev.preventDefault();
    ev.stopImmediatePropagation();
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    var phase = "正在上传";
    var p = show(form, function () { return phase; });
    var bar = p.bar;
    var xhr = new XMLHttpRequest();
    var seen = 0, outcome = null;
    function lines() {
      var text = xhr.responseText || "";
      var end;
      while ((end = text.indexOf("\n", seen)) >= 0) {
        var line = text.slice(seen, end);
        seen = end + 1;
        if (!line) continue;
        var m;
        try { m = JSON.parse(line); } catch (e) { continue; }
        if (m.status) { outcome = m; continue; }
        if (m.phase === "read") {
          phase = "正在读取台账：已读 " + m.done + " 行";
          if (bar) bar.removeAttribute("value");
        } else if (m.phase === "import" && m.total > 0) {
          if (bar) { bar.max = m.total; bar.value = m.done; }
          phase = "正在逐行校验并导入：" + m.done + " / " + m.total + " 行（" + Math.floor(m.done * 100 / m.total) + "%）";
        }
      }
    }
    xhr.open("POST", url);
    xhr.setRequestHeader("Accept", "application/x-ndjson");
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable && bar) {
        bar.max = 100;
        bar.value = Math.round(e.loaded * 100 / e.total);
        phase = "正在上传 " + bar.value + "%";
      }
    });
    xhr.upload.addEventListener("load", function () {
      phase = "已上传，正在读取台账";
      if (bar) bar.removeAttribute("value");
    });
    xhr.addEventListener("progress", lines);
    xhr.addEventListener("load", function () {
      p.stop();
      lines();
      if (!outcome) {
        try { outcome = JSON.parse(xhr.responseText); } catch (e) { outcome = {}; }
        outcome.status = outcome.status || xhr.status;
      }
      if (bar) bar.hidden = true;
      var label = form.querySelector("[data-progress-text]");
      if (label) label.hidden = true;
      if (button) button.disabled = false;
      form.reset();
      showOutcome(form, outcome);
    });
    xhr.addEventListener("error", function () { uploadFailed(form, p, button); });
    xhr.send(new FormData(form));
  }, true);

  // Upload: sent with XMLHttpRequest to follow the upload, then the page's
  // answer replaces the main part of this page.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.hasAttribute("data-upload") || form.hasAttribute("data-stream") || !window.FormData || !window.DOMParser) return;
    ev.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    var phase = "正在上传";
    var p = show(form, function () { return phase; });
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable && p.bar) {
        p.bar.max = 100;
        p.bar.value = Math.round(e.loaded * 100 / e.total);
        phase = "正在上传 " + p.bar.value + "%";
      }
    });
    xhr.upload.addEventListener("load", function () {
      phase = "已上传，正在逐行校验并导入";
      if (p.bar) p.bar.removeAttribute("value");
    });
    xhr.addEventListener("load", function () {
      p.stop();
      var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var next = doc.querySelector("main");
      var main = document.querySelector("main");
      if (next && main) {
        main.innerHTML = next.innerHTML;
        var first = main.querySelector("[role=alert], [role=status]");
        if (first) first.scrollIntoView();
      } else {
        form.submit();
      }
    });
    xhr.addEventListener("error", function () { uploadFailed(form, p, button); });
    xhr.send(new FormData(form));
  });
})();
