// The theme's menu button is a <label> for a hidden checkbox, which a keyboard cannot reach or
// press. Make it a focusable button. A focused label already activates on Enter,
// so only Space, which a button also answers to, needs handling here.
(function () {
  var names = { __drawer: "Menu" };
  document.querySelectorAll("label.md-header__button[for]").forEach(function (label) {
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle) return;
    label.setAttribute("tabindex", "0");
    label.setAttribute("role", "button");
    if (!label.getAttribute("aria-label")) label.setAttribute("aria-label", names[label.htmlFor] || label.title || "Open");
    label.setAttribute("aria-expanded", String(toggle.checked));
    toggle.addEventListener("change", function () { label.setAttribute("aria-expanded", String(toggle.checked)); });
    label.addEventListener("keydown", function (event) {
      if (event.key !== " ") return;
      event.preventDefault();
      label.click();
    });
  });
})();

