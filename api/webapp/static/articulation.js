// Articulation (registrar): the worklist of held items with no transfer value here, the
// suggestions with their competency overlap drawn, accepting (or editing, then accepting) one to
// create the transfer value through the API, the agreements, and the impact of a retirement.
import { ApiError, gql, unwrap } from "./api.js";
import { drawGraph, legend } from "./plan_graph.js";
import { clearMessage, el, labelledSelect, named, showError, showNote, table } from "./ui.js";

const CHOICES = `query ArticulationChoices {
  institutions(first: 100) { nodes { id name creditUnit } }
}`;

const ITEM = `__typename id name ... on MicroCredential { institution { id name } }
  ... on Course { institution { id name } }`;
const WORKLIST = `query Worklist($institution: ID!) {
  articulationWorklist(institutionId: $institution, first: 20) {
    nodes { itemId learnersHolding explanation { text } item { ${ITEM} }
      suggestions { courseId coverage matchedIds missingIds existingTransferValueIds
        explanation { text } course { id name credits creditUnit }
        matched { id name } missing { id name } } }
  }
}`;

const AGREEMENTS = `query Agreements {
  transferAgreements(first: 100) { nodes { id name kind effectiveFrom effectiveTo
    parties { role institution { id name } } transferValues(first: 100) { id } } }
}`;

const IMPACT = `query Impact($id: ID!) {
  impactOf(id: $id) { id label requiredBy requirements ruleOwners transferValues suites stacksInto
    supersededBy learnerCount explanation { text } }
}`;

const IMPORT = `mutation Accept($files: [ImportFileInput!]!) {
  importData(format: CSV, files: $files, refuseInvalid: true) {
    __typename
    ... on ImportSummary { created links }
    ... on InvalidInput { message fields { field message } }
    ... on Forbidden { message }
  }
}`;

// The columns of the CSV template "transfer-values" (importers/csv_templates.py).
const COLUMNS = ["id", "name", "from", "for", "credits", "creditUnit", "minGrade", "effectiveFrom",
  "effectiveTo", "maxAgeYears", "allowChaining", "conditions", "approvedBy", "evidence", "agreement"];

function csvCell(value) {
  const text = value === null || value === undefined ? "" : String(value);
  return `"${text.replace(/"/g, '""')}"`;
}

// Creates the transfer value through the API: one row of the transfer-values CSV template,
// imported in one transaction by importData (the token needs the importer role).
export async function createTransferValue(values) {
  const csv = `${COLUMNS.join(",")}\n${COLUMNS.map((c) => csvCell(values[c])).join(",")}\n`;
  const answer = await gql(IMPORT, { files: [{ name: "transfer-values.csv", content: csv }] });
  return unwrap(answer.importData, "ImportSummary");
}

// The overlap of one suggestion: the source item and the course, the competencies both teach
// between them, and the course's competencies the source does not cover.
function overlapElements(entry, suggestion) {
  const source = `s:${entry.itemId}`;
  const course = `c:${suggestion.courseId}`;
  const nodes = [
    { data: { id: source, label: entry.item?.name || entry.itemId, kind: "holding",
      explain: `${named(entry.item, entry.itemId)}: the held item to articulate` } },
    { data: { id: course, label: suggestion.course?.name || suggestion.courseId, kind: "target",
      explain: `${named(suggestion.course, suggestion.courseId)}: ${suggestion.explanation.text}` } },
  ];
  const edges = [];
  for (const c of suggestion.matched) {
    nodes.push({ data: { id: `k:${c.id}`, label: c.name || c.id, kind: "shared",
      explain: `${named(c, c.id)}: taught by both` } });
    edges.push({ data: { id: `${source}->k:${c.id}`, source, target: `k:${c.id}`, label: "teaches", kind: "transfer",
      explain: `${entry.item?.name || entry.itemId} covers ${c.name || c.id}` } });
    edges.push({ data: { id: `k:${c.id}->${course}`, source: `k:${c.id}`, target: course, label: "needed by", kind: "transfer",
      explain: `${suggestion.course?.name || suggestion.courseId} teaches ${c.name || c.id}` } });
  }
  for (const c of suggestion.missing) {
    nodes.push({ data: { id: `k:${c.id}`, label: `${c.name || c.id} (not covered)`, kind: "competency",
      explain: `${named(c, c.id)}: the course teaches it, the source does not cover it` } });
    edges.push({ data: { id: `k:${c.id}->${course}`, source: `k:${c.id}`, target: course, label: "not covered", kind: "fills",
      explain: `${suggestion.course?.name || suggestion.courseId} teaches ${c.name || c.id}, which ${entry.itemId} does not cover` } });
  }
  return [...nodes, ...edges];
}

