// Suites (designer): a suite's standard and members, the conformance report with each member's
// deviations highlighted, facilitator training plans, and feedback per version as a chart.
import { gql } from "./api.js";
import { clearMessage, el, hours, labelledSelect, named, showError, table } from "./ui.js";

const CHOICES = `query SuiteChoices { suites(first: 100) { nodes { id name } } }`;

const SUITE = `query Suite($id: ID!) {
  suite(id: $id) { id name description audience subjectArea approach institution { name }
    hours hoursMin hoursMax weeks weeksMin weeksMax modules outcomesPerModule activities
    facilitatedSessions outcomeType pedagogy instructionalDesign assessmentMethods uxElements
    requiredEndorsementKinds allowedDeviations { field members reason }
    members { core position microCredential { id name hours weeks status assessmentMethods } } }
  suiteConformance(suiteId: $id) { approach conforms
    deviations { itemId field expected actual allowed reason explanation { text } }
    shapeViolations { code message itemIds explanation { text } } }
  feedbackSummary(id: $id) { count averageRating explanation { text }
    members { microCredentialId count averageRating
      versions { versionId version count averageRating learnerAverage employerAverage changeFromPrevious } } }
}`;

const FIT = `facilitatorId facilitates explanation { text } facilitator { name } missing { id name }`;
const FACILITATION = `needIds qualified { ${FIT} } others { ${FIT} }`;

const STANDARD_FIELDS = ["hours", "hoursMin", "hoursMax", "weeks", "weeksMin", "weeksMax", "modules",
  "outcomesPerModule", "activities", "facilitatedSessions", "outcomeType", "pedagogy",
  "instructionalDesign", "assessmentMethods", "uxElements", "requiredEndorsementKinds"];

let chart = null;

function show(value) {
  if (value === null || value === undefined) return "";
  return Array.isArray(value) ? value.join(", ") : String(value);
}

function rating(value) {
  return value === null || value === undefined ? "no ratings" : value.toFixed(2);
}

