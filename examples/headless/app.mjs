// A separate front end for the Improvement Hub, from its API alone (docs/api.md).
// Open index.html?api=https://hub.example.nhs.uk/api/v3[&page=<case study id>] from an
// origin the hub allows (API_CORS_ALLOWED_ORIGINS). It draws a case study with the chart
// of each measure (the API's chart model: no statistics here), lists the coach directory,
// and builds the idea form from the OpenAPI schema, posting with an Idempotency-Key.

const params = new URLSearchParams(location.search);
const API = (params.get("api") || "/api/v3").replace(/\/$/, "");
const SVG = "http://www.w3.org/2000/svg";
const MARKER_COLOURS = {
  common: "#4c6272", value: "#4c6272", improvement: "#005eb8", concern: "#c25700", neither: "#330072",
};

async function get(path) {
  const response = await fetch(`${API}${path}`, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function element(tag, attributes = {}, ...children) {
  const node = tag.startsWith("svg:")
    ? document.createElementNS(SVG, tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

// The case study ------------------------------------------------------------------------

async function caseStudy() {
  let id = params.get("page");
  if (!id) {
    const list = await get("/pages/?type=pages.CaseStudyPage&fields=measures(name)&limit=20");
    id = (list.items.find((item) => item.measures.length) || list.items[0]).id;
  }
  const page = await get(`/pages/${id}/`);
  const section = document.getElementById("case-study");
  section.querySelector("h1").textContent = page.title;
  section.querySelector(".teaser").textContent = page.teaser;
  const measures = section.querySelector(".measures");
  page.measures.forEach((measure, index) => measures.append(measureView(measure, index)));
  if (page.adoptions.length) {
    const list = element("ul");
    for (const adoption of page.adoptions) {
      list.append(element("li", {}, `${adoption.organisation}: ${adoption.team} (${adoption.stage_label.toLowerCase()})`));
    }
    section.querySelector(".adoptions").append(element("h2", {}, "Who is adopting it"), list);
  }
  section.hidden = false;
}

function measureView(measure, index) {
  const chart = measure.chart;
  const view = element("div", { class: "measure", "data-measure": measure.name });
  view.append(element("h2", {}, measure.name));
  const icons = element("ul", { class: "icons" });
  for (const icon of [chart.variation, chart.assurance]) {
    if (!icon) continue;
    const item = element("li", { class: `icon icon--${icon.kind}` });
    item.innerHTML = icon.svg; // the hub's own drawing of the icon
    item.append(element("strong", {}, icon.label));
    icons.append(item);
  }
  view.append(icons, element("p", { class: "summary" }, chart.summary));
  const figure = element("div", { class: "chart" });
  figure.append(drawChart(chart, measure.name, index));
  view.append(figure);
  if (chart.annotations.length) {
    const list = element("ul", { class: "annotations" });
    for (const a of chart.annotations) list.append(element("li", {}, `${a.period}: ${a.label}`));
    view.append(list);
  }
  if (chart.note) view.append(element("p", { class: "note" }, chart.note));
  view.append(dataTable(measure, chart));
  return view;
}

function drawChart(chart, title, index) {
  const width = 720, height = 360, left = 56, right = 600, top = 24, bottom = 320;
  const points = chart.points;
  const values = points.flatMap((p) => [p.value, p.mean, p.upper_limit, p.lower_limit]);
  if (chart.target !== null) values.push(chart.target);
  const numbers = values.filter((v) => v !== null);
  let low = Math.min(...numbers), high = Math.max(...numbers);
  if (low === high) { low -= 1; high += 1; }
  const pad = (high - low) * 0.08;
  low -= pad; high += pad;
  const x = (i) => left + (points.length < 2 ? (right - left) / 2 : (i * (right - left)) / (points.length - 1));
  const y = (v) => bottom - ((v - low) * (bottom - top)) / (high - low);
  const svg = element("svg:svg", {
    viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": `chart-${index}-title`,
  });
  svg.append(element("svg:title", { id: `chart-${index}-title` }, `${title}: ${chart.summary}`));
  svg.append(element("svg:line", { x1: left, x2: left, y1: top, y2: bottom, stroke: "#212b32" }));
  svg.append(element("svg:line", { x1: left, x2: right, y1: bottom, y2: bottom, stroke: "#212b32" }));
  const dateTicks = [...new Set([0, Math.floor((points.length - 1) / 2), points.length - 1])];
  for (const i of dateTicks) {
    if (!points[i]) continue;
    svg.append(element("svg:text", { x: x(i), y: bottom + 18, "text-anchor": "middle", "font-size": 11 }, points[i].text.date));
  }
  for (const tick of [low + pad, (low + high) / 2, high - pad]) {
    svg.append(element("svg:text", { x: left - 6, y: y(tick) + 4, "text-anchor": "end", "font-size": 11 }, tick.toFixed(chart.decimals)));
  }
  // Centre line and limits, one stretch per segment (limits recalculated at change points).
  for (const segment of chart.segments) {
    const inSegment = points.map((p, i) => [p, i]).filter(([p]) => p.segment === segment.index);
    const x1 = x(inSegment[0][1]), x2 = x(inSegment[inSegment.length - 1][1]);
    const lines = [["mean", "#212b32", ""], ["upper_limit", "#425563", "6 4"], ["lower_limit", "#425563", "6 4"]];
    for (const [name, colour, dash] of lines) {
      if (segment[name] === null) continue;
      svg.append(element("svg:line", {
        x1, x2, y1: y(segment[name]), y2: y(segment[name]), stroke: colour, "stroke-dasharray": dash,
        class: `line line--${name}`,
      }));
    }
  }
  if (chart.target !== null) {
    svg.append(element("svg:line", { x1: left, x2: right, y1: y(chart.target), y2: y(chart.target), stroke: "#d5281b", "stroke-dasharray": "10 3 2 3", class: "line line--target" }));
  }
  for (const a of chart.annotations) {
    const i = points.findIndex((p) => p.date >= a.date);
    if (i < 0) continue;
    svg.append(element("svg:line", { x1: x(i), x2: x(i), y1: top, y2: bottom, stroke: "#007f3b", "stroke-dasharray": "2 3", class: "annotation" }));
  }
  svg.append(element("svg:polyline", {
    points: points.map((p, i) => `${x(i)},${y(p.value)}`).join(" "), fill: "none", stroke: "#768692", "stroke-width": 2,
  }));
  points.forEach((p, i) => {
    svg.append(element("svg:circle", {
      cx: x(i), cy: y(p.value), r: p.marker === "common" || p.marker === "value" ? 4 : 6,
      fill: MARKER_COLOURS[p.marker], class: `point point--${p.marker}`,
    }));
  });
  return svg;
}

function dataTable(measure, chart) {
  const limits = chart.mode === "xmr";
  const head = ["Date", measure.unit ? `Value (${measure.unit})` : "Value", "Average"];
  if (limits) head.push("Lower process limit", "Upper process limit", "Signal");
  const table = element("table", { class: "data" });
  table.append(element("caption", {}, `Data for ${measure.name}`));
  table.append(element("thead", {}, element("tr", {}, ...head.map((h) => element("th", { scope: "col" }, h)))));
  const body = element("tbody");
  for (const point of chart.points) {
    const t = point.text;
    const cells = [t.value, t.mean, ...(limits ? [t.lower_limit, t.upper_limit, t.signal] : [])];
    body.append(element("tr", {}, element("th", { scope: "row" }, t.date), ...cells.map((c) => element("td", {}, c))));
  }
  table.append(body);
  // Folded away, as on the site: the chart and the verdict come first.
  return element("details", { class: "data" }, element("summary", {}, "Show the data"),
    element("div", { class: "table-wrap" }, table));
}

// The coach directory ---------------------------------------------------------------------

async function coaches() {
  const section = document.getElementById("coaches");
  const list = section.querySelector(".coach-list");
  let url = "/directory/coaches/?limit=50";
  let count = 0;
  for (;;) {
    const response = await fetch(`${API}${url}`);
    const page = await response.json();
    count = page.count;
    for (const coach of page.items) {
      const item = element("li", { class: "coach" }, element("h3", {}, coach.display_name));
      item.append(element("p", {}, [coach.role, coach.organisation && coach.organisation.name].filter(Boolean).join(", ")));
      if (coach.skills.length) item.append(element("p", {}, coach.skills.map((s) => s.name).join(", ")));
      if (coach.contact_url) item.append(element("a", { href: coach.contact_url }, `Contact ${coach.display_name}`));
      list.append(item);
    }
    // Follow the Link header (RFC 8288) while there is a next page.
    const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get("Link") || "");
    if (!next) break;
    url = next[1].slice(next[1].indexOf("/api/v3") + "/api/v3".length);
  }
  section.querySelector(".count").textContent = `${count} coaches and mentors`;
  section.hidden = false;
}

// The idea form, from the OpenAPI schema ------------------------------------------------

async function ideaForm() {
  const schema = (await get("/openapi.json")).components.schemas.IdeaIn;
  const section = document.getElementById("idea");
  const form = section.querySelector("form");
  const required = new Set(schema.required);
  for (const [name, field] of Object.entries(schema.properties)) {
    if (!required.has(name)) continue;
    form.append(fieldView(name, field));
  }
  form.append(element("button", { type: "submit" }, "Submit idea"));
  const key = crypto.randomUUID(); // one idea, one key: a retry files it once
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    form.querySelectorAll(".error").forEach((node) => node.remove());
    const body = { language: "en" };
    for (const [name, field] of Object.entries(schema.properties)) {
      if (!required.has(name)) continue;
      if (field.type === "array") body[name] = [...form.querySelectorAll(`[name=${name}]:checked`)].map((i) => i.value);
      else if (field.type === "boolean") body[name] = form.querySelector(`[name=${name}]`).checked;
      else body[name] = form.querySelector(`[name=${name}]`).value;
    }
    const response = await fetch(`${API}/submissions/`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": key },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    const outcome = section.querySelector(".outcome");
    if (response.ok) {
      outcome.textContent = `Thank you. Your reference is ${answer.reference}.`;
      form.hidden = true;
      return;
    }
    outcome.textContent = answer.detail;
    for (const error of answer.errors || []) {
      const name = error.loc[error.loc.length - 1];
      const holder = form.querySelector(`[data-field=${name}]`);
      if (holder) holder.querySelector("label, legend").after(element("span", { class: "error" }, error.msg));
    }
  });
  section.hidden = false;
}

function fieldView(name, field) {
  const id = `idea-${name}`;
  const hint = element("span", { class: "hint" }, field.description || "");
  if (field.type === "array" || field.enum) {
    const options = field.type === "array" ? field.items.enum : field.enum;
    const set = element("fieldset", { "data-field": name }, element("legend", {}, field.title));
    set.append(hint);
    for (const value of options) {
      const optionId = `${id}-${value}`;
      set.append(
        element("input", { type: field.type === "array" ? "checkbox" : "radio", name, value, id: optionId }),
        element("label", { for: optionId }, value.replaceAll("_", " ")),
      );
    }
    return set;
  }
  const holder = element("div", { "data-field": name });
  if (field.type === "boolean") {
    holder.append(element("label", { for: id }, element("input", { type: "checkbox", name, id }), ` ${field.description}`));
    return holder;
  }
  const long = field.format !== "email" && (field.maxLength || 0) > 200;
  const input = long
    ? element("textarea", { name, id, rows: 4 })
    : element("input", { type: field.format === "email" ? "email" : "text", name, id });
  if (field.maxLength) input.setAttribute("maxlength", field.maxLength);
  holder.append(element("label", { for: id }, field.title, hint), input);
  return holder;
}

const status = document.getElementById("status");
Promise.all([caseStudy(), coaches(), ideaForm()])
  .then(() => { status.textContent = ""; document.body.dataset.ready = "true"; })
  .catch((error) => { status.textContent = `The API could not be read: ${error.message}`; });
