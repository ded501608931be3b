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

/* Category picker (hotline entry): a search box over the category tree that finds a category
   by pinyin initials ("cpzl"), pinyin ("chanpin") or Chinese ("质量"), the same rule as
   kesu.domain.pinyin.matches. The <select name="category"> stays the field that is posted
   (and the whole picker without JavaScript); the box only sets it. Keyboard: type, ArrowDown
   or Tab to a result, Enter picks it and goes on to the next field; Enter never submits. */
(function () {
  "use strict";
  function compact(text) {
    return text.toLowerCase().replace(/[^0-9a-z]+/g, "");
  }
  function matches(option, query) {
    var text = query.trim().toLowerCase();
    if (!text) return true;
    var d = option.dataset;
    if (d.name.toLowerCase().indexOf(text) >= 0 || d.nameEn.indexOf(text) >= 0) return true;
    var key = compact(text);
    return key !== "" && (d.pinyin.indexOf(key) >= 0 || d.initials.indexOf(key) >= 0);
  }
  function nextFieldAfter(el) {
    var fields = Array.prototype.filter.call(el.form.elements, function (f) {
      return !f.disabled && f.type !== "hidden" && f.tagName !== "FIELDSET" &&
        f.tagName !== "OUTPUT" && f.tabIndex >= 0 && !f.closest("[hidden]");
    });
    return fields[fields.indexOf(el) + 1];
  }
  function enhance(root) {
    var select = root.querySelector("select");
    var box = root.querySelector(".picker");
    var input = box.querySelector("input");
    var list = box.querySelector("[role=listbox]");
    var chosen = box.querySelector("output");
    var empty = box.querySelector("[data-picker-empty]");
    var items = Array.prototype.slice.call(list.querySelectorAll("[role=option]"));
    select.hidden = true;
    select.tabIndex = -1;
    box.hidden = false;
    root.querySelector("label").htmlFor = input.id;
    function byCode(code) {
      return items.filter(function (li) { return li.dataset.code === code; })[0];
    }
    function shown() {
      return items.filter(function (li) { return !li.hidden; });
    }
    function showChosen() {
      var item = byCode(select.value);
      chosen.textContent = item ? item.textContent : chosen.dataset.none;
      items.forEach(function (li) { li.setAttribute("aria-selected", String(li === item)); });
    }
    function close() {
      list.hidden = true;
      empty.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }
    function filter() {
      var query = input.value;
      items.forEach(function (li) {
        li.hidden = !matches(li, query);
        li.tabIndex = li.hidden ? -1 : 0;
        li.classList.remove("active");
      });
      var visible = shown();
      list.hidden = visible.length === 0;
      empty.hidden = visible.length > 0;
      input.setAttribute("aria-expanded", String(visible.length > 0));
      if (visible.length) {
        visible[0].classList.add("active");
        input.setAttribute("aria-activedescendant", visible[0].id);
      }
    }
    function pick(item) {
      select.value = item.dataset.code;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      input.value = item.textContent;
      showChosen();
      close();
      var next = nextFieldAfter(input);
      if (next) next.focus();
    }
    input.addEventListener("input", function () {
      if (!input.value.trim()) {
        select.value = "";
        showChosen();
        close();
        return;
      }
      filter();
    });
    input.addEventListener("keydown", function (event) {
      var visible = list.hidden ? [] : shown();
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) filter();
        if (shown().length) shown()[0].focus();
      } else if (event.key === "Escape") {
        close();
      } else if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) {
        if (!input.value.trim()) return; // nothing typed: the form moves on (kesu.js above)
        event.preventDefault();
        event.stopPropagation(); // never the next field with nothing picked, never a submit
        var active = visible.filter(function (li) { return li.classList.contains("active"); });
        if (active.length) pick(active[0]);
      }
    });
    list.addEventListener("keydown", function (event) {
      var item = event.target.closest("[role=option]");
      if (!item) return;
      var visible = shown();
      var index = visible.indexOf(item);
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        input.form.requestSubmit();
      } else if (event.key === "Enter") {
        event.preventDefault();
        event.stopPropagation();
        pick(item);
      } else if (event.key === "ArrowDown" && index < visible.length - 1) {
        event.preventDefault();
        visible[index + 1].focus();
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        (index > 0 ? visible[index - 1] : input).focus();
      } else if (event.key === "Escape") {
        input.focus();
        close();
      }
    });
    list.addEventListener("focusin", function (event) {
      items.forEach(function (li) { li.classList.toggle("active", li === event.target); });
    });
    list.addEventListener("click", function (event) {
      var item = event.target.closest("[role=option]");
      if (item) pick(item);
    });
    root.addEventListener("focusout", function (event) {
      if (!root.contains(event.relatedTarget)) close();
    });
    var start = byCode(select.value);
    if (start) input.value = start.textContent;
    showChosen();
  }
  document.querySelectorAll("[data-category-picker]").forEach(enhance);
})();

