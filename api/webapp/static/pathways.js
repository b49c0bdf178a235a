// Pathways (advisor, learner): a learner's plan toward a target drawn as a graph (holdings ->
// requirement tree -> planned items in term columns), the transfer chains institution to
// institution, prior learning and skill gaps, what-if edits and a comparison of targets.
import { gql, tokenClaims } from "./api.js";
import { drawGraph, legend } from "./plan_graph.js";
import { clearMessage, el, hours, labelledSelect, named, showError, table } from "./ui.js";

const LEARNERS = `query Learners { learners(first: 100) { nodes { id displayName } } }`;
const CHOICES = `query PathwayChoices {
  programs(first: 100) { nodes { id name } }
  suites(first: 100) { nodes { id name } }
  microCredentials(first: 100) { nodes { id name status } }
  courses(first: 100) { nodes { id name } }
  occupations(first: 100) { nodes { id name } }
}`;

const OPTIONS = `options { __typename id name ... on Requirement { op count minCredits } }`;
const HEAD = `query PathwayHead($learner: ID!, $target: ID!) {
  learner(id: $learner) { id displayName earned { item { id name } date grade } }
  target: node(id: $target) { __typename id name
    ... on Program { institution { id name } requirements { id name op count minCredits ${OPTIONS} } }
    ... on Suite { institution { id name } requirements { id name op count minCredits ${OPTIONS} } }
    ... on MicroCredential { institution { id name } }
    ... on Course { institution { id name } } }
}`;
const PLAN = `query Pathway($learner: ID!, $target: ID!, $assume: AssumeInput, $termHours: Float) {
  stackingPlan(learnerId: $learner, targetId: $target, assume: $assume, termHours: $termHours) {
    satisfied reachable exact totalRemainingHours assumedHoldingIds explanation { text }
    completed { itemId how explanation { text } item { id name } }
    remaining { order itemId hours fillsId prerequisiteOfIds explanation { text } item { id name } }
    terms { number hours overloaded steps { itemId } }
    unreachable { id name }
  }
}`;
const PRIOR = `query Prior($learner: ID!, $target: ID!, $assume: AssumeInput) {
  priorLearning(learnerId: $learner, targetId: $target, assume: $assume) {
    covered { competencyId how explanation { text } competency { name } }
    missing { id name } exemptions { id name } hoursSaved
  }
}`;

// Nested requirements one level at a time (each level one query), so that no question is
// costlier than the API's limit; at most four levels.
async function fillTree(requirements) {
  let level = requirements;
  for (let depth = 0; depth < 4 && level.length; depth += 1) {
    const nested = level.flatMap((r) => r.options.filter((o) => o.__typename === "Requirement"));
    if (!nested.length) break;
    const fields = nested.map((r, i) => `r${i}: requirement(id: ${JSON.stringify(r.id)}) { id ${OPTIONS} }`);
    const answer = await gql(`query Tree { ${fields.join(" ")} }`);
    nested.forEach((r, i) => { r.options = answer[`r${i}`] ? answer[`r${i}`].options : []; });
    level = nested;
  }
}

const TRANSFER = `query Chains($learner: ID!, $institution: ID!, $assume: AssumeInput) {
  transferCredit(learnerId: $learner, institutionId: $institution, assume: $assume) {
    totalCredits uncappedCredits creditUnit capped
    awards { receivingId credits holdingIds conditionsPending explanation { text }
      via { from { id name } transferValue { id credits creditUnit for { id name } }
            agreement { id name } fromInstitution { id name } toInstitution { id name } } }
    notApplied { transferValueId reason }
  }
}`;

const GAP = `query Gap($learner: ID!, $occupation: ID!, $assume: AssumeInput) {
  skillGap(learnerId: $learner, occupationId: $occupation, assume: $assume) {
    held { competencyId essential competency { name } explanation { text } }
    missing { competencyId essential competency { name } }
    closingSet { id name } closingHours uncoverable { id name } explanation { text }
  }
}`;

