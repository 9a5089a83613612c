// "Suggest a password" for the password_pair macro: a password OVH's policy accepts (letters and
// digits, at least one capital, one lower-case letter and one digit), drawn with the browser's
// cryptographic generator, put in both fields and shown once to copy. It never leaves the page
// except in the form itself.
(function () {
  "use strict";
  if (!window.crypto || !window.crypto.getRandomValues) {
    return;
  }
  var SETS = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789"];
  function below(count) {
    // A uniform number in [0, count), rejecting the bytes that would bias it.
    var limit = 256 - (256 % count);
    var byte = new Uint8Array(1);
    do {
      window.crypto.getRandomValues(byte);
    } while (byte[0] >= limit);
    return byte[0] % count;
  }
  function pick(chars) {
    return chars.charAt(below(chars.length));
  }
  function generate(length) {
    var all = SETS.join("");
    var chars = SETS.map(pick);
    while (chars.length < length) {
      chars.push(pick(all));
    }
    for (var i = chars.length - 1; i > 0; i--) {
      var j = below(i + 1);
      var swap = chars[i];
      chars[i] = chars[j];
      chars[j] = swap;
    }
    return chars.join("");
  }
  document.querySelectorAll("[data-password-generator]").forEach(function (pair) {
    var suggestion = pair.querySelector(".password-suggestion");
    var shown = pair.querySelector("[data-generated]");
    var text = pair.querySelector("[data-generated-text]");
    var copy = shown.querySelector("button[data-copy-text]");
    suggestion.hidden = false;
    pair.querySelector("[data-generate]").addEventListener("click", function () {
      var password = generate(parseInt(pair.dataset.length, 10) || 16);
      document.getElementById(pair.dataset.password).value = password;
      document.getElementById(pair.dataset.confirm).value = password;
      text.textContent = password;
      copy.setAttribute("data-copy-text", password);
      copy.hidden = !navigator.clipboard;
      shown.hidden = false;
    });
  });
})();
