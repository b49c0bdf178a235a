from __future__ import annotations

import pytest

from api.types.pagination import decode_cursor, encode_cursor
from graph.errors import Invalid
from graph.repositories.nodes import lucene_escape


@pytest.mark.parametrize("id_", ["mc-1", "x:y/z#1", "ü"])
def test_cursor_round_trip(id_: str) -> None:
    assert decode_cursor(encode_cursor(id_)) == id_


@pytest.mark.parametrize("bad", ["nope", "!!!", "aWQ", "eHl6OmFiYw=="])
def test_foreign_cursor_is_rejected(bad: str) -> None:
    with pytest.raises(Invalid, match="not a cursor"):
        decode_cursor(bad)


def test_lucene_operators_are_escaped() -> None:
    assert lucene_escape('data AND (sql OR "x") ~2 *') == 'data AND \\(sql OR \\"x\\"\\) \\~2 \\*'
