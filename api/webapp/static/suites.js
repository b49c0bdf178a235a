// placeholder
import { el } from "./ui.js";

export async function render(container) {
  container.append(el("h1", {}, "suites"));
}