export async function render(container) {
  container.append(el("h1", {}, "Articulation"));
  const find = (id) => container.querySelector(`#${id}`);
  const choices = await gql(CHOICES);
  const institutions = choices.institutions.nodes;
  const params = new URLSearchParams(location.hash.split("?")[1] || "");
  const form = el("form", { class: "controls", "aria-label": "Receiving institution" },
    el("div", {}, ...labelledSelect("institution", "Receiving institution",
      institutions.map((i) => [i.id, i.name]), params.get("institution") || "inst-lsu")),
    el("button", { type: "submit", class: "primary", id: "show-worklist" }, "Show the worklist"));
  const worklist = el("div", { id: "worklist" });
  const overlap = el("div", { class: "graph small", id: "overlap-graph", "aria-label": "Competency overlap of the chosen suggestion" });
  const overlapList = el("ul", { class: "edges", id: "overlap-elements", "aria-label": "The overlap, explained" });
  const overlapExplain = el("p", { class: "explain", id: "overlap-explain", "aria-live": "polite" }, "Choose a suggestion to see its overlap.");
  const editor = el("form", { id: "accept-form", class: "controls", "aria-label": "Transfer value to create", hidden: true });
  const agreements = el("div", { id: "agreements" });
  const impactForm = el("form", { class: "controls", id: "impact-form", "aria-label": "Impact of a retirement" },
    el("div", {}, el("label", { for: "impact-id" }, "Item to retire"), el("input", { id: "impact-id", value: "mc-data-1" })),
    el("button", { type: "submit", id: "show-impact" }, "Show the impact"));
  const impact = el("div", { id: "impact" });
  container.append(form, el("h2", {}, "Worklist"), worklist, el("h2", {}, "Suggestion"),
    legend([["holding", "held item"], ["target", "receiving course"], ["shared", "competency both teach"], ["competency", "not covered"]]),
    el("div", { class: "grid" }, overlap, el("div", {}, overlapExplain, overlapList)), editor,
    el("h2", {}, "Agreements"), agreements, el("h2", {}, "Impact of a retirement"), impactForm, impact);

  const institutionOf = (id) => institutions.find((i) => i.id === id);

  const edit = (entry, suggestion, agreementRows) => {
    drawGraph(overlap, overlapList, overlapExplain, overlapElements(entry, suggestion), { rankDir: "LR" });
    const receiving = find("institution").value;
    const fromInstitution = entry.item?.institution?.id;
    const fitting = agreementRows.filter((a) =>
      a.parties.some((p) => p.role === "RECEIVING" && p.institution.id === receiving)
      && a.parties.some((p) => p.role === "SENDING" && p.institution.id === fromInstitution));
    const field = (id, label, value, attrs = {}) =>
      el("div", {}, el("label", { for: id }, label), el("input", { id, value: value ?? "", ...attrs }));
    editor.replaceChildren(
      el("p", {}, `Create a transfer value: ${named(entry.item, entry.itemId)} → ${named(suggestion.course, suggestion.courseId)} (${Math.round(suggestion.coverage * 100)}% of its competencies covered).`),
      field("tv-id", "Transfer value id", `tv-${entry.itemId}-${suggestion.courseId}`, { required: true }),
      field("tv-credits", "Credits", suggestion.course?.credits ?? "", { type: "number", step: "any", min: "0" }),
      el("div", {}, ...labelledSelect("tv-unit", "Credit unit",
        ["CREDIT_HOUR", "COURSE_CREDIT", "ECTS", "INSTRUCTIONAL_HOUR"].map((u) => [u, u]),
        suggestion.course?.creditUnit || institutionOf(receiving)?.creditUnit || "CREDIT_HOUR")),
      field("tv-min-grade", "Least grade", "", { type: "text" }),
      el("div", {}, ...labelledSelect("tv-agreement", "Agreement",
        [["", "none (its own window)"], ...fitting.map((a) => [a.id, a.name || a.id])], fitting[0]?.id || "")),
      field("tv-conditions", "Conditions", ""),
      el("button", { type: "submit", class: "primary", id: "accept" }, "Accept and create"));
    editor.hidden = false;
    editor.onsubmit = async (event) => {
      event.preventDefault();
      clearMessage();
      const id = find("tv-id").value.trim();
      try {
        if (!id) throw new ApiError("the transfer value needs an id");
        const summary = await createTransferValue({
          id, name: `${entry.item?.name || entry.itemId} to ${suggestion.course?.name || suggestion.courseId}`,
          from: entry.itemId, for: suggestion.courseId, credits: find("tv-credits").value,
          creditUnit: find("tv-unit").value, minGrade: find("tv-min-grade").value,
          conditions: find("tv-conditions").value, agreement: find("tv-agreement").value,
          approvedBy: "registrar (web app)", evidence: suggestion.explanation.text,
        });
        await showWorklist();
        showNote(`Created ${id} (${summary.created} node(s), ${summary.links} link(s)).`);
        container.dataset.accepted = id;
      } catch (error) {
        if (container.isConnected) showError(error);
      }
    };
  };

  const showWorklist = async () => {
    const institution = find("institution").value;
    const [answer, agreementAnswer] = await Promise.all([gql(WORKLIST, { institution }), gql(AGREEMENTS)]);
    const rows = agreementAnswer.transferAgreements.nodes;
    const entries = answer.articulationWorklist.nodes;
    worklist.replaceChildren(entries.length
      ? table(`Held items with no transfer value into ${institutionOf(institution)?.name || institution}`,
        ["Item", "From", "Learners holding", "Suggestions"],
        entries.map((entry) => ({
          attrs: { "data-id": entry.itemId },
          cells: [named(entry.item, entry.itemId), entry.item?.institution?.name || "", String(entry.learnersHolding),
            entry.suggestions.length
              ? el("ul", {}, entry.suggestions.map((s) => el("li", {},
                `${named(s.course, s.courseId)}: ${Math.round(s.coverage * 100)}% covered `,
                s.existingTransferValueIds.length ? `(existing: ${s.existingTransferValueIds.join(", ")}) ` : "",
                el("button", { type: "button", "data-suggestion": `${entry.itemId}/${s.courseId}`,
                  "aria-label": `Review ${entry.itemId} to ${s.courseId}`, onclick: () => edit(entry, s, rows) }, "Review")))
              )
              : "no course covers enough of it"],
        })), { id: "worklist-table" })
      : el("p", {}, "Nothing to articulate: every held item has an effective transfer value."));
    agreements.replaceChildren(table("Transfer agreements", ["Agreement", "Kind", "Sending → receiving", "In force", "Rules"],
      rows.map((a) => ({ cells: [named(a, a.id), a.kind || "",
        `${a.parties.filter((p) => p.role === "SENDING").map((p) => p.institution.name).join(", ")} → ${a.parties.filter((p) => p.role === "RECEIVING").map((p) => p.institution.name).join(", ")}`,
        `${a.effectiveFrom || "?"} to ${a.effectiveTo || "open-ended"}`, a.transferValues.map((t) => t.id).join(", ")] }))));
    container.dataset.loaded = institution;
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearMessage();
    try { await showWorklist(); } catch (error) { if (container.isConnected) showError(error); }
  });
  impactForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearMessage();
    try {
      const answer = (await gql(IMPACT, { id: find("impact-id").value.trim() })).impactOf;
      const rows = ["requiredBy", "requirements", "ruleOwners", "transferValues", "suites", "stacksInto", "supersededBy"]
        .map((k) => ({ cells: [k, answer[k].join(", ") || "none"] }));
      rows.push({ cells: ["learners affected", String(answer.learnerCount)] });
      impact.replaceChildren(el("p", {}, answer.explanation.text), table(`Retiring ${answer.id} would touch`, ["What", "Ids"], rows, { id: "impact-table" }));
    } catch (error) {
      if (container.isConnected) showError(error);
    }
  });
  await showWorklist();
}
