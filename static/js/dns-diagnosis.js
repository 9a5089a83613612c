// Fills the DNS column of the domains list: one request brings every domain's diagnosis, which
// replaces the "Checking…" placeholders. Without JavaScript, a link shows the same inline.
(function () {
  "use strict";
  var table = document.querySelector("[data-dns-url]");
  if (!table) {
    return;
  }
  fetch(table.getAttribute("data-dns-url"), { credentials: "same-origin" })
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
            cell.replaceWith(fresh.cloneNode(true));
          }
        });
      });
    })
    .catch(function () {
      table.querySelectorAll(".dns-pending").forEach(function (pending) {
        pending.textContent = pending.getAttribute("data-failed") || "?";
      });
    });
})();
