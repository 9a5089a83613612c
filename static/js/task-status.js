// Keeps a task's status up to date: every 2 seconds, while the task runs, the status block is
// replaced by a fresh copy from the server. Without JavaScript the block's refresh link does it.
// When a status changes, the page's live region says so in words (for screen readers), without
// moving the focus.
(function () {
  "use strict";
  var INTERVAL_MS = 2000;
  var announcer = document.querySelector("[data-task-announcer]");

  function statusOf(block) {
    var badge = block.querySelector("[data-status]");
    return badge ? badge.getAttribute("data-status") : "";
  }

  function announce(block) {
    if (!announcer) {
      return;
    }
    var heading = block.previousElementSibling;
    var badge = block.querySelector("[data-status]");
    var sentence = block.querySelector(".card-body > p:not(:first-child), [data-failure] p");
    var parts = [heading && heading.tagName.charAt(0) === "H" ? heading.textContent : "",
      badge ? badge.textContent : "", sentence ? sentence.textContent : ""];
    announcer.textContent = parts.map(function (part) { return part.trim(); })
      .filter(Boolean).join(". ");
  }

  function follow(block) {
    var url = block.getAttribute("data-poll-url");
    if (!url || block.getAttribute("data-final") === "true") {
      return;
    }
    window.setTimeout(function () {
      fetch(url, { headers: { "X-Requested-With": "fetch" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("status " + response.status);
          }
          return response.text();
        })
        .then(function (html) {
          var holder = document.createElement("div");
          holder.innerHTML = html.trim();
          var fresh = holder.firstElementChild;
          if (!fresh) {
            throw new Error("empty answer");
          }
          // A "Technical details" box someone opened stays open across refreshes.
          var opened = block.querySelector("details[open]");
          var again = fresh.querySelector("details");
          if (opened && again) {
            again.open = true;
          }
          var changed = statusOf(block) !== statusOf(fresh);
          block.replaceWith(fresh);
          if (changed) {
            announce(fresh);
          }
          follow(fresh);
        })
        .catch(function () {
          follow(block);
        });
    }, INTERVAL_MS);
  }

  document.querySelectorAll("[data-poll-url]").forEach(follow);
})();
