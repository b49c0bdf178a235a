"""Every column of every CSV template reaches the graph: a filled-in cell changes what the row
imports. A column that is neither a field of the row's model nor read by its builder would pass
the header check and be dropped without a word."""

from __future__ import annotations

import csv
import io

import pytest

from importers.base import SourceError
from importers.csv_templates import TEMPLATES, parse
from importers.files import Upload

# a value for each column whose template example is empty (its example otherwise)
FILLED = {
    "courseCreditInCreditHours": "3",
    "description": "a description",
    "broader": "c-broader",
    "alignsTo": "esco-x",
    "notAssessed": "c-sql",
    "prerequisites": "c-first",
    "stacksInto": "suite-data",
    "supersedes": "mc-old",
    "facilitatorCompetencies": "c-teach",
    "hours": "20",
    "weeks": "4",
    "allowedDeviations": '[{"field": "hours", "members": [], "reason": "a lab"}]',
    "parent": "lk-cs-top",
    "count": "2",
    "minCredits": "6",
    "effectiveTo": "2030-06-30",
    "name": "a name",
    "conditions": "grade B or better",
    "evidence": "https://example.org/evidence",
    "expires": "2030-06-30",
    "displayName": "a display name",
}
# a value other than what a blank cell means, where the example is that value
NOT_THE_DEFAULT = {"allowChaining": "true", "alignMatch": "CLOSE"}
# other cells a column needs to mean anything, filled in with and without it
CONTEXT = {
    "alignMatch": {"alignsTo": "esco-x"},
    "parent": {"owner": ""},  # a rule has an owner or a parent: the parent's case
}
CASES = [(t.name, c.name) for t in TEMPLATES.values() for c in t.columns if not c.required]


def _import(template: str, row: dict[str, str]) -> object:
    out = io.StringIO()
    writer = csv.DictWriter(out, list(row), lineterminator="\n")
    writer.writeheader()
    writer.writerow(row)
    return parse([Upload(f"{template}.csv", out.getvalue().encode())])


@pytest.mark.parametrize(("template", "column"), CASES, ids=[f"{t}.{c}" for t, c in CASES])
def test_a_filled_in_column_changes_what_the_row_imports(template: str, column: str) -> None:
    columns = TEMPLATES[template].columns
    row = {c.name: c.example for c in columns} | CONTEXT.get(column, {})
    value = NOT_THE_DEFAULT.get(column) or row[column] or FILLED[column]
    with_cell = _import(template, {**row, column: value})
    try:
        without_cell = _import(template, {**row, column: ""})
    except SourceError as error:  # the row needs it, or its pair (a rule's owner or parent)
        assert error.field_name in {column, *CONTEXT.get(column, {})}
        return
    assert with_cell != without_cell
