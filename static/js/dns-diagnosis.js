// Fills the DNS column of the domains list: one request brings every domain's diagnosis, which
// replaces the "Checking…" placeholders. "Check again" asks OVH anew (?fresh=1) the same way,
// without leaving the page. Without JavaScript, links show the same inline.
(function () {
  "use strict";
  var table = document.querySelector("[data-dns-url]");
  if (!table) {
    return;
  }
  var url = table.getAttribute("data-dns-url");

  function load(fresh, focusFor) {
    var opened = {};
    table.querySelectorAll("[data-dns-for]").forEach(function (cell) {
      var details = cell.querySelector("details");
      opened[cell.getAttribute("data-dns-for")] = details && details.open;
    });
    return fetch(url + (fresh ? "?fresh=1" : ""), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
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
                var target = copy.querySelector(".dns-recheck") || copy.querySelector(".badge");
                if (target) {
                  target.setAttribute("tabindex", target.getAttribute("tabindex") || "-1");
                  target.focus();
                }
              }
            }
          });
        });
        if (window.panelCopy) {
          window.panelCopy.reveal(table);
        }
      })
      .catch(function () {
        table.querySelectorAll(".dns-pending").forEach(function (pending) {
          pending.textContent = pending.getAttribute("data-failed") || "?";
        });
      });
  }

  table.addEventListener("click", function (event) {
    var link = event.target.closest(".dns-recheck");
    if (!link) {
      return;
    }
    event.preventDefault();
    var cell = link.closest("[data-dns-for]");
    link.setAttribute("aria-disabled", "true");
    link.textContent = table.getAttribute("data-checking") || link.textContent;
    load(true, cell ? cell.getAttribute("data-dns-for") : null);
  });

  if (table.querySelector(".dns-pending")) {
    load(false, null);
  } else if (window.panelCopy) {
    window.panelCopy.reveal(table);
  }
})();
