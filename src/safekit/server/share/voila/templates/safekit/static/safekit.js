// safekit participant page: hide the loading message once the app is drawn, and shut the
// kernel down when the page goes away (reload, closing the tab), sending the CSRF token.
(function () {
  "use strict";
  function cookie(name) {
    var m = document.cookie.match("(?:^|; )" + name + "=([^;]*)");
    return m ? decodeURIComponent(m[1]) : "";
  }
  function config() {
    var el = document.getElementById("jupyter-config-data");
    try { return el ? JSON.parse(el.textContent) : {}; } catch (e) { return {}; }
  }
  var shutDown = false;
  function shutdownKernel() {
    if (shutDown) { return; }
    var cfg = config();
    if (!cfg.kernelId) { return; }
    shutDown = true;
    var base = cfg.baseUrl || "/";
    fetch(base + "api/kernels/" + cfg.kernelId, {
      method: "DELETE",
      keepalive: true,
      credentials: "same-origin",
      headers: { "X-XSRFToken": cookie("_xsrf") }
    }).catch(function () {});
  }
  window.addEventListener("pagehide", shutdownKernel);
  // Show the app as soon as its first widget is on the page.
  var observer = new MutationObserver(function () {
    if (document.querySelector(".sk-app")) {
      var loading = document.getElementById("sk-loading");
      if (loading) { loading.remove(); }
      observer.disconnect();
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  // If it takes unusually long, say so and offer a reload: answers are kept on the server.
  setTimeout(function () {
    var box = document.querySelector("#sk-loading .sk-loading-box");
    if (!box || document.querySelector(".sk-app")) { return; }
    var p = document.createElement("p"), a = document.createElement("a");
    p.textContent = document.body.dataset.skSlow + " ";
    a.href = "";
    a.textContent = document.body.dataset.skReload;
    p.appendChild(a);
    box.appendChild(p);
  }, 20000);
})();
