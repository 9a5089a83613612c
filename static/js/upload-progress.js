// A form with data-upload-progress sends its file with a progress bar: the browser's own
// XMLHttpRequest upload events fill the <progress> element. The server's answer is followed as a
// normal submission would be (a redirect to the task's page, or the form again with its errors).
// Without JavaScript the form submits as usual, without the bar.
(function () {
  "use strict";
  var form = document.querySelector("form[data-upload-progress]");
  if (!form || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  var box = form.querySelector(".upload-progress");
  var bar = box && box.querySelector("progress");
  var note = box && box.querySelector("[data-upload-note]");
  form.addEventListener("submit", function (event) {
    var file = form.querySelector("input[type=file]");
    if (!box || !file || !file.files || !file.files.length) {
      return; // nothing to show: the server says what is missing
    }
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    box.hidden = false;
    form.querySelectorAll("button, input[type=submit]").forEach(function (button) {
      button.disabled = true;
    });
    request.upload.addEventListener("progress", function (progress) {
      if (progress.lengthComputable) {
        bar.value = Math.round((progress.loaded / progress.total) * 100);
      }
    });
    request.upload.addEventListener("load", function () {
      bar.value = 100;
      note.textContent = note.dataset.done;
    });
    request.addEventListener("load", function () {
      if (request.responseURL && request.responseURL !== (form.action || window.location.href)) {
        window.location.assign(request.responseURL);
        return;
      }
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", function () {
      form.submit(); // let the browser try it the plain way
    });
    request.send(new FormData(form));
  });
})();
