// The search page's box. The index is in pieces: only the pieces a search needs are fetched, as the
// reader types. A file rather than an inline script, so that the pages' Content-Security-Policy can
// refuse every inline script the theme did not write.
window.addEventListener("DOMContentLoaded", function () {
  new PagefindUI({ element: "#search", showSubResults: true, showImages: false, autofocus: true, resetStyles: false });
});