/* Severity suggestion (hotline entry): ticking a major criterion or entering 5 or more
   complainants suggests 重大 next to the severity field and selects it, unless the agent has
   chosen the severity by hand. The service applies the same rule on save
   (kesu.domain.severity.suggest_severity), so the suggestion never decides alone. */
(function () {
  "use strict";
  var output = document.querySelector("[data-severity-suggestion]");
  if (!output) return;
  var form = output.closest("form");
  var severity = form.elements.severity;
  var count = form.elements.complainant_count;
  var chosenByHand = false;
  var before = severity.value;
  function reasons() {
    var list = [];
    if (count && parseInt(count.value, 10) >= parseInt(output.dataset.groupSize, 10)) {
      list.push(output.dataset.groupReason);
    }
    form.querySelectorAll("input[name=major_criteria]:checked").forEach(function (box) {
      list.push(box.closest("label").textContent.trim());
    });
    return list;
  }
  function update() {
    var why = reasons();
    if (!why.length) {
      output.textContent = "";
      if (!chosenByHand) severity.value = before;
      return;
    }
    output.textContent = output.dataset.template
      .replace("{severity}", output.dataset.major)
      .replace("{reason}", why.join(output.dataset.enumeration));
    if (!chosenByHand) severity.value = "major";
  }
  severity.addEventListener("change", function () {
    // Only a person fires this: setting .value from here fires no event.
    chosenByHand = true;
    before = severity.value;
  });
  form.addEventListener("input", function (event) {
    if (event.target === count || event.target.name === "major_criteria") update();
  });
  form.addEventListener("change", function (event) {
    if (event.target.name === "major_criteria") update();
  });
  update();
})();

/* Queue: the box in the header ticks every case on the page that may be assigned (the table is
   swapped by HTMX, so the listener sits on the document). */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var all = event.target;
    if (!all.matches || !all.matches("input[data-select-all]")) return;
    document.querySelectorAll("input[name=case][form=bulk-assign]").forEach(function (box) {
      box.checked = all.checked;
    });
  });
})();

/* Hotline entry, repeat call: when the number finds an open case that may be hastened, Tab in
   the phone field goes straight to that case's 催办 note (the panel sits after the whole form),
   and Shift+Tab from the note comes back to the phone field. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Tab" || event.ctrlKey || event.altKey || event.metaKey) return;
    var target = event.target;
    if (!target || !target.name) return;
    var note = document.querySelector("#callers input[name=hasten-note]");
    var phone = document.querySelector("input[name=complainant_phone]");
    if (!note || !phone) return;
    if (!event.shiftKey && target === phone) {
      event.preventDefault();
      note.focus();
    } else if (event.shiftKey && target === note) {
      event.preventDefault();
      phone.focus();
    }
  });
})();

/* 分派: the handler list offers only the people of the chosen department and its
   sub-departments (options carry their department's tree path); a handler chosen earlier who
   is not among them is cleared. Without JavaScript every handler is listed, grouped. */
