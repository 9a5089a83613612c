// Copy buttons: <button data-copy="element-id"> copies that element's text, <button
// data-copy-text="…"> copies its own attribute; data-copied is said for two seconds after. The
// buttons stay hidden without JavaScript or a clipboard (the text is selectable by hand either
// way). Buttons added later (the DNS column arrives after the page) are shown by
// window.panelCopy.reveal(root); clicks are caught at the document, so they work too.
(function () {
  "use strict";
  if (!navigator.clipboard) {
    return;
  }
  function textFor(button) {
    if (button.hasAttribute("data-copy-text")) {
      return button.getAttribute("data-copy-text");
    }
    var source = document.getElementById(button.dataset.copy);
    return source ? source.textContent.trim() : null;
  }
  function reveal(root) {
    (root || document).querySelectorAll("button[data-copy], button[data-copy-text]").forEach(function (button) {
      if (textFor(button) !== null) {
        button.hidden = false;
      }
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-copy], button[data-copy-text]");
    var text = button && textFor(button);
    if (text === null || !button) {
      return;
    }
    var label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    navigator.clipboard.writeText(text).then(function () {
      button.textContent = button.dataset.copied;
      window.setTimeout(function () { button.textContent = label; }, 2000);
    });
  });
  window.panelCopy = { reveal: reveal };
  reveal(document);
})();
