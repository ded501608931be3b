"""The demo organisation: created once, cases walked through the real workflow."""

from typing import Any

from django.core.management import call_command

from kesu.approvals.models import ApprovalRuleRow
from kesu.cases.models import Case, CaseEvent
from kesu.org.models import User


def test_seed_demo_creates_users_and_cases_once(reference: None, capsys: Any) -> None:
    call_command("seed_demo", cases=25)
    assert User.objects.count() == 16
    assert ApprovalRuleRow.objects.filter(preset="manufacturer").exists()  # a matrix in force
    assert Case.objects.count() == 25
    assert CaseEvent.objects.filter(action="register").count() == 25
    assert Case.objects.exclude(state="registered").exists()
    call_command("seed_demo", cases=25)
    assert Case.objects.count() == 25
    out = capsys.readouterr().out
    assert "already present" in out
    assert "supervisor" in out
    assert User.objects.get(username="agent").check_password("kesu-demo-2026")
