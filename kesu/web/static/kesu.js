/* Keyboard-first forms (hotline entry): Enter moves to the next field instead of submitting
   half a record; Ctrl+Enter (or Enter on the last field) saves. */
(function () {
  "use strict";
  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return !el.disabled && el.type !== "hidden" && el.tagName !== "FIELDSET" && el.tabIndex >= 0;
    });
  }
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var form = target && target.form;
    if (event.key !== "Enter" || !form || !form.hasAttribute("data-enter-guard")) return;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    if (target.tagName === "TEXTAREA" || target.type === "submit") return;
    var fields = fieldsOf(form);
    var index = fields.indexOf(target);
    if (index >= 0 && index < fields.length - 1) {
      event.preventDefault();
      fields[index + 1].focus();
    }
  });
})();
