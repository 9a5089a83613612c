// The password generator of the password_field macro (templates/_macros/forms.html): a strong
// password meeting the field's rules (its data-password-* attributes), from the browser's secure
// random source, filled into the field and its confirmation and shown so it can be copied.
// Loaded once per password field; the first copy does the work for the whole page.
(function () {
  "use strict";
  if (window.panelPasswords || !window.crypto || !window.crypto.getRandomValues) {
    return;
  }
  window.panelPasswords = true;

  function randomIndex(size) {
    // Rejection sampling: every character equally likely.
    var limit = Math.floor(4294967296 / size) * size;
    var value = new Uint32Array(1);
    do {
      window.crypto.getRandomValues(value);
    } while (value[0] >= limit);
    return value[0] % size;
  }

  function generate(length, alphabet, required) {
    for (;;) {
      var password = "";
      for (var i = 0; i < length; i += 1) {
        password += alphabet.charAt(randomIndex(alphabet.length));
      }
      var meets = required.every(function (group) {
        return password.split("").some(function (c) { return group.indexOf(c) !== -1; });
      });
      if (meets) {
        return password;
      }
    }
  }

  function setUp(box) {
    var field = document.getElementById(box.dataset.passwordTarget);
    var confirm = box.dataset.passwordConfirm ? document.getElementById(box.dataset.passwordConfirm) : null;
    var tools = box.querySelector(".password-generator");
    if (!field || !tools) {
      return;
    }
    var copy = tools.querySelector("[data-password-copy]");
    var note = tools.querySelector("[data-password-note]");
    tools.hidden = false;
    tools.querySelector("[data-password-generate]").addEventListener("click", function () {
      var required = (box.dataset.passwordRequired || "").split(" ").filter(Boolean);
      var password = generate(Number(box.dataset.passwordLength), box.dataset.passwordAlphabet, required);
      field.type = "text";
      field.value = password;
      if (confirm) {
        confirm.value = password;
      }
      note.textContent = note.dataset.generated;
      copy.hidden = !navigator.clipboard;
    });
    copy.addEventListener("click", function () {
      var label = copy.dataset.label || copy.textContent;
      copy.dataset.label = label;
      navigator.clipboard.writeText(field.value).then(function () {
        copy.textContent = copy.dataset.copied;
        window.setTimeout(function () { copy.textContent = label; }, 2000);
      });
    });
    // Typing again hides what was generated.
    field.addEventListener("input", function () {
      field.type = "password";
      note.textContent = "";
      copy.hidden = true;
    });
  }

  function start() {
    document.querySelectorAll(".password-field[data-password-target]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
