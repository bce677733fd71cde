// What the page does when the app itself fails. Plain JavaScript, loaded
// before the app, so that it works when the WebAssembly does not.
//
// - The "internal error" banner: revealed by the Rust panic hook for
//   panics, and here for what no Rust code sees, such as a WebAssembly
//   stack overflow (a RangeError) or another trap (a RuntimeError).
// - "Reload with my work": the app saves the work to localStorage on every
//   change, before it evaluates anything, so the work up to the failure is
//   there. The reload drops a share link from the address, which would
//   otherwise replace that work.
// - "Save my work as a file": the same work as a workspace file, built here
//   from localStorage, for when reloading fails again.
(function () {
  var SAVED = "evpat.workspace";
  var SAVED_EVENTS = "evpat.workspace.events";

  function reveal() {
    var banner = document.getElementById("fatal");
    if (banner) banner.hidden = false;
  }
  window.addEventListener("error", reveal);
  window.addEventListener("unhandledrejection", reveal);

  function savedWork() {
    var text = localStorage.getItem(SAVED);
    if (text === null) return null;
    var work = JSON.parse(text);
    var events = localStorage.getItem(SAVED_EVENTS);
    if (events !== null) work.events = JSON.parse(events);
    return JSON.stringify(work, null, 2);
  }

  function reload() {
    location.replace(location.pathname + location.search);
  }

  function download() {
    var note = document.getElementById("fatal-note");
    try {
      var work = savedWork();
      if (work === null) {
        note.textContent = "No saved work was found in this browser.";
        return;
      }
      var url = URL.createObjectURL(new Blob([work], { type: "application/json" }));
      var link = document.createElement("a");
      link.href = url;
      link.download = "evpat-workspace.json";
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      note.textContent = "The saved work could not be read: " + error.message;
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("fatal-reload").addEventListener("click", reload);
    document.getElementById("fatal-download").addEventListener("click", download);
  });
})();