export async function render(container) {
  container.append(el("h1", {}, "Suites"));
  const find = (id) => container.querySelector(`#${id}`);
  const choices = await gql(CHOICES);
  const params = new URLSearchParams(location.hash.split("?")[1] || "");
  const form = el("form", { class: "controls", "aria-label": "Suite" },
    el("div", {}, ...labelledSelect("suite", "Suite", choices.suites.nodes.map((s) => [s.id, s.name]),
      params.get("suite") || "suite-data")),
    el("button", { type: "submit", class: "primary", id: "show-suite" }, "Show the suite"));
  const body = el("div", { id: "suite-body" });
  container.append(form, body);

  const load = async () => {
    clearMessage();
    const id = find("suite").value;
    const data = await gql(SUITE, { id });
    if (!data.suite) throw new Error(`no suite with the id ${id}`);
    const suite = data.suite;
    const report = data.suiteConformance;
    const members = [...suite.members].sort((a, b) => (a.position ?? 99) - (b.position ?? 99));
    const fields = members.map((m, i) => `f${i}: facilitatorCoverage(microCredentialId: ${JSON.stringify(m.microCredential.id)}) { ${FACILITATION} }`);
    const coverage = fields.length ? await gql(`query Facilitation { ${fields.join(" ")} }`) : {};

    const deviationsOf = (itemId) => report.deviations.filter((d) => d.itemId === itemId);
    const memberRows = members.map((m) => {
      const mc = m.microCredential;
      const found = deviationsOf(mc.id);
      const status = found.some((d) => !d.allowed) ? "deviates" : found.length ? "allowed" : "conforms";
      return {
        attrs: { "data-id": mc.id, "data-status": status, class: status === "deviates" ? "deviation" : status === "allowed" ? "allowed" : null },
        cells: [show(m.position), m.core === false ? "elective" : "core", named(mc, mc.id), hours(mc.hours), show(mc.weeks),
          show(mc.assessmentMethods), mc.status || "",
          found.length
            ? el("ul", {}, found.map((d) => el("li", {},
              el("span", { class: `tag ${d.allowed ? "warn" : "bad"}` }, d.allowed ? "allowed deviation" : "deviation"),
              ` ${d.field}: ${d.actual} (standard: ${d.expected})${d.reason ? `, ${d.reason}` : ""}`)))
            : el("span", { class: "tag ok" }, "follows the standard")],
      };
    });

    const training = members.map((m, i) => {
      const answer = coverage[`f${i}`];
      return el("div", { class: "card", "data-id": m.microCredential.id },
        el("h3", {}, named(m.microCredential, m.microCredential.id)),
        el("p", {}, `Needs: ${answer.needIds.join(", ") || "nothing recorded"}.`),
        el("p", {}, `Qualified: ${answer.qualified.map((q) => q.facilitator?.name || q.facilitatorId).join(", ") || "nobody yet"}`),
        answer.others.length
          ? table("Training plans", ["Facilitator", "Train in"], answer.others.map((o) => ({
            cells: [`${o.facilitator?.name || o.facilitatorId}${o.facilitates ? " (facilitates it)" : ""}`,
              o.missing.map((c) => c.name || c.id).join(", ")] })))
          : "");
    });

    const feedback = data.feedbackSummary;
    const versions = feedback.members.flatMap((m) => m.versions.map((v) => ({ member: m.microCredentialId, ...v })));
    const canvas = el("canvas", { id: "feedback-chart", role: "img",
      "aria-label": `Average rating per version: ${versions.map((v) => `${v.versionId} ${rating(v.averageRating)}`).join("; ")}` });

    body.replaceChildren(
      el("h2", {}, `${suite.name} (${suite.approach || "no approach"})`),
      el("p", {}, [suite.description, suite.audience && `Audience: ${suite.audience}.`, suite.institution && `Offered by ${suite.institution.name}.`].filter(Boolean).join(" ")),
      table("The standard", ["Element", "Value"], STANDARD_FIELDS.filter((f) => suite[f] !== null && suite[f] !== undefined && show(suite[f]) !== "")
        .map((f) => ({ cells: [f, show(suite[f])] })).concat((suite.allowedDeviations || []).map((d) => ({
          cells: [`allowed deviation: ${d.field}`, `${d.members.join(", ") || "every member"}${d.reason ? `: ${d.reason}` : ""}`] }))), { id: "standard" }),
      el("h2", {}, "Conformance"),
      el("p", { id: "conformance" }, report.conforms
        ? el("span", { class: "tag ok" }, "conforms")
        : el("span", { class: "tag bad" }, "does not conform"),
      ` ${report.deviations.filter((d) => !d.allowed).length} deviation(s), ${report.deviations.filter((d) => d.allowed).length} allowed, ${report.shapeViolations.length} shape violation(s) for a ${report.approach || ""} suite.`),
      report.shapeViolations.length
        ? el("ul", { id: "shape-violations" }, report.shapeViolations.map((v) => el("li", {}, `${v.code}: ${v.message}`)))
        : "",
      table("Members", ["Position", "Core", "Micro-credential", "Hours", "Weeks", "Assessment", "Status", "Against the standard"], memberRows, { id: "members" }),
      el("h2", {}, "Facilitator training"),
      el("div", { class: "cards", id: "training" }, training),
      el("h2", {}, "Feedback per version"),
      el("p", {}, `${feedback.explanation.text}.`),
      el("div", { class: "chart" }, canvas),
      table("Ratings per version", ["Member", "Version", "Ratings", "Average", "Learners", "Employers", "Change"],
        versions.map((v) => ({ cells: [v.member, `${v.versionId} (v${v.version || "?"})`, String(v.count), rating(v.averageRating),
          rating(v.learnerAverage), rating(v.employerAverage), v.changeFromPrevious === null ? "" : (v.changeFromPrevious > 0 ? "+" : "") + v.changeFromPrevious.toFixed(2)] })),
        { id: "feedback-table" }),
    );
    if (!window.Chart) throw new Error("the chart library is not installed: run `make run` (or `npm ci --prefix api/webapp`)");
    if (chart) chart.destroy();
    chart = new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: versions.map((v) => `${v.versionId} (v${v.version || "?"})`),
        datasets: [
          { label: "average", data: versions.map((v) => v.averageRating), backgroundColor: "#0b5cad" },
          { label: "learners", data: versions.map((v) => v.learnerAverage), backgroundColor: "#1a7f37" },
          { label: "employers", data: versions.map((v) => v.employerAverage), backgroundColor: "#9a6700" },
        ],
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false,
        scales: { y: { min: 0, max: 5, title: { display: true, text: "rating (1 to 5)" } } } },
    });
    container.dataset.loaded = id;
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try { await load(); } catch (error) { if (container.isConnected) showError(error); }
  });
  await load();
}
