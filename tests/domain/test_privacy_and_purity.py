"""Personal-data masking, severity rules, and the rule that the domain core imports no Django."""

import ast
from pathlib import Path

from kesu.domain import privacy
from kesu.domain.access import Scope, scope_of
from kesu.domain.severity import suggest_severity
from kesu.domain.vocabulary import Role, Severity

DOMAIN = Path(__file__).resolve().parents[2] / "kesu" / "domain"


def test_masks() -> None:
    assert privacy.mask_phone("13812345678") == "138****5678"
    assert privacy.mask_id_number("110101199003071234") == "110***********1234"
    assert privacy.mask_address("广东省佛山市顺德区大良街道新桂路8号") == "广东省佛山市****"
    assert privacy.mask_email("wangli@example.com") == "w***@example.com"
    assert privacy.mask_name("王丽") == "王*"
    assert privacy.mask_phone("") == ""


def test_who_sees_personal_data() -> None:
    assert privacy.needs_personal_data(frozenset({Role.INTAKE_AGENT}))
    assert not privacy.needs_personal_data(frozenset({Role.ANALYST}))


def test_scopes() -> None:
    assert scope_of([Role.ANALYST]) is Scope.ORGANISATION
    assert scope_of([Role.HANDLER]) is Scope.DEPARTMENT
    assert scope_of([Role.ADMINISTRATOR]) is Scope.NONE


def test_major_criteria_and_group_complaints_make_a_case_major() -> None:
    assert (
        suggest_severity(stated=Severity.MINOR, major_criteria=[], complainant_count=1)
        is Severity.MINOR
    )
    assert (
        suggest_severity(stated=Severity.GENERAL, major_criteria=[], complainant_count=5)
        is Severity.MAJOR
    )
    assert (
        suggest_severity(
            stated=Severity.GENERAL, major_criteria=["legal_action"], complainant_count=1
        )
        is Severity.MAJOR
    )


def test_the_domain_core_imports_no_django() -> None:
    for path in DOMAIN.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(name.split(".")[0] in {"django", "ninja"} for name in names), path
