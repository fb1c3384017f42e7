/**
 * The browser side of Embedded Signup's stand-ins, served as script files (the sandbox's pages
 * allow no inline script). `SDK_SCRIPT` plays Meta's JavaScript SDK (connect.facebook.net):
 * `FB.init`, `FB.login` (it opens the popup and answers the callback with `authResponse.code`, or
 * none when the user leaves) and `FB.getLoginStatus`. `POPUP_SCRIPT` is the popup's: it asks the
 * emulator for a code, then posts Meta's `WA_EMBEDDED_SIGNUP` session message to the opener
 * (a JSON string, as Meta does) and closes.
 */
export const SDK_SCRIPT = String.raw`(function () {
  var script = document.currentScript;
  var base = script ? script.src.replace(/\/sdk\.js(\?.*)?$/, "") : "";
  var origin = new URL(base || location.href).origin;
  var settings = null;
  var FB = {
    init: function (options) {
      settings = Object.assign({ version: "v23.0" }, options || {});
    },
    getLoginStatus: function (callback) {
      callback({ status: "unknown", authResponse: null });
    },
    login: function (callback, options) {
      if (!settings || !settings.appId) throw new Error("FB.login() called before FB.init().");
      options = options || {};
      var url = new URL(base + "/" + settings.version + "/dialog/embedded_signup");
      url.searchParams.set("client_id", settings.appId);
      url.searchParams.set("config_id", options.config_id || "");
      url.searchParams.set("response_type", options.response_type || "token");
      url.searchParams.set("override_default_response_type", String(!!options.override_default_response_type));
      url.searchParams.set("extras", JSON.stringify(options.extras || {}));
      var popup = window.open(url.toString(), "wa_embedded_signup", "width=640,height=720");
      var answered = false;
      function answer(response) {
        if (answered) return;
        answered = true;
        window.removeEventListener("message", onMessage);
        clearInterval(watch);
        callback(response);
      }
      function onMessage(event) {
        if (event.origin !== origin || event.source !== popup) return;
        var data = event.data;
        if (!data || typeof data !== "object" || data.type !== "emulator_sdk_login") return;
        answer(
          data.code
            ? { status: "connected", authResponse: { code: data.code, userID: data.userID, expiresIn: null } }
            : { status: "unknown", authResponse: null },
        );
      }
      window.addEventListener("message", onMessage);
      // Closing the popup without an answer is a cancel.
      var watch = setInterval(function () {
        if (!popup || popup.closed) setTimeout(function () { answer({ status: "unknown", authResponse: null }); }, 300);
      }, 200);
    },
  };
  window.FB = FB;
  if (typeof window.fbAsyncInit === "function") window.fbAsyncInit();
})();
`;

export const POPUP_SCRIPT = String.raw`(function () {
  var root = document.getElementById("signup");
  var finishUrl = root.getAttribute("data-finish");
  var sessionEvents = root.getAttribute("data-session-events") === "true";
  var opener = window.opener;
  function post(message) {
    if (opener && sessionEvents) opener.postMessage(JSON.stringify(message), "*");
  }
  function login(code, userID) {
    if (opener) opener.postMessage({ type: "emulator_sdk_login", code: code, userID: userID }, "*");
  }
  function done() {
    setTimeout(function () { window.close(); }, 50);
  }
  function selected() {
    return Array.prototype.map.call(document.querySelectorAll("input[name=waba]:checked"), function (b) { return b.value; });
  }
  function finish(onlyWaba) {
    var status = document.getElementById("status");
    fetch(finishUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        client_id: root.getAttribute("data-client-id"),
        config_id: root.getAttribute("data-config-id"),
        waba_ids: selected(),
        only_waba: onlyWaba,
      }),
    })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (answer) {
        if (!answer.ok) {
          status.textContent = answer.body.error ? answer.body.error.message : "Something went wrong.";
          return;
        }
        var b = answer.body;
        var data = onlyWaba
          ? { waba_id: b.waba_id, business_id: b.business_id }
          : { phone_number_id: b.phone_number_id, waba_id: b.waba_id, business_id: b.business_id };
        post({ data: data, type: "WA_EMBEDDED_SIGNUP", event: onlyWaba ? "FINISH_ONLY_WABA" : "FINISH", version: 3 });
        login(b.code, b.user_id);
        done();
      });
  }
  document.getElementById("finish").addEventListener("click", function () { finish(false); });
  document.getElementById("finish-only-waba").addEventListener("click", function () { finish(true); });
  document.getElementById("cancel").addEventListener("click", function () {
    post({ data: { current_step: document.getElementById("step").value }, type: "WA_EMBEDDED_SIGNUP", event: "CANCEL", version: 3 });
    login(null);
    done();
  });
  document.getElementById("report-error").addEventListener("click", function () {
    post({
      data: {
        error_message: document.getElementById("error-message").value,
        error_id: "524126",
        session_id: root.getAttribute("data-session-id"),
        timestamp: String(Math.floor(Date.now() / 1000)),
      },
      type: "WA_EMBEDDED_SIGNUP",
      event: "ERROR",
      version: 3,
    });
    login(null);
    done();
  });
})();
`;
