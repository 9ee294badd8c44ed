// Client-side search over window.DOCS_SEARCH_INDEX (loaded by search-index.js, so it
// works from file:// without fetch). Filters by case-insensitive substring of the name;
// on the index page it also hides non-matching entries of the listings. "?q=..." in the
// page URL fills the box on load.
(function () {
  "use strict";
  var index = window.DOCS_SEARCH_INDEX || [];
  var root = document.body.getAttribute("data-root") || "";
  var box = document.getElementById("search");
  var results = document.getElementById("search-results");
  if (!box || !results) { return; }

  function matches(name, query) {
    return name.toLowerCase().indexOf(query) !== -1;
  }

  function showResults(query) {
    while (results.firstChild) { results.removeChild(results.firstChild); }
    if (!query) { results.hidden = true; return; }
    var found = index.filter(function (entry) { return matches(entry.name, query); });
    found.slice(0, 50).forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + entry.url;
      link.textContent = entry.name;
      link.title = entry.summary;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = entry.kind;
      item.appendChild(link);
      item.appendChild(kind);
      results.appendChild(item);
    });
    if (!found.length) {
      var none = document.createElement("li");
      none.textContent = "No matches";
      results.appendChild(none);
    }
    results.setAttribute("data-count", String(found.length));
    results.hidden = false;
  }

  function filterListings(query) {
    var items = document.querySelectorAll("ul.entries li[data-name]");
    Array.prototype.forEach.call(items, function (item) {
      item.hidden = query !== "" && !matches(item.getAttribute("data-name"), query);
    });
  }

  function update() {
    var query = box.value.trim().toLowerCase();
    showResults(query);
    filterListings(query);
  }

  box.addEventListener("input", update);
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { box.value = ""; update(); }
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) { box.value = initial; update(); }
})();
