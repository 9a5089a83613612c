// The address and folder fields of the attach and launch forms: as the address is typed, the
// folder named after it is proposed (until the person writes their own), the www. box is unticked
// and explained for a subdomain, and a folder that already shows other addresses is said at once.
// The server makes the same checks when the form is sent; without JavaScript it says them then.
(function () {
  "use strict";
  var form = document.querySelector("[data-attach-form]");
  if (!form) {
    return;
  }
  var domain = form.querySelector("input[name=domain]");
  var folder = form.querySelector("input[name=path]");
  var www = form.querySelector("input[name=with_www]");
  var wwwNote = form.querySelector("[data-www-note]");
  var warning = form.querySelector("[data-folder-warning]");
  var folders = JSON.parse(folder.getAttribute("data-folders") || "{}");
  var proposed = folder.value === "" || folder.value === folder.getAttribute("data-proposal");
  var current = null;
  var timer = null;

  function same(path) {
    path = path.trim();
    while (path.indexOf("./") === 0) {
      path = path.slice(2);
    }
    return path.replace(/\/{2,}/g, "/").replace(/\/+$/, "") || ".";
  }

  function warn() {
    var mine = current ? [current.ascii, "www." + current.ascii] : [];
    var users = (folders[same(folder.value)] || []).filter(function (name) {
      return mine.indexOf(name) < 0;
    });
    warning.hidden = users.length === 0;
    warning.querySelector("[data-folder-users]").textContent = users.join(", ");
  }

  function ask(then) {
    var url = form.getAttribute("data-name-url") + "?domain=" + encodeURIComponent(domain.value);
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (name) {
        current = name && name.ascii ? name : null;
        if (current && proposed) {
          folder.value = current.folder;
        }
        if (www) {
          var sub = Boolean(current && current.subdomain);
          if (sub) {
            www.checked = false;
          }
          www.disabled = sub;
          wwwNote.hidden = !sub;
        }
        warn();
        if (then) {
          then();
        }
      })
      .catch(function () {
        if (then) {
          then();
        }
      });
  }

  domain.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 250);
  });
  // An address pasted from the browser (https://…/) is shown as the domain it stands for.
  domain.addEventListener("change", function () {
    ask(function () {
      if (current && domain.value.trim() !== current.unicode) {
        domain.value = current.unicode;
      }
    });
  });
  folder.addEventListener("input", function () {
    proposed = folder.value === "";
    warn();
  });
  // Sent before the proposal came back: fill it in first (the server would refuse no folder).
  form.addEventListener("submit", function (event) {
    if (folder.value.trim() === "" && domain.value.trim() !== "" && proposed) {
      event.preventDefault();
      var submitter = event.submitter;
      ask(function () {
        if (folder.value.trim() !== "") {
          form.requestSubmit(submitter);
        }
      });
    }
  });
  if (domain.value) {
    ask();
  } else {
    warn();
  }
})();
