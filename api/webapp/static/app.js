// The web app's shell: token sign-in (kept in sessionStorage), hash routing between the pages.
import { gql, setToken, token, tokenClaims } from "./api.js";
import { clearMessage, showError } from "./ui.js";
import * as pathways from "./pathways.js";
import * as articulation from "./articulation.js";
import * as suites from "./suites.js";

const PAGES = { pathways, articulation, suites };

if (window.cytoscape && window.cytoscapeDagre) window.cytoscape.use(window.cytoscapeDagre);

// Says who the token speaks for (the API checks it on every question; this is only a label).
function describeToken() {
  const label = document.getElementById("signed-in");
  if (!token()) {
    label.textContent = "Not signed in: public data only.";
    return;
  }
  const claims = tokenClaims();
  if (!claims) {
    label.textContent = "Signed in (the token is not a JWT the app can read; the API decides).";
    return;
  }
  const roles = [].concat(claims.roles || []).join(", ");
  label.textContent = `Signed in as ${claims.sub || "?"}${roles ? ` (${roles})` : ""}.`;
}

async function route() {
  const name = (location.hash.replace(/^#\/?/, "") || "pathways").split("?")[0];
  const page = PAGES[name] ? name : "pathways";
  for (const link of document.querySelectorAll("nav a")) {
    if (link.dataset.page === page) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  // a fresh container each time: a page still loading for an earlier route draws into a
  // detached one and cannot mix with this one
  const container = document.createElement("div");
  container.id = "page";
  document.getElementById("page").replaceWith(container);
  container.setAttribute("aria-busy", "true");
  container.dataset.page = page;
  clearMessage();
  try {
    await PAGES[page].render(container);
  } catch (error) {
    if (container.isConnected) showError(error);
  } finally {
    container.setAttribute("aria-busy", "false");
  }
}

document.getElementById("sign-in").addEventListener("submit", (event) => {
  event.preventDefault();
  const input = document.getElementById("token");
  setToken(input.value);
  input.value = "";
  describeToken();
  route();
});
document.getElementById("sign-out-button").addEventListener("click", () => {
  setToken("");
  describeToken();
  route();
});
window.addEventListener("hashchange", route);
window.addEventListener("unhandledrejection", (event) => showError(event.reason));
describeToken();
route();

// for the browser tests and the console: the API client the pages use
window.credgraph = { gql };
