// One-time links carry their code after "#": browsers never send it, so it stays out of every
// server and access log. This copies it into the form, hides that field and drops it from the
// address bar (and so from the history). Without JavaScript the field stays, to paste by hand.
(function () {
  "use strict";
  var input = document.getElementById("token");
  var group = document.getElementById("link-code");
  if (!input || !group) {
    return;
  }
  var code = window.location.hash.replace(/^#/, "");
  if (code) {
    input.value = decodeURIComponent(code);
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  if (input.value) {
    group.hidden = true;
  }
})();
