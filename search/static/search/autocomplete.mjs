// Title suggestions for search boxes with a data-search-suggest URL: an ARIA 1.2 combobox
// with a list popup. Progressive enhancement only: without this file the box is a plain
// search field and the form works as it is.

const DELAY_MS = 200;
const MIN_LENGTH = 2;
let instances = 0;

function loadStyles() {
  if (document.querySelector("link[data-search-suggest-css]")) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = new URL("./autocomplete.css", import.meta.url).href;
  link.dataset.searchSuggestCss = "";
  document.head.append(link);
}

function enhance(input) {
  instances += 1;
  const listId = `search-suggestions-${instances}`;
  const host = input.parentElement;
  host.classList.add("hub-suggest-host");

  const list = document.createElement("ul");
  list.id = listId;
  list.className = "hub-suggest";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.labels?.[0]?.textContent.trim() || input.dataset.suggestLabel || "Suggestions");
  list.hidden = true;

  const status = document.createElement("div");
  status.className = "nhsuk-u-visually-hidden";
  status.setAttribute("role", "status");
  host.append(list, status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);

  let options = [];
  let active = -1;
  let timer;
  let controller;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function setActive(index) {
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(results) {
    list.replaceChildren();
    options = results.map((result, i) => {
      const option = document.createElement("li");
      option.id = `${listId}-${i}`;
      option.className = "hub-suggest__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.url = result.url;
      const title = document.createElement("span");
      title.className = "hub-suggest__title";
      title.textContent = result.title;
      const type = document.createElement("span");
      type.className = "hub-suggest__type";
      type.textContent = result.type;
      option.append(title, type);
      // mousedown, not click: it comes before the input loses focus and closes the list.
      option.addEventListener("mousedown", (event) => {
        event.preventDefault();
        window.location.assign(result.url);
      });
      list.append(option);
      return option;
    });
    active = -1;
    if (options.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent =
        options.length === 1
          ? input.dataset.suggestOne || "1 suggestion. Use the up and down arrows to choose."
          : (
              input.dataset.suggestMany ||
              "{count} suggestions. Use the up and down arrows to choose."
            ).replace("{count}", options.length);
    } else {
      close();
      status.textContent = "";
    }
  }

  async function fetchSuggestions(text) {
    controller?.abort();
    controller = new AbortController();
    const url = new URL(input.dataset.searchSuggest, window.location.href);
    url.searchParams.set("q", text);
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const data = await response.json();
      if (input.value.trim() === text) render(data.results || []);
    } catch (error) {
      if (error.name !== "AbortError") close();
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < MIN_LENGTH) {
      controller?.abort();
      close();
      return;
    }
    timer = setTimeout(() => fetchSuggestions(text), DELAY_MS);
  });

  input.addEventListener("keydown", (event) => {
    const open = !list.hidden && options.length;
    if (event.key === "ArrowDown" && open) {
      event.preventDefault();
      setActive((active + 1) % options.length);
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      setActive(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === "Enter" && open && active >= 0) {
      // Go to the chosen suggestion; without one, Enter submits the search as usual.
      event.preventDefault();
      window.location.assign(options[active].dataset.url);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  });

  input.addEventListener("blur", close);
}

const inputs = document.querySelectorAll("input[data-search-suggest]");
if (inputs.length) {
  loadStyles();
  inputs.forEach(enhance);
}
