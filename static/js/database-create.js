// The create-database form: when the engine changes, fetch that engine's versions and offer them
// (its default chosen) without reloading the page; show the size only for offers that take one.
// Without JavaScript, the "Update versions" button asks the server for the same thing.
(function () {
  "use strict";
  var engine = document.querySelector("select[data-versions-url]");
  if (engine) {
    var versions = document.getElementById(engine.getAttribute("data-versions-target"));
    var refresh = document.querySelector(".versions-refresh");
    if (refresh) {
      refresh.hidden = true;
    }
    engine.addEventListener("change", function () {
      var url = engine.getAttribute("data-versions-url") + "?type=" + encodeURIComponent(engine.value);
      versions.disabled = true;
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("status " + response.status);
          }
          return response.json();
        })
        .then(function (found) {
          versions.replaceChildren();
          found.versions.forEach(function (version) {
            var option = new Option(version, version, false, version === found["default"]);
            versions.add(option);
          });
          versions.disabled = false;
        })
        .catch(function () {
          versions.disabled = false;
          if (refresh) {
            refresh.hidden = false;
          }
        });
    });
  }

  var offer = document.querySelector("select[data-quota-offers]");
  var quota = document.getElementById("quota-field");
  if (offer && quota) {
    var takesQuota = (offer.getAttribute("data-quota-offers") || "").split(" ");
    var showQuota = function () {
      quota.hidden = takesQuota.indexOf(offer.value) === -1;
    };
    offer.addEventListener("change", showQuota);
    showQuota();
  }
})();
