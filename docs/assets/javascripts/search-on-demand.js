// The search index holds every page's words: megabytes on a large site. The theme fetches it as
// every page loads; this holds that request back until the reader shows they want to search
// (opens or focuses the search box, or presses the theme's search keys), so a reader who only
// reads never downloads it. Arriving from a search result (?h=...) loads it at once, for highlighting.
(function () {
  var INDEX = /\/search\/search_index\.json(\?|$)/;
  var waiting = [];
  var wanted = /[?&]h=/.test(location.search);
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;

  XMLHttpRequest.prototype.open = function (method, url) {
    this._searchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this._searchIndex && !wanted) {
      waiting.push([this, arguments]);
      return;
    }
    return send.apply(this, arguments);
  };

  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (call) { send.apply(call[0], call[1]); });
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("[data-md-component=search], label[for=__search]")) want();
  });
  document.addEventListener("pointerdown", function (event) {
    if (event.target.closest && event.target.closest("[data-md-component=search], label[for=__search]")) want();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search") want();
  });
  document.addEventListener("keydown", function (event) {
    var typing = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (!typing && ["/", "s", "S", "f", "F"].indexOf(event.key) >= 0) want();
  }, true);
})();
