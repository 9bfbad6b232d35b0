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
