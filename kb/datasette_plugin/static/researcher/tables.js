// A KB's table pages: the column descriptions fold under one line, so the rows come first.
(function () {
  "use strict";
  function fold() {
    var list = document.querySelector("dl.column-descriptions");
    if (!list) return;
    var folded = document.createElement("details");
    folded.className = "kb-column-descriptions";
    var summary = document.createElement("summary");
    summary.textContent = "What each column holds";
    folded.appendChild(summary);
    list.parentNode.insertBefore(folded, list);
    folded.appendChild(list);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fold);
  else fold();
})();
