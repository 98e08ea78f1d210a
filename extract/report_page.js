// Filters, search, live counts and copy buttons for the findings report (plain JavaScript, no
// network). Without this script the page still shows every finding.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var documents = Array.prototype.slice.call(document.querySelectorAll("details.document"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.section"));
  var visible = document.getElementById("visible");
  var texts = findings.map(function (f) { return f.textContent.toLowerCase(); });  // what the search looks in
  form.hidden = false;
  Array.prototype.forEach.call(document.querySelectorAll("button.copy"), function (b) { b.hidden = false; });

  function wanted() {
    var data = new FormData(form);
    return {
      year: data.get("year"), doc: data.get("doc"), rule: data.get("rule"), severity: data.get("severity"),
      waived: data.get("waived"), q: String(data.get("q") || "").trim().toLowerCase()
    };
  }

  function apply() {
    var w = wanted();
    var filtering = w.year || w.doc || w.rule || w.severity || w.waived || w.q;
    var shown = 0;
    var perDoc = {};
    for (var i = 0; i < findings.length; i++) {
      var f = findings[i], d = f.dataset;
      var ok = (!w.year || d.year === w.year) && (!w.doc || d.doc === w.doc) && (!w.rule || d.rule === w.rule) &&
        (!w.severity || d.severity === w.severity) && (!w.waived || d.waived === w.waived) &&
        (!w.q || texts[i].indexOf(w.q) >= 0);
      if (f.hidden === ok) { f.hidden = !ok; }
      if (ok) { shown++; perDoc[d.doc] = (perDoc[d.doc] || 0) + 1; }
    }
    documents.forEach(function (doc) {
      var n = perDoc[doc.dataset.doc] || 0;
      doc.hidden = n === 0;
      doc.querySelector(".doc-count").textContent = n;
      if (filtering && n > 0) { doc.open = true; }
    });
    sections.forEach(function (section) {
      section.hidden = section.querySelector("article.finding:not([hidden])") === null;
    });
    visible.textContent = shown;
  }

  function copy(text, button) {
    function done() { button.classList.add("done"); }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
    } else { fallback(text); done(); }
  }

  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    document.body.removeChild(area);
  }

  form.addEventListener("input", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy");
    if (button) {  // an id, or the waiver entry printed just before the button
      copy(button.dataset.copy || button.previousElementSibling.textContent, button);
    }
  });
})();
