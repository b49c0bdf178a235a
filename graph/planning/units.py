"""Credit units (DOMAIN.md "Values"): 1 CREDIT_HOUR = 2 ECTS = 15 INSTRUCTIONAL_HOUR; a
COURSE_CREDIT is worth the offering institution's `courseCreditInCreditHours`."""

from __future__ import annotations

from graph.models import CreditUnit

PER_CREDIT_HOUR: dict[CreditUnit, float] = {
    CreditUnit.CREDIT_HOUR: 1.0,
    CreditUnit.ECTS: 2.0,
    CreditUnit.INSTRUCTIONAL_HOUR: 15.0,
}


class NoConversion(ValueError):
    """A COURSE_CREDIT amount whose institution does not say what one course credit is worth."""


def convert(
    amount: float,
    from_unit: CreditUnit | None,
    to_unit: CreditUnit | None,
    course_credit_hours: float | None,
) -> float:
    """`amount` in `from_unit` expressed in `to_unit`.

    Both COURSE_CREDIT sides use `course_credit_hours`, the value of one course credit (in
    credit hours) at the institution offering the item the credits are for (decision 5). A
    missing unit means CREDIT_HOUR (decision 11).
    """
    source = from_unit or CreditUnit.CREDIT_HOUR
    target = to_unit or CreditUnit.CREDIT_HOUR
    if source == target:
        return amount
    hours = _to_credit_hours(amount, source, course_credit_hours)
    if target is CreditUnit.COURSE_CREDIT:
        if not course_credit_hours:
            raise NoConversion("COURSE_CREDIT without courseCreditInCreditHours")
        return hours / course_credit_hours
    return hours * PER_CREDIT_HOUR[target]


def _to_credit_hours(amount: float, unit: CreditUnit, course_credit_hours: float | None) -> float:
    if unit is CreditUnit.COURSE_CREDIT:
        if not course_credit_hours:
            raise NoConversion("COURSE_CREDIT without courseCreditInCreditHours")
        return amount * course_credit_hours
    return amount / PER_CREDIT_HOUR[unit]
