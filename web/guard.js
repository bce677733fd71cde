// Text too large for the playground is refused here, in JavaScript, before
// the app sees it: crossing into WebAssembly copies the text (twice, as
// UTF-16 then UTF-8), and reading, highlighting and saving 20 MB would
// freeze the page. The refusal says how large the text was and what the
// limit is; nothing changes in the editor.
(function () {
  // Characters per text field. EventBridge events are at most 1 MB, and
  // JSON Lines of a few events fit; the page stays responsive up to this.
  var MAX_CHARS = 4 * 1024 * 1024;

  function megabytes(chars) {
    return (chars / (1024 * 1024)).toFixed(1) + " MB";
  }

  function refuse(size) {
    var box = document.getElementById("too-large");
    document.getElementById("too-large-text").textContent =
      "This text is " + megabytes(size) + ": the playground takes at most " +
      megabytes(MAX_CHARS) + " per field (an EventBridge event is at most 1 MB). " +
      "Nothing was changed.";
    box.hidden = false;
  }

  function isField(target) {
    return target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement;
  }

  // The size the field would have once `inserted` replaces its selection.
  function sizeAfter(field, inserted) {
    var selected = 0;
    try {
      selected = Math.abs((field.selectionEnd || 0) - (field.selectionStart || 0));
    } catch (notText) {
      selected = 0;
    }
    return field.value.length - selected + inserted;
  }

  function guard(event, inserted) {
    if (!isField(event.target)) return;
    var size = sizeAfter(event.target, inserted);
    if (size > MAX_CHARS) {
      event.preventDefault();
      event.stopImmediatePropagation();
      refuse(size);
    }
  }

  document.addEventListener("paste", function (event) {
    var text = event.clipboardData ? event.clipboardData.getData("text/plain") : "";
    guard(event, text.length);
  }, true);
  document.addEventListener("drop", function (event) {
    var text = event.dataTransfer ? event.dataTransfer.getData("text/plain") : "";
    guard(event, text.length);
  }, true);

  // The last value each field had that the app accepted, to put back when
  // a change arrives without a paste or drop event (autofill, a script).
  var accepted = new WeakMap();
  document.addEventListener("focusin", function (event) {
    if (isField(event.target)) accepted.set(event.target, event.target.value);
  }, true);
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!isField(field)) return;
    if (field.value.length > MAX_CHARS) {
      event.stopImmediatePropagation();
      var size = field.value.length;
      field.value = accepted.has(field) ? accepted.get(field) : "";
      refuse(size);
    } else {
      accepted.set(field, field.value);
    }
  }, true);

  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("too-large-close").addEventListener("click", function () {
      document.getElementById("too-large").hidden = true;
    });
  });
})();
