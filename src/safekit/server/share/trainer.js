// The room view. Everything from the server is put on the page as text (never as HTML), so a
// pseudonym or reflection containing markup is shown, not run.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("safekit-config").textContent);
  var S = config.strings, lang = config.lang;
  var reviewing = false;
  var view = "room", selected = localStorage.getItem("safekit-exercise") || "", state = null;
  var main = document.getElementById("main"), select = document.getElementById("exercise");

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; } else if (k === "class") { node.className = attrs[k]; }
      else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(c); } });
    return node;
  }
  function cookie(name) {
    var m = document.cookie.match("(?:^|; )" + name + "=([^;]*)");
    return m ? decodeURIComponent(m[1]) : "";
  }
  function post(path, body) {
    return fetch(path, { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-XSRFToken": cookie("_xsrf") },
      body: JSON.stringify(body) }).then(refresh);
  }
  // a percentage as the room view's language writes it (67%, 67 %), by the browser's own rules
  var percentFormat = null;
  try {
    percentFormat = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 });
  } catch (e) {
    percentFormat = null;
  }
  function percent(pct) {
    return percentFormat ? percentFormat.format(pct / 100) : pct + "%";
  }

  function bar(label, count, pct, cls, extra) {
    return el("div", { class: "bar" }, [
      el("div", {}, [el("span", { text: label }), extra || null]),
      el("div", { class: "track" }, [el("div", { class: "fill " + (cls || ""), style: "width:" + pct + "%" })]),
      el("div", { class: "num", text: count + " · " + percent(pct) })
    ]);
  }
  function keyOf(x) { return x.case + "/" + x.exercise; }

  function renderJoin() {
    main.replaceChildren(el("div", { class: "join" }, [
      el("img", { src: "trainer/qr.svg", alt: S.join_here }),
      el("div", {}, [
        el("h2", { text: S.join_here }),
        el("p", { class: "sub", text: S.code }),
        el("div", { class: "code", text: state ? state.code : "" }),
        el("p", { class: "link", text: state ? state.link : "" }),
        state && state.fingerprint ? el("p", { class: "sub", text: S.fingerprint + " " + state.fingerprint }) : null
      ])
    ]));
  }

  function renderExercise(x) {
    var parts = [el("h2", { text: x.case_title }),
      el("p", { class: "sub", text: x.title + " · " + x.answered + " " + S.answered })];
    var controls = el("div", { class: "controls" });
    if (x.mode === "personal") {
      parts.push(el("p", { class: "notice", text: S.personal }));
    } else if (x.mode === "bars") {
      var b = el("button", { type: "button", class: x.revealed ? "" : "primary", text: x.revealed ? S.hide : S.reveal });
      b.addEventListener("click", function () { post("trainer/api/reveal", { case: x.case, exercise: x.exercise, shown: !x.revealed }); });
      controls.appendChild(b);
      parts.push(controls);
      if (!x.revealed) { parts.push(el("p", { class: "notice", text: S.hidden })); }
      else if (!x.enough) { parts.push(el("p", { class: "notice", text: S.too_few.replace("{n}", state.min_group) })); }
      else { parts = parts.concat(renderData(x.data)); }
    } else {
      parts.push(el("h3", { text: S.approved }));
      (x.approved.length ? x.approved : [null]).forEach(function (text) {
        parts.push(text === null ? el("p", { class: "notice", text: S.none_shared }) : el("blockquote", { class: "quote", text: text }));
      });
      // Reflections waiting for approval are listed only when the trainer asks, so that they
      // never appear on the projector by accident.
      var waiting = x.shared.filter(function (s) { return !s.approved; }).length;
      var toggleReview = el("button", { type: "button", class: reviewing ? "" : "primary",
        text: reviewing ? S.review_done : S.review.replace("{n}", waiting) });
      toggleReview.addEventListener("click", function () { reviewing = !reviewing; render(); });
      parts.splice(2, 0, el("div", { class: "controls" }, [toggleReview]));
      if (reviewing && x.shared.length) {
        parts.push(el("h3", { text: S.shared }));
        x.shared.forEach(function (s) {
          var btn = el("button", { type: "button", class: s.approved ? "" : "primary", text: s.approved ? S.withdraw : S.approve });
          btn.addEventListener("click", function () { post("trainer/api/approve", { case: x.case, key: s.key, approve: !s.approved }); });
          // a detail that could identify someone is named beside the text, before it is shown
          var warn = s.warning ? el("p", { class: "warning", text: S.identifying.replace("{what}", s.warning) }) : null;
          parts.push(el("div", { class: "pending" }, [btn, el("span", {}, [el("span", { text: s.text }), warn])]));
        });
      }
    }
    main.replaceChildren.apply(main, parts);
  }

  // Every exercise kind sends the same shape: groups of bars, each bar with a count and a
  // percentage, right (true), wrong (false) or neither (null), and an optional tag.
  function renderData(groups) {
    var out = [];
    (groups || []).forEach(function (g) {
      out.push(el("h3", { text: g.title }));
      g.bars.forEach(function (b) {
        var cls = b.correct === true ? "correct" : (b.correct === false ? "wrong" : "");
        var tag = null;
        if (b.tag) {
          tag = b.tone === "key" ? el("span", { class: "tag", text: b.tag })
            : el("span", { class: "verdict-" + (b.tone || ""), text: " (" + b.tag + ")" });
        }
        out.push(bar(b.label, b.count, b.pct, cls, tag));
      });
    });
    return out;
  }

  function renderSelect() {
    var keys = state.exercises.map(keyOf);
    if (select.options.length !== keys.length) {
      select.replaceChildren.apply(select, state.exercises.map(function (x) {
        return el("option", { value: keyOf(x), text: x.case_title + " · " + x.title });
      }));
    }
    state.exercises.forEach(function (x, i) {
      select.options[i].textContent = x.case_title + " · " + x.title + " (" + x.answered + ")";
    });
    if (keys.indexOf(selected) < 0) { selected = keys[0]; }
    select.value = selected;
  }

  function render() {
    if (!state) { return; }
    document.getElementById("title").textContent = S.title;
    document.getElementById("joined").textContent = S.joined + ": " + state.joined;
    document.getElementById("show-join").textContent = S.join_screen;
    document.getElementById("show-room").textContent = S.room_screen;
    renderSelect();
    if (view === "join") { renderJoin(); return; }
    var x = state.exercises.filter(function (e) { return keyOf(e) === selected; })[0];
    if (x) { renderExercise(x); }
  }

  function refresh() {
    return fetch("trainer/api/state?lang=" + encodeURIComponent(lang), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (s) { state = s; render(); })
      .catch(function () {});
  }
  select.addEventListener("change", function () {
    selected = select.value; localStorage.setItem("safekit-exercise", selected); view = "room"; reviewing = false; render();
  });
  document.getElementById("show-join").addEventListener("click", function () { view = "join"; render(); });
  document.getElementById("show-room").addEventListener("click", function () { view = "room"; render(); });
  var langButton = document.getElementById("lang");  // the next of the course's languages
  if (langButton) {
    langButton.addEventListener("click", function () {
      location.search = "?lang=" + encodeURIComponent(langButton.dataset.lang);
    });
  }
  document.addEventListener("keydown", function (e) {
    if (e.target.tagName === "SELECT") { return; }
    var i = select.selectedIndex;
    if (e.key === "ArrowRight" && i + 1 < select.options.length) { select.selectedIndex = i + 1; }
    else if (e.key === "ArrowLeft" && i > 0) { select.selectedIndex = i - 1; }
    else { return; }
    select.dispatchEvent(new Event("change"));
  });
  document.getElementById("title").textContent = S.title;
  document.getElementById("show-join").textContent = S.join_screen;
  document.getElementById("show-room").textContent = S.room_screen;
  refresh();
  setInterval(refresh, 1000);
})();