(function () {
  "use strict";
  function narrow(department) {
    var form = department.form;
    var handler = form && form.querySelector("select[data-assign-handler]");
    if (!handler) return;
    var chosen = department.options[department.selectedIndex];
    var path = chosen ? chosen.getAttribute("data-path") || "" : "";
    Array.prototype.forEach.call(handler.querySelectorAll("option[data-path]"), function (option) {
      var fits = !path || option.getAttribute("data-path").indexOf(path) === 0;
      option.hidden = !fits;
      option.disabled = !fits;
      if (!fits && option.selected) handler.value = "";
    });
    Array.prototype.forEach.call(handler.querySelectorAll("optgroup"), function (group) {
      group.hidden = !group.querySelector("option:not([hidden])");
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[data-assign-department]")) {
      narrow(event.target);
    }
  });
  document.querySelectorAll("select[data-assign-department]").forEach(narrow);
})();

/* A page redrawn after a refused POST (e.g. /cases/<n>/act/) takes the case page's address, so
   a reload shows the case instead of posting the form again. */
(function () {
  "use strict";
  var canonical = document.querySelector("[data-canonical-url]");
  if (!canonical || !window.history.replaceState) return;
  var url = canonical.getAttribute("data-canonical-url");
  if (url && window.location.pathname !== url) {
    window.history.replaceState(null, "", url + window.location.hash);
  }
})();

/* Selects marked data-submit-on-change (the language switch) post their form when changed: an
   event listener here, because the Content-Security-Policy forbids inline onchange handlers. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (select.matches && select.matches("select[data-submit-on-change]") && select.form) {
      select.form.submit();
    }
  });
})();

/* On a narrow screen the menu and the queue filters start folded (a <details> each); on a wide
   one they stay open and their toggle is hidden by the style sheet. */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 900px)");
  function fit() {
    document.querySelectorAll("details[data-wide-open]").forEach(function (box) { box.open = wide.matches; });
  }
  fit();
  wide.addEventListener("change", fit);
})();

/* Hotline entry, triage suggestions (kesu.triage): a suggested category is one click or
   Alt+1…3 away and sets the category field (and its picker's text); "Confirm" on a major cue
   ticks that criterion (the severity suggestion above then proposes 重大). Nothing is set
   without the agent's keystroke or click: the agent's choice is what counts. */
(function () {
  "use strict";
  var panel = document.getElementById("triage");
  if (!panel) return;
  var form = document.querySelector("form.hotline-form");
  if (!form) return;
  function chooseCategory(button) {
    var select = form.elements.category;
    if (!select) return;
    select.value = button.getAttribute("data-triage-category");
    select.dispatchEvent(new Event("change", { bubbles: true }));
    var search = document.getElementById("category-search");
    if (search) search.value = button.getAttribute("data-name");
    var chosen = document.getElementById("category-chosen");
    if (chosen) chosen.textContent = button.getAttribute("data-name");
    panel.querySelectorAll("[data-triage-category]").forEach(function (other) {
      other.setAttribute("aria-pressed", other === button ? "true" : "false");
    });
  }
  function confirmCriterion(button) {
    var code = button.getAttribute("data-triage-criterion");
    var box = form.querySelector("input[name=major_criteria][value='" + code + "']");
    if (!box) return;
    box.checked = true;
    var details = box.closest("details");
    if (details) details.open = true;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    button.setAttribute("aria-pressed", "true");
    button.disabled = true;
  }
  panel.addEventListener("click", function (event) {
    var category = event.target.closest("[data-triage-category]");
    if (category) return chooseCategory(category);
    var criterion = event.target.closest("[data-triage-criterion]");
    if (criterion) confirmCriterion(criterion);
  });
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    var digit = /^Digit([1-3])$/.exec(event.code || "");
    if (!digit) return;
    var buttons = panel.querySelectorAll("[data-triage-category]");
    var button = buttons[parseInt(digit[1], 10) - 1];
    if (!button) return;
    event.preventDefault();
    chooseCategory(button);
  });
})();

/* Case page, correcting the category (issue 19): Alt+1…3 presses the first, second or third
   suggested category's button (the same keys as the hotline's triage panel); the button
   submits the change, which the history records. */
(function () {
  "use strict";
  var panel = document.getElementById("category-panel");
  if (!panel) return;
  document.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey) return;
    var digit = /^Digit([1-3])$/.exec(event.code || "");
    if (!digit) return;
    var button = panel.querySelectorAll("[data-category-choice]")[parseInt(digit[1], 10) - 1];
    if (!button) return;
    event.preventDefault();
    button.click();
  });
})();