const COMPARE = `query Compare($learner: ID!, $targets: [ID!]!, $assume: AssumeInput) {
  compareTargets(learnerId: $learner, targetIds: $targets, assume: $assume) {
    rows { targetId reachable completedCount remainingItems remainingHours remainingCost
           creditTransferred creditUnit closingHours explanation { text } target { id name } }
  }
}`;

const OP_WORDS = { ALL: "all of", ANY: "any one of" };

function opText(req) {
  const base = req.op === "AT_LEAST" ? `at least ${req.count} of` : OP_WORDS[req.op] || req.op;
  return req.minCredits ? `${base}, with at least ${req.minCredits} credits` : base;
}

// The plan as Cytoscape elements: every item once, planned items placed by hand in term columns.
export function planElements(data) {
  const plan = data.stackingPlan;
  const target = data.target;
  const nodes = new Map();
  const edges = [];
  const completed = new Map(plan.completed.map((c) => [c.itemId, c]));
  const planned = new Map(plan.remaining.map((s) => [s.itemId, s]));
  const assumed = new Set(plan.assumedHoldingIds);
  const node = (id, data) => {
    if (!nodes.has(id)) nodes.set(id, { data: { id, ...data } });
    return nodes.get(id);
  };
  const edge = (source, target, label, kind, explain) =>
    edges.push({ data: { id: `${source}->${target}`, source, target, label, kind, explain } });

  const itemNode = (item) => {
    const id = `i:${item.id}`;
    const done = completed.get(item.id);
    const step = planned.get(item.id);
    if (done) {
      return node(id, { label: `✓ ${item.name || item.id}`, kind: "completed",
        explain: `${named(item, item.id)}: ${done.how.toLowerCase()} (${done.explanation.text})` });
    }
    if (step) {
      return node(id, { label: `${step.order}. ${item.name || item.id} (${hours(step.hours)})`,
        kind: "planned", manual: true, itemId: item.id,
        explain: `${named(item, item.id)}: planned, step ${step.order}, ${hours(step.hours)} (${step.explanation.text})` });
    }
    const kind = item.__typename === "Competency" ? "competency" : "option";
    return node(id, { label: item.name || item.id, kind,
      explain: `${named(item, item.id)}: an option not chosen by the plan` });
  };

  const targetId = `t:${target.id}`;
  node(targetId, { label: target.name || target.id, kind: "target",
    explain: `${named(target, target.id)}: the target; ${plan.explanation.text}` });
  const walk = (req, parentId, parentName) => {
    const id = `r:${req.id}`;
    node(id, { label: `${req.name || req.id}\n${opText(req)}`, kind: "requirement",
      explain: `${req.name || req.id} asks for ${opText(req)} its options` });
    edge(id, parentId, "part of", "tree", `${req.name || req.id} is part of ${parentName}`);
    for (const option of req.options || []) {
      if (option.__typename === "Requirement") {
        walk(option, id, req.name || req.id);
        continue;
      }
      const n = itemNode(option);
      const how = completed.has(option.id) ? "satisfies" : planned.has(option.id) ? "will fill" : "option";
      edge(n.data.id, id, how, how === "will fill" ? "fills" : "tree",
        `${named(option, option.id)} ${how === "option" ? "is an option of" : how} ${req.name || req.id} (${opText(req)})`);
    }
  };
  for (const req of target.requirements || []) walk(req, targetId, target.name || target.id);

  // holdings (with the what-if applied by the API: assumed ones marked)
  const removed = new Set(data.assume?.removeHoldingIds || []);
  const holdings = (data.learner?.earned || []).filter((h) => !removed.has(h.item.id)).map((h) => h.item);
  for (const id of assumed) if (!holdings.some((h) => h.id === id)) holdings.push({ id, name: data.names?.[id] });
  for (const item of holdings) {
    const id = `h:${item.id}`;
    node(id, { label: item.name || item.id, kind: assumed.has(item.id) ? "assumed" : "holding",
      explain: `${named(item, item.id)}: ${assumed.has(item.id) ? "assumed (what-if)" : "held by the learner"}` });
    const done = completed.get(item.id);
    if (done && done.how === "EARNED") {
      itemNode(item);
      edge(id, `i:${item.id}`, "earned", "transfer", `the learner earned ${named(item, item.id)}`);
    }
  }
  for (const award of data.transfer?.awards || []) {
    const receiving = `i:${award.receivingId}`;
    if (!nodes.has(receiving)) continue;
    for (const holding of award.holdingIds) {
      if (nodes.has(`h:${holding}`)) {
        edge(`h:${holding}`, receiving, "transfer", "transfer", award.explanation.text);
      }
    }
  }
  // planned items outside the tree (prerequisites) and their links
  for (const step of plan.remaining) {
    const n = itemNode(step.item || { id: step.itemId });
    if (step.fillsId && !nodes.has(`r:${step.fillsId}`)) {
      node(`r:${step.fillsId}`, { label: step.fillsId, kind: "requirement", explain: `${step.fillsId}: what the target needs` });
      edge(`r:${step.fillsId}`, targetId, "part of", "tree", `${step.fillsId} completes the target`);
    }
    // a step that fills a requirement without being one of its options (e.g. it teaches a
    // competency the requirement names)
    if (step.fillsId && !edges.some((e) => e.data.id === `${n.data.id}->r:${step.fillsId}`)) {
      edge(n.data.id, `r:${step.fillsId}`, "will fill", "fills",
        `${named(step.item, step.itemId)} will fill ${step.fillsId} (${step.explanation.text})`);
    }
    for (const next of step.prerequisiteOfIds) {
      const other = planned.get(next);
      itemNode(other ? other.item || { id: next } : { id: next });
      edge(n.data.id, `i:${next}`, "prerequisite of", "fills",
        `${named(step.item, step.itemId)} is a prerequisite of ${next}`);
    }
  }
  // term columns: one compound node per term
  const terms = plan.terms || plan.remaining.map((s) => ({ number: s.order, hours: s.hours, steps: [s] }));
  for (const term of terms) {
    node(`term:${term.number}`, { label: `Term ${term.number} (${hours(term.hours)}${term.overloaded ? ", overloaded" : ""})`,
      kind: "term", manual: true, explain: `term ${term.number}` });
    for (const step of term.steps) nodes.get(`i:${step.itemId}`).data.parent = `term:${term.number}`;
  }
  return { elements: [...nodes.values(), ...edges], terms };
}

