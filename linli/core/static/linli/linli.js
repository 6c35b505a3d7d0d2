// Behaviour that would otherwise need inline scripts (forbidden by the Content-Security-Policy).
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el.matches && el.matches("[data-autosubmit]")) { el.form.submit(); }
});
document.addEventListener("submit", function (event) {
  var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
  if (message && !window.confirm(message)) { event.preventDefault(); }
});

// Live category and tag suggestion on filing forms (POST /api/v1/classify). The applicant can
// still change the suggestion; once they choose a category themselves it is left alone.
(function () {
  var nameInput = document.querySelector("[data-classify=name]");
  if (!nameInput) { return; }
  var scopeInput = document.querySelector("[data-classify=scope]");
  var category = document.getElementById("id_category");
  var hint = document.createElement("div");
  hint.className = "form-text text-success";
  hint.setAttribute("data-testid", "classify-hint");
  category.parentNode.appendChild(hint);
  var chosenByHand = category.value !== "";
  category.addEventListener("change", function () { chosenByHand = true; });
  var timer = null;
  function csrf() {
    var match = document.cookie.match(/csrftoken=([^;]+)/);
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return match ? match[1] : (field ? field.value : "");
  }
  function suggest() {
    var name = nameInput.value.trim();
    if (name.length < 2) { return; }
    fetch("/api/v1/classify", {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf()},
      body: JSON.stringify({name: name, scope: scopeInput ? scopeInput.value : ""})
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (s) {
      if (!s) { return; }
      if (!chosenByHand) { category.value = s.category; }
      document.querySelectorAll("input[name=tags]").forEach(function (box) {
        var label = box.parentNode.textContent.trim();
        if (s.tags.indexOf(label) >= 0 && !box.dataset.touched) { box.checked = true; }
      });
      hint.textContent = (category.dataset.suggestLabel || "") + "：" + s.category_label + (s.tags.length ? "（" + s.tags.join("、") + "）" : "") +
        (s.reasons.length ? " · " + s.reasons.join("；") : "");
    });
  }
  document.querySelectorAll("input[name=tags]").forEach(function (box) {
    box.addEventListener("change", function () { box.dataset.touched = "1"; });
  });
  [nameInput, scopeInput].forEach(function (el) {
    if (el) { el.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(suggest, 400); }); }
  });
})();

// District → street → community picker on the public filing form.
document.addEventListener("change", function (event) {
  var select = event.target;
  if (!select.matches || !select.matches("select[data-region-picker]")) { return; }
  var next = document.getElementById("pick-" + select.dataset.regionPicker);
  var after = next && next.dataset.regionPicker ? document.getElementById("pick-" + next.dataset.regionPicker) : null;
  if (after) { after.length = 1; }
  if (!select.value) { next.length = 1; return; }
  fetch(select.dataset.optionsUrl + "?parent=" + encodeURIComponent(select.value), {credentials: "same-origin"})
    .then(function (r) { return r.text(); })
    .then(function (html) { next.innerHTML = html; });
});
