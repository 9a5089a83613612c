// The launch form's database choice: the existing databases and their password are shown only
// when "Use an existing empty database" is chosen (the new database's note otherwise), the
// password field only for "I know its password", the warning only for a new password. Without JavaScript everything stays shown and the server ignores what is not chosen.
(function () {
  "use strict";
  var block = document.querySelector("[data-existing-database]");
  if (!block) {
    return;
  }
  var form = block.closest("form");
  var known = block.querySelector("[data-known-password]");
  var resetNote = block.querySelector("[data-reset-note]");
  var newNote = form.querySelector("[data-new-database]");

  function chosen(name) {
    var checked = form.querySelector("input[name=" + name + "]:checked");
    return checked ? checked.value : "";
  }

  function show() {
    var existing = chosen("database_choice") === "existing";
    block.hidden = !existing;
    newNote.hidden = existing;
    known.hidden = chosen("password_way") !== "known";
    resetNote.hidden = !known.hidden;
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "database_choice" || event.target.name === "password_way") {
      show();
    }
  });
  show();
})();
