// Small DOM helpers shared by the pages: elements, selects, tables and messages in words.

// An element with attributes (on* as listeners) and children (strings become text).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return node;
}

// A labelled select: [label, select]; options are [value, text] pairs.
export function labelledSelect(id, label, options, selected) {
  const select = el("select", { id, name: id });
  for (const [value, text] of options) {
    select.append(el("option", { value, selected: value === selected }, text));
  }
  return [el("label", { for: id }, label), select];
}

// A table with a caption, headers and rows of cells (strings or nodes).
export function table(caption, headers, rows, attrs = {}) {
  return el(
    "table",
    attrs,
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, headers.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows.map((row) => el("tr", row.attrs || {}, row.cells.map((c) => el("td", {}, c))))),
  );
}

// Puts an error in words into the page's alert region (never a blank page).
export function showError(error) {
  const region = document.getElementById("message");
  region.className = "message error";
  region.textContent = `Something went wrong: ${error.message || error}`;
}

// A confirmation or note in the page's status region.
export function showNote(text) {
  const region = document.getElementById("message");
  region.className = "message note";
  region.textContent = text;
}

export function clearMessage() {
  const region = document.getElementById("message");
  region.className = "message";
  region.textContent = "";
}

// A node's name with its id, for labels.
export function named(node, id) {
  if (!node) return id;
  const name = node.name || node.displayName;
  return name ? `${name} (${node.id || id})` : node.id || id;
}

export function hours(value) {
  return value === null || value === undefined ? "unknown" : `${Math.round(value * 10) / 10} h`;
}
