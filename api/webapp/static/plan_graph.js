// Drawing with Cytoscape.js (dagre layout): the plan graph and the transfer chains, each with a
// keyboard-reachable list of its nodes and edges that explains every one in words.
import { el } from "./ui.js";

const COLORS = {
  holding: "#1a7f37", assumed: "#2da44e", target: "#0b5cad", requirement: "#57606a",
  completed: "#1a7f37", planned: "#6639ba", option: "#8c959f", competency: "#9a6700",
  institution: "#f6f8fa", term: "#f3efff", item: "#0b5cad", shared: "#0a6c74",
};

const STYLE = [
  { selector: "node", style: {
      label: "data(label)", "font-size": 13, "text-wrap": "wrap", "text-max-width": 140,
      "text-valign": "center", "text-halign": "center", color: "#fff", width: 160, height: 50,
      shape: "round-rectangle", "background-color": (n) => COLORS[n.data("kind")] || COLORS.option } },
  { selector: "node[kind = 'requirement']", style: { shape: "diamond", width: 170, height: 90, "text-max-width": 110, "font-size": 11 } },
  { selector: "node[kind = 'competency']", style: { shape: "ellipse" } },
  { selector: "node[kind = 'option']", style: { color: "#1b1f24", "background-color": "#eaeef2",
      "border-width": 1, "border-color": "#8c959f" } },
  { selector: ":parent", style: { "background-color": (n) => COLORS[n.data("kind")] || "#f6f8fa",
      "border-color": "#c9d1d9", "border-width": 1, color: "#1b1f24", "text-valign": "top",
      "text-halign": "center", "font-weight": "bold", padding: 14 } },
  { selector: "edge", style: {
      width: 2, "curve-style": "bezier", "target-arrow-shape": "triangle", "line-color": "#8c959f",
      "target-arrow-color": "#8c959f", label: "data(label)", "font-size": 11, color: "#4a5560",
      "text-background-color": "#fff", "text-background-opacity": 0.85, "text-rotation": "autorotate",
      "text-margin-y": -9 } },
  { selector: "edge[kind = 'transfer']", style: { "line-color": "#0b5cad", "target-arrow-color": "#0b5cad" } },
  { selector: "edge[kind = 'fills']", style: { "line-color": "#6639ba", "target-arrow-color": "#6639ba",
      "line-style": "dashed" } },
  { selector: ".active", style: { "overlay-color": "#f0a000", "overlay-opacity": 0.35 } },
];

// Draws `elements` in `box`, lists them in `list` (one focusable item per node and edge, with
// its explanation), and shows the explanation of whatever is hovered, clicked or focused in
// `explain`. `arrange(cy)` may move nodes after the layout (the plan's term columns).
export function drawGraph(box, list, explain, elements, { rankDir = "LR", arrange } = {}) {
  if (!window.cytoscape || !window.cytoscapeDagre) {
    throw new Error("the graph library is not installed: run `make run` (or `npm ci --prefix api/webapp`)");
  }
  const cy = window.cytoscape({
    container: box, elements, style: STYLE, boxSelectionEnabled: false,
  });
  const laid = arrange ? cy.elements().filter((e) => !e.data("manual")) : cy.elements();
  laid.layout({ name: "dagre", rankDir, nodeSep: 18, rankSep: 60, fit: false }).run();
  if (arrange) arrange(cy);
  cy.fit(undefined, 20);

  const items = new Map();
  const say = (ele) => {
    cy.elements().removeClass("active");
    ele.addClass("active");
    for (const li of list.querySelectorAll("li.active")) li.classList.remove("active");
    const li = items.get(ele.id());
    if (li) li.classList.add("active");
    explain.textContent = ele.data("explain") || ele.data("label");
  };
  cy.on("mouseover tap", "node, edge", (event) => say(event.target));

  const rows = [];
  for (const ele of cy.elements()) {
    if (ele.data("kind") === "term" || ele.data("kind") === "institution") continue;
    const text = ele.isEdge()
      ? `${ele.source().data("label")} → ${ele.target().data("label")}: ${ele.data("explain")}`
      : `${ele.data("label")}: ${ele.data("explain")}`;
    const li = el("li", {
      tabindex: "0",
      "data-id": ele.id(),
      "data-kind": ele.data("kind"),
      "data-element": ele.isEdge() ? "edge" : "node",
      onfocus: () => say(ele),
      onmouseover: () => say(ele),
    }, text);
    items.set(ele.id(), li);
    rows.push(li);
  }
  list.replaceChildren(...rows);
  box.setAttribute("role", "img");
  return cy;
}

// The legend of a graph's colours, in words.
export function legend(entries) {
  return el("div", { class: "legend" }, entries.map(([kind, text]) =>
    el("span", {}, el("span", { class: "swatch", style: `background:${COLORS[kind]}` }), text)));
}
