// Fills the DNS column of the domains list: one request brings the diagnoses the panel knows,
// which replace the "Checking…" placeholders. The panel checks only a few domains per view (OVH
// limits calls per minute) and the rest in the background, so while some are pending this asks
// again a little later, a bounded number of times. "Check again" (below the list, or in a
// domain's steps) asks for a fresh check, in place: open steps stay open and the copy buttons
// come back. Without JavaScript, the links show the same inline.
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

  function slotIn(html, focusFor) {
    var opened = {};
    table.querySelectorAll("[data-dns-for]").forEach(function (cell) {
      var details = cell.querySelector("details");
      opened[cell.getAttribute("data-dns-for")] = Boolean(details && details.open);
    });
    var holder = document.createElement("div");
    holder.innerHTML = html;
    holder.querySelectorAll("[data-dns-for]").forEach(function (fresh) {
      var name = fresh.getAttribute("data-dns-for");
      table.querySelectorAll("[data-dns-for]").forEach(function (cell) {
        if (cell.getAttribute("data-dns-for") === name) {
          var copy = fresh.cloneNode(true);
          var details = copy.querySelector("details");
          if (details && opened[name]) {
            details.open = true;
          }
          cell.replaceWith(copy);
          if (name === focusFor) {
            var target = copy.querySelector(".dns-refresh") || copy.querySelector(".badge");
            if (target) {
              target.setAttribute("tabindex", target.getAttribute("tabindex") || "-1");
              target.focus();
            }
          }
        }
      });
    });
    var summary = holder.querySelector("[data-dns-summary]");
    var shown = document.querySelector("p[data-dns-summary]");
    if (summary && shown) {
      shown.innerHTML = summary.innerHTML;
    }
    if (window.panelCopy) {
      window.panelCopy.reveal(table);
    }
    var pending = holder.querySelector("[data-dns-pending]");
    return pending ? parseInt(pending.getAttribute("data-dns-pending"), 10) || 0 : 0;
  }

  function load(fresh, focusFor) {
    fetch(url + (fresh ? "?fresh=1" : ""), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        if (slotIn(html, focusFor) > 0 && askedAgain < MAX_ASKS) {
          askedAgain += 1;
          window.setTimeout(function () { load(false, null); }, DELAY_MS);
        }
      })
      .catch(function () {
        table.querySelectorAll(".dns-pending").forEach(function (pending) {
          pending.textContent = pending.getAttribute("data-failed") || "?";
        });
      });
  }

  // Caught at the document: the links inside the cells arrive with them.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.dns-refresh");
    if (!link) {
      return;
    }
    event.preventDefault();
    var cell = link.closest("[data-dns-for]");
    if (cell) {
      link.textContent = table.getAttribute("data-checking") || link.textContent;
    }
    askedAgain = 0;
    load(true, cell ? cell.getAttribute("data-dns-for") : null);
  });

  load(false, null);
})();
