// Progressive enhancement only: every page works without this file.
import { initAll } from "../../wagtailnhsukfrontend/js/nhsuk-frontend-10.4.2.min.js";

initAll();

// Listings' filters: open beside the results on wide screens, folded behind their "Filter"
// control on phones (hub.css does the same without JavaScript where the browser can).
const wide = window.matchMedia("(min-width: 40.0625em)");
const filterToggles = document.querySelectorAll("[data-hub-filter-toggle]");
const fitFilters = () => {
  for (const toggle of filterToggles) {
    // "open": the filters hold an error to fix, so they stay open on phones too.
    toggle.open = wide.matches || toggle.dataset.hubFilterToggle === "open";
  }
};
if (filterToggles.length) {
  fitFilters();
  wide.addEventListener("change", fitFilters);
}

// "Was this page useful?": send the answer in place and thank the visitor in the live region
// (without JavaScript the form posts and a thank-you page follows).
for (const section of document.querySelectorAll("[data-hub-page-feedback]")) {
  const form = section.querySelector("form");
  const status = section.querySelector("[data-hub-page-feedback-status]");
  form.addEventListener("submit", async (event) => {
    const body = new FormData(form);
    if (event.submitter) body.set(event.submitter.name, event.submitter.value);
    event.preventDefault();
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body,
        headers: { Accept: "application/json" },
        credentials: "omit",
      });
      const answer = await response.json();
      if (response.ok) form.hidden = true;
      status.textContent = answer.message;
    } catch {
      // No answer from the server: post the form the way it works without JavaScript.
      const chosen = document.createElement("input");
      chosen.type = "hidden";
      chosen.name = "useful";
      chosen.value = body.get("useful");
      form.append(chosen);
      form.submit();
    }
  });
}
