"""Suite shape and standard checks on purpose-built suites (no database)."""

from __future__ import annotations

from graph.models import AllowedDeviation, Approach, EndorsementKind, MicroCredential, Suite
from graph.planning.suites import Member, deviations, facilitator_fits, shape_violations


def member(
    id_: str,
    requires: tuple[str, ...] = (),
    core: bool | None = None,
    position: int | None = None,
    teaches: tuple[str, ...] = (),
    **fields: object,
) -> Member:
    return Member(
        credential=MicroCredential.model_validate({"id": id_, **fields}),
        core=core,
        position=position,
        requires=frozenset(requires),
        teaches=frozenset(teaches or (f"k-{id_}",)),
        endorsement_kinds=frozenset(),
    )


def codes(suite: Suite, members: list[Member]) -> list[str]:
    return [v.code for v in shape_violations(suite, members)]


PROGRESSIVE = Suite(id="s", approach=Approach.PROGRESSIVE)
MODULAR = Suite(id="s", approach=Approach.MODULAR)
HYBRID = Suite(id="s", approach=Approach.HYBRID)


def test_progressive_path_holds_with_extra_edges_to_earlier_members() -> None:
    # c requires b and a (an extra edge back is allowed); b requires a; positions 1, 2, 3.
    members = [
        member("a", position=1),
        member("b", ("a",), position=2),
        member("c", ("b", "a"), position=3),
    ]
    assert codes(PROGRESSIVE, members) == []


def test_progressive_breaks() -> None:
    # b and c both only require a: two members can come second, no single path.
    branching = [member("a"), member("b", ("a",)), member("c", ("a",))]
    assert "NOT_A_PATH" in codes(PROGRESSIVE, branching)
    # a cycle
    assert codes(PROGRESSIVE, [member("a", ("b",)), member("b", ("a",))]) == ["NOT_A_PATH"]
    # the path a -> b, but positions say b first
    wrong_positions = [member("a", position=2), member("b", ("a",), position=1)]
    assert codes(PROGRESSIVE, wrong_positions) == ["POSITION_ORDER"]
    # b teaches nothing a did not: no progression
    repeat = [member("a", teaches=("x", "y")), member("b", ("a",), teaches=("x",))]
    assert codes(PROGRESSIVE, repeat) == ["NO_PROGRESSION"]


def test_modular_members_stand_alone() -> None:
    assert codes(MODULAR, [member("a"), member("b", ("outside",))]) == []
    assert codes(MODULAR, [member("a"), member("b", ("a",))]) == ["MEMBER_REQUIRES_MEMBER"]


def test_hybrid_rules() -> None:
    ok = [member("c1", core=True), member("c2", ("c1",), core=True), member("e1", ("c1", "x"))]
    assert codes(HYBRID, ok) == []
    assert codes(HYBRID, [member("e1"), member("e2")]) == ["NO_CORE"]
    bad = [member("c1", ("e1",), core=True), member("e1"), member("e2", ("e1",))]
    assert sorted(codes(HYBRID, bad)) == ["CORE_REQUIRES_ELECTIVE", "ELECTIVE_REQUIRES_ELECTIVE"]


def test_standard_deviations_and_allowed_ones() -> None:
    suite = Suite(
        id="s",
        hours_min=30,
        hours_max=40,
        weeks=6,
        pedagogy="Bloom's taxonomy",
        assessment_methods=("project", "quiz"),
        ux_elements=("overview", "discussion"),
        required_endorsement_kinds=(EndorsementKind.CO_DESIGNED,),
        allowed_deviations=(AllowedDeviation(field="weeks", members=("b",), reason="capstone"),),
    )
    a = member(
        "a",
        hours=40,
        weeks=6,
        pedagogy="Bloom's taxonomy",
        assessment_methods=("quiz",),
        ux_elements=("overview", "discussion", "exploration"),
    )
    b = member(
        "b",
        hours=41,
        weeks=8,
        pedagogy="inquiry",
        assessment_methods=("exam", "project"),
        ux_elements=("overview",),
    )
    found = {(d.item_id, d.field): d for d in deviations(suite, [a, b], frozenset({"CO_DESIGNED"}))}
    assert set(found) == {
        ("b", "hours"),
        ("b", "weeks"),
        ("b", "pedagogy"),
        ("b", "assessmentMethods"),
        ("b", "uxElements"),
    }
    assert (found["b", "hours"].expected, found["b", "hours"].actual) == ("30..40", "41")
    assert found["b", "weeks"].allowed and found["b", "weeks"].reason == "capstone"
    assert not found["b", "pedagogy"].allowed
    # without the suite's own CO_DESIGNED endorsement, both members miss it
    missing = [
        d for d in deviations(suite, [a], frozenset()) if d.field == "requiredEndorsementKinds"
    ]
    assert [d.item_id for d in missing] == ["a"]


def test_facilitator_fits_rank_qualified_first() -> None:
    fits = facilitator_fits(
        frozenset({"k1", "k2"}),
        {"f-b": frozenset({"k1"}), "f-a": frozenset({"k1", "k2", "k3"}), "f-c": frozenset({"k2"})},
        frozenset({"f-c"}),
    )
    assert [(f.facilitator_id, f.missing) for f in fits] == [
        ("f-a", ()),
        ("f-c", ("k1",)),  # as short a training plan as f-b, but it already facilitates
        ("f-b", ("k2",)),
    ]
