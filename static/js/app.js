// Small behaviours that need no framework. No inline scripts: the CSP forbids them.
(function () {
  "use strict";

  // An error summary above a form that came back with errors: a list of the problems,
  // each a link to its field, announced (role="alert") and focused so that keyboard and
  // screen-reader users start from it. The fields themselves keep their own messages
  // (aria-describedby, aria-invalid, from Django and crispy-bootstrap5).
  function fieldLabel(field) {
    if (field.labels && field.labels.length) {
      return field.labels[0].textContent.replace(/\*/g, "").trim();
    }
    var fieldset = field.closest("fieldset");
    var legend = fieldset && fieldset.querySelector("legend");
    return legend ? legend.textContent.replace(/\*/g, "").trim() : (field.name || "");
  }

  function buildErrorSummary(form) {
    var template = document.getElementById("error-summary-template");
    if (!template || form.hasAttribute("data-no-error-summary")) { return null; }
    var old = form.previousElementSibling;
    if (old && old.classList.contains("error-summary")) { old.remove(); }
    var problems = [];
    var general = [];
    form.querySelectorAll(".alert-danger li, .alert-danger > p, .non-field-errors li").forEach(function (item) {
      problems.push({ text: item.textContent.trim(), target: null });
      general.push(item.closest(".alert-danger, .non-field-errors"));
    });
    var seen = {};
    form.querySelectorAll("[aria-invalid='true'], .is-invalid").forEach(function (field) {
      if (!field.id || seen[field.id] || !/^(INPUT|SELECT|TEXTAREA)$/.test(field.tagName)) { return; }
      seen[field.id] = true;
      var message = document.getElementById(field.id + "_error");
      var text = message ? message.textContent.trim() : "";
      problems.push({ text: fieldLabel(field) + (text ? ": " + text : ""), target: field.id });
    });
    if (!problems.length) { return null; }
    var summary = template.content.firstElementChild.cloneNode(true);
    var list = summary.querySelector("ul");
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      if (problem.target) {
        var link = document.createElement("a");
        link.href = "#" + problem.target;
        link.textContent = problem.text;
        link.addEventListener("click", function (event) {
          var field = document.getElementById(problem.target);
          if (field) { event.preventDefault(); field.focus(); }
        });
        item.appendChild(link);
      } else {
        item.textContent = problem.text;
      }
      list.appendChild(item);
    });
    form.parentNode.insertBefore(summary, form);
    // The summary now says what the form's own general error box said: show it once.
    general.forEach(function (box) { if (box) { box.hidden = true; } });
    return summary;
  }

  function summariseErrors(root) {
    var first = null;
    root.querySelectorAll("form").forEach(function (form) {
      var summary = buildErrorSummary(form);
      if (summary && !first) { first = summary; }
    });
    if (first) { first.focus(); }
    return first;
  }

  // A table wider than the screen scrolls sideways inside its .table-responsive box; the box
  // takes keyboard focus so that it can be scrolled with the arrow keys, and is named after
  // the table's caption or the section's heading.
  function makeScrollRegionsFocusable(root) {
    root.querySelectorAll(".table-responsive").forEach(function (box) {
      if (box.scrollWidth <= box.clientWidth + 1 || box.hasAttribute("tabindex")) { return; }
      box.tabIndex = 0;
      var caption = box.querySelector("caption");
      var section = box.closest("[aria-labelledby]");
      if (caption) {
        if (!caption.id) { caption.id = "caption-" + Math.random().toString(36).slice(2, 9); }
        box.setAttribute("role", "region");
        box.setAttribute("aria-labelledby", caption.id);
      } else if (section) {
        box.setAttribute("role", "region");
        box.setAttribute("aria-labelledby", section.getAttribute("aria-labelledby"));
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var main = document.getElementById("main");
    if (main) {
      makeScrollRegionsFocusable(main);
      summariseErrors(main);
    }
  });
  window.addEventListener("resize", function () {
    var main = document.getElementById("main");
    if (main) { makeScrollRegionsFocusable(main); }
  });

  // Announce htmx updates to screen readers and keep focus sensible: on the new content's
  // error summary, on an element marked data-focus-after-swap, or on the target itself
  // when it is focusable (tabindex="-1").
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    var message = target.getAttribute("data-announce");
    var live = document.getElementById("live-region");
    if (live && message) {
      live.textContent = "";
      window.setTimeout(function () { live.textContent = message; }, 50);
    }
    makeScrollRegionsFocusable(target);
    if (summariseErrors(target)) { return; }
    var focus = target.querySelector("[data-focus-after-swap]") || (target.hasAttribute("tabindex") ? target : null);
    if (focus) { focus.focus(); }
  });

  // Buttons that ask before they do something that cannot be undone.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });

  // A button with data-copy-target copies that field's text and says so to screen readers too.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) { return; }
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    if (!field) { return; }
    var done = function () {
      var live = document.getElementById("live-region");
      if (live) { live.textContent = button.getAttribute("data-copied-text") || ""; }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done);
    } else {
      field.select();
      document.execCommand("copy");
      done();
    }
  });

  // A people field: a suggestion's button adds its address to the field, one a line.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-pick-email]");
    if (!button) { return; }
    var field = document.getElementById(button.getAttribute("data-pick-for"));
    if (!field) { return; }
    var email = button.getAttribute("data-pick-email");
    var lines = field.value.split(/[\s,;]+/).filter(function (line) { return line; });
    if (lines.map(function (line) { return line.toLowerCase(); }).indexOf(email.toLowerCase()) === -1) {
      lines.push(email);
    }
    field.value = lines.join("\n");
    field.focus();
  });

  // A list's "choose all on this page" box needs JavaScript, so it is shown by it; without
  // it, the list's form still offers every row that matches the filter.
  function showChooseAll() {
    document.querySelectorAll("[data-choose-all]").forEach(function (box) { box.hidden = false; });
  }
  document.addEventListener("DOMContentLoaded", showChooseAll);
  // A list's results replace themselves (outerHTML): the new count is read from the new
  // element and said to screen readers, while focus stays in the filter being used.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    showChooseAll();
    var results = document.getElementById("list-results");
    var live = document.getElementById("live-region");
    if (!results || !live || event.detail.target.id !== "list-results") { return; }
    live.textContent = "";
    window.setTimeout(function () { live.textContent = results.getAttribute("data-list-announce"); }, 50);
  });
  document.addEventListener("change", function (event) {
    var box = event.target.closest("[data-choose-all]");
    var table = box && box.closest("table");
    if (!table) { return; }
    table.querySelectorAll("input[name='chosen']").forEach(function (row) { row.checked = box.checked; });
  });
})();
