// Reveals the "internal error" banner when anything fails after load. The
// Rust panic hook does the same for panics; this also catches what no Rust
// code sees, such as a WebAssembly stack overflow.
(function () {
  function reveal() {
    var banner = document.getElementById("fatal");
    if (banner) banner.hidden = false;
  }
  window.addEventListener("error", reveal);
  window.addEventListener("unhandledrejection", reveal);
})();