// Places the planned items in term columns under the laid-out tree, in plan order.
function termColumns(terms) {
  return (cy) => {
    const laid = cy.elements().filter((e) => !e.data("manual") && e.isNode());
    const box = laid.length ? laid.boundingBox() : { x1: 0, y2: 0 };
    terms.forEach((term, column) => {
      term.steps.forEach((step, row) => {
        cy.getElementById(`i:${step.itemId}`).position({ x: box.x1 + 90 + column * 200, y: box.y2 + 110 + row * 64 });
      });
    });
  };
}

function chainElements(transfer) {
  const nodes = new Map();
  const edges = [];
  const place = (item, institution) => {
    const inst = `inst:${institution.id}`;
    if (!nodes.has(inst)) nodes.set(inst, { data: { id: inst, label: institution.name, kind: "institution" } });
    const id = `x:${item.id}`;
    if (!nodes.has(id)) {
      nodes.set(id, { data: { id, parent: inst, label: item.name || item.id, kind: "item",
        explain: `${named(item, item.id)} at ${institution.name}` } });
    }
    return id;
  };
  for (const award of transfer.awards) {
    for (const step of award.via) {
      const tv = step.transferValue;
      for (const from of step.from) {
        const source = place(from, step.fromInstitution);
        for (const to of tv.for) {
          const target = place(to, step.toInstitution);
          const pending = award.conditionsPending.length ? `; conditions to check: ${award.conditionsPending.join("; ")}` : "";
          edges.push({ data: { id: `${tv.id}:${from.id}`, source, target, kind: "transfer",
            label: `${tv.id} (${tv.credits} ${tv.creditUnit || ""})`,
            explain: `${tv.id} credits ${to.name || to.id} for ${from.name || from.id}, ${tv.credits} ${tv.creditUnit || ""} under ${step.agreement ? step.agreement.name || step.agreement.id : "no agreement"} (${step.fromInstitution.name} → ${step.toInstitution.name}); award: ${award.explanation.text}${pending}` } });
        }
      }
    }
  }
  return [...nodes.values(), ...edges];
}


