// Fills the DNS column of the domains list: one request brings the diagnoses the panel knows,
// which replace the "Checking…" placeholders. The panel checks only a few domains per view (OVH
// limits calls per minute) and the rest in the background, so while some are pending this asks
// again a little later, a bounded number of times. "Check again" asks for a fresh check.
// Without JavaScript, the links show the same inline.
(function () {
  "use strict";
  var table = document.querySelector("[data-dns-url]");
  if (!table) {
    return;
  }
  var url = table.getAttribute("data-dns-url");
  var askedAgain = 0;
  var MAX_ASKS = 12;
  var DELAY_MS = 5000;

  function slotIn(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    holder.querySelectorAll("[data-dns-for]").forEach(function (fresh) {
      var name = fresh.getAttribute("data-dns-for");
      table.querySelectorAll("[data-dns-for]").forEach(function (cell) {
        if (cell.getAttribute("data-dns-for") === name) {
          cell.replaceWith(fresh.cloneNode(true));
        }
      });
    });
    var summary = holder.querySelector("[data-dns-summary]");
    var shown = document.querySelector("p[data-dns-summary]");
    if (summary && shown) {
      shown.innerHTML = summary.innerHTML;
      bindRefresh();
    }
    var pending = holder.querySelector("[data-dns-pending]");
    return pending ? parseInt(pending.getAttribute("data-dns-pending"), 10) || 0 : 0;
  }

  function load(fresh) {
    fetch(url + (fresh ? "?fresh=1" : ""), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        if (slotIn(html) > 0 && askedAgain < MAX_ASKS) {
          askedAgain += 1;
          window.setTimeout(function () { load(false); }, DELAY_MS);
        }
      })
      .catch(function () {
        table.querySelectorAll(".dns-pending").forEach(function (pending) {
          pending.textContent = pending.getAttribute("data-failed") || "?";
        });
      });
  }

  function bindRefresh() {
    document.querySelectorAll("a.dns-refresh").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        askedAgain = 0;
        load(true);
      });
    });
  }

  bindRefresh();
  load(false);
})();
