// fuyuan — progress for long report generation and ledger imports. The
// forms work without it; with it, a wait of more than a second shows a
// progress bar (the upload's share, then the time spent checking).
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

  // Upload: sent with XMLHttpRequest to follow the upload, then the page's
  // answer replaces the main part of this page.
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.hasAttribute("data-upload") || !window.FormData || !window.DOMParser) return;
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
    xhr.addEventListener("error", function () {
      p.stop();
      if (button) button.disabled = false;
      phase = "上传失败，请检查网络后重试";
      var label = form.querySelector("[data-progress-text]");
      if (label) { label.hidden = false; label.textContent = phase; }
    });
    xhr.send(new FormData(form));
  });
})();