export async function render(container) {
  container.append(el("h1", {}, "Pathways"));
  const choices = await gql(CHOICES);
  // a learner's token may not list learners: it speaks for its own learner only
  const claims = tokenClaims();
  choices.learners = claims && claims.learner && !(claims.roles || []).some((r) => r !== "learner")
    ? { nodes: [{ id: claims.learner, displayName: claims.learner }] }
    : (await gql(LEARNERS)).learners;
  const targets = [
    ...choices.programs.nodes.map((n) => [n.id, `Program: ${n.name}`]),
    ...choices.suites.nodes.map((n) => [n.id, `Suite: ${n.name}`]),
    ...choices.microCredentials.nodes.map((n) => [n.id, `Micro-credential: ${n.name}`]),
    ...choices.courses.nodes.map((n) => [n.id, `Course: ${n.name}`]),
  ];
  const names = Object.fromEntries(
    [...choices.programs.nodes, ...choices.suites.nodes, ...choices.microCredentials.nodes, ...choices.courses.nodes]
      .map((n) => [n.id, n.name]),
  );
  const learners = choices.learners.nodes.map((n) => [n.id, n.displayName || n.id]);
  const find = (id) => container.querySelector(`#${id}`);
  const selected = (id) => (find(id) ? find(id).value : "");
  const params = new URLSearchParams(location.hash.split("?")[1] || "");
  const state = { assume: { addHoldings: [], removeHoldingIds: [] } };

  const controls = el("form", { class: "controls", id: "pathway-form", "aria-label": "Learner and target" },
    el("div", {}, ...labelledSelect("learner", "Learner", learners, params.get("learner") || learners[0]?.[0])),
    el("div", {}, ...labelledSelect("target", "Target", targets, params.get("target") || "prog-lsu-ds")),
    el("div", {}, el("label", { for: "term-hours" }, "Hours a term"),
      el("input", { id: "term-hours", type: "number", min: "1", step: "1", value: "40" })),
    el("button", { type: "submit", class: "primary", id: "show-plan" }, "Show the plan"),
    el("button", { type: "button", id: "print", onclick: () => window.print() }, "Print"));
  const whatIf = el("fieldset", { id: "what-if" }, el("legend", {}, "What if"),
    el("div", { class: "controls" },
      el("div", {}, ...labelledSelect("add-item", "Assume earned", targets.filter(([id]) => !id.startsWith("prog-") && !id.startsWith("suite-")), "")),
      el("div", {}, el("label", { for: "add-grade" }, "Grade"), el("input", { id: "add-grade", type: "number", min: "0", max: "100", value: "" })),
      el("button", { type: "button", id: "add-holding" }, "Add holding"),
      el("div", {}, el("label", { for: "remove-item" }, "Assume not held"), el("select", { id: "remove-item" })),
      el("button", { type: "button", id: "remove-holding" }, "Remove holding"),
      el("button", { type: "button", id: "reset-what-if" }, "Reset")),
    el("p", { id: "assumptions", "aria-live": "polite" }, "No assumptions: the learner's record as it is."));
  const summary = el("p", { id: "plan-summary", "aria-live": "polite" });
  const planBox = el("div", { class: "graph", id: "plan-graph", "aria-label": "The plan as a graph" });
  const planList = el("ul", { class: "edges", id: "plan-elements", "aria-label": "Every node and edge of the plan, explained" });
  const explain = el("p", { class: "explain", id: "plan-explain", "aria-live": "polite" }, "Hover, click or focus a node or an edge to read why it is there.");
  const chainBox = el("div", { class: "graph small", id: "chain-graph", "aria-label": "Transfer chains as a graph" });
  const chainList = el("ul", { class: "edges", id: "chain-elements", "aria-label": "Every transfer step, explained" });
  const chainExplain = el("p", { class: "explain", id: "chain-explain", "aria-live": "polite" }, "Hover, click or focus a transfer to read it in words.");
  const details = el("div", { id: "pathway-details" });
  const gapForm = el("form", { class: "controls no-print", id: "gap-form", "aria-label": "Skill gap" },
    el("div", {}, ...labelledSelect("occupation", "Occupation", choices.occupations.nodes.map((n) => [n.id, n.name]), "occ-data-analyst")),
    el("button", { type: "submit", id: "show-gap" }, "Show the skill gap"));
  const gap = el("div", { id: "skill-gap" });
  const compareForm = el("form", { class: "no-print", id: "compare-form", "aria-label": "Compare targets" },
    el("fieldset", {}, el("legend", {}, "Compare targets"),
      ...targets.slice(0, 12).map(([id, text]) => el("label", { class: "check" },
        el("input", { type: "checkbox", name: "compare", value: id, checked: ["prog-lsu-ds", "prog-nlc-dat"].includes(id) }), ` ${text} `)),
      el("button", { type: "submit", id: "compare" }, "Compare")));
  const comparison = el("div", { id: "comparison" });

  container.append(controls, whatIf, summary,
    el("p", { class: "print-only" }, "credgraph plan"),
    el("h2", {}, "The plan"),
    legend([["holding", "held"], ["assumed", "assumed (what-if)"], ["completed", "done (earned, transfer, exemption)"],
      ["planned", "planned, in term columns"], ["requirement", "requirement"], ["target", "target"]]),
    el("div", { class: "grid" }, planBox, el("div", {}, explain, planList)),
    el("h2", {}, "Transfer chains"),
    el("div", { class: "grid" }, chainBox, el("div", {}, chainExplain, chainList)),
    details, el("h2", {}, "Skill gap"), gapForm, gap, el("h2", {}, "Comparison"), compareForm, comparison);

  const assumeVar = () =>
    state.assume.addHoldings.length || state.assume.removeHoldingIds.length ? state.assume : null;
  const describeAssume = () => {
    const parts = [
      ...state.assume.addHoldings.map((h) => `earned ${h.itemId}${h.grade !== null ? ` (grade ${h.grade})` : ""}`),
      ...state.assume.removeHoldingIds.map((id) => `not holding ${id}`),
    ];
    find("assumptions").textContent = parts.length
      ? `Assuming: ${parts.join(", ")}. Nothing is written.`
      : "No assumptions: the learner's record as it is.";
  };

  const show = async () => {
    clearMessage();
    container.setAttribute("aria-busy", "true");
    try {
      const learner = selected("learner");
      const target = selected("target");
      const termHours = Number(selected("term-hours")) || null;
      const [head, planned, prior] = await Promise.all([
        gql(HEAD, { learner, target }),
        gql(PLAN, { learner, target, assume: assumeVar(), termHours }),
        gql(PRIOR, { learner, target, assume: assumeVar() }),
      ]);
      const data = { ...head, ...planned, ...prior };
      if (!data.target) throw new Error(`no target with the id ${target}`);
      await fillTree(data.target.requirements || []);
      const institution = data.target.institution;
      data.transfer = institution
        ? (await gql(TRANSFER, { learner, institution: institution.id, assume: assumeVar() })).transferCredit
        : null;
      data.assume = state.assume;
      data.names = names;
      const remove = find("remove-item");
      remove.replaceChildren(...(data.learner?.earned || [])
        .map((h) => el("option", { value: h.item.id }, h.item.name || h.item.id)));
      const plan = data.stackingPlan;
      summary.textContent = plan.satisfied
        ? `${data.learner.displayName || learner} has already reached ${data.target.name}.`
        : plan.reachable
          ? `${plan.remaining.length} item(s) left, ${hours(plan.totalRemainingHours)}, in ${(plan.terms || []).length} term(s)${plan.exact ? "" : " (heuristic plan)"}.`
          : `Not reachable: ${plan.unreachable.map((n) => n.name || n.id).join(", ")} cannot be met.`;
      const { elements, terms } = planElements(data);
      drawGraph(planBox, planList, explain, elements, { rankDir: "LR", arrange: termColumns(terms) });
      if (data.transfer && data.transfer.awards.length) {
        drawGraph(chainBox, chainList, chainExplain, chainElements(data.transfer), { rankDir: "LR" });
      } else {
        chainBox.replaceChildren(el("p", {}, "No transfer credit at the target's institution."));
        chainList.replaceChildren();
      }
      renderDetails(details, data);
      container.dataset.loaded = `${learner}/${target}`;
    } catch (error) {
      if (container.isConnected) showError(error);
    } finally {
      container.setAttribute("aria-busy", "false");
    }
  };

  controls.addEventListener("submit", (event) => { event.preventDefault(); show(); });
  find("add-holding").addEventListener("click", () => {
    const grade = selected("add-grade");
    state.assume.addHoldings.push({ itemId: selected("add-item"), grade: grade === "" ? null : Number(grade) });
    describeAssume();
    show();
  });
  find("remove-holding").addEventListener("click", () => {
    const id = selected("remove-item");
    if (id && !state.assume.removeHoldingIds.includes(id)) state.assume.removeHoldingIds.push(id);
    describeAssume();
    show();
  });
  find("reset-what-if").addEventListener("click", () => {
    state.assume = { addHoldings: [], removeHoldingIds: [] };
    describeAssume();
    show();
  });
  gapForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const answer = (await gql(GAP, { learner: selected("learner"), occupation: selected("occupation"), assume: assumeVar() })).skillGap;
      gap.replaceChildren(
        table("Held", ["Competency", "Essential", "Why"], answer.held.map((h) => ({ cells: [named(h.competency, h.competencyId), h.essential ? "yes" : "no", h.explanation ? h.explanation.text : ""] }))),
        table("Missing", ["Competency", "Essential"], answer.missing.map((m) => ({ cells: [named(m.competency, m.competencyId), m.essential ? "yes" : "no"] }))),
        el("p", {}, `Closing set (${hours(answer.closingHours)}): ${answer.closingSet.map((n) => named(n, n.id)).join(", ") || "nothing needed"}.`,
          answer.uncoverable.length ? ` Not coverable: ${answer.uncoverable.map((c) => c.name || c.id).join(", ")}.` : ""));
    } catch (error) {
      showError(error);
    }
  });
  compareForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const ids = [...compareForm.querySelectorAll("input[name=compare]:checked")].map((i) => i.value);
    try {
      const rows = (await gql(COMPARE, { learner: selected("learner"), targets: ids, assume: assumeVar() })).compareTargets.rows;
      comparison.replaceChildren(table("Targets side by side",
        ["Target", "Reachable", "Done", "Items left", "Hours left", "Cost left", "Credit transferred"],
        rows.map((r) => ({ attrs: { "data-id": r.targetId }, cells: [named(r.target, r.targetId), r.reachable ? "yes" : "no", String(r.completedCount ?? ""),
          String(r.remainingItems ?? ""), hours(r.remainingHours ?? r.closingHours), String(r.remainingCost ?? ""),
          r.creditTransferred !== null ? `${r.creditTransferred} ${r.creditUnit || ""}` : ""] })), { id: "comparison-table" }));
    } catch (error) {
      showError(error);
    }
  });
  await show();
}

function renderDetails(details, data) {
  const prior = data.priorLearning;
  const transfer = data.transfer;
  details.replaceChildren(
    el("h2", {}, "Prior learning"),
    el("p", {}, `Exempt: ${prior.exemptions.map((n) => named(n, n.id)).join(", ") || "nothing"}; ${hours(prior.hoursSaved)} saved.`),
    table("Covered competencies", ["Competency", "How", "Why"],
      prior.covered.map((c) => ({ cells: [named(c.competency, c.competencyId), c.how.toLowerCase(), c.explanation.text] }))),
    el("p", {}, `Not yet covered: ${prior.missing.map((c) => c.name || c.id).join(", ") || "nothing"}.`),
    transfer
      ? table(`Transfer rules that did not apply (total credit ${transfer.totalCredits} ${transfer.creditUnit || ""}${transfer.capped ? ", capped" : ""})`,
        ["Rule", "Why not"], transfer.notApplied.map((n) => ({ cells: [n.transferValueId, n.reason] })), { id: "not-applied" })
      : "",
  );
}
