"""The pure whistleblowing rules (hypothesis) and key rotation of the sealed identities."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from kesu.domain import whistleblowing as rules
from kesu.whistleblowing import sealing, services
from kesu.whistleblowing.models import SealedIdentity
from tests.conftest import at

paths = st.lists(st.integers(min_value=1, max_value=9), min_size=1, max_size=5).map(
    lambda ids: "/" + "/".join(map(str, ids)) + "/"
)


@given(reported=paths, member=paths)
def test_members_of_the_reported_department_and_below_are_always_recused(
    reported: str, member: str
) -> None:
    inside = member.startswith(reported)
    assert rules.in_line(reported, member, is_head=False) is inside
    if inside:
        assert rules.in_line(reported, member, is_head=True)


@given(reported=paths, member=paths)
def test_heads_above_are_recused_but_never_from_the_root(reported: str, member: str) -> None:
    above = reported.startswith(member) and member != reported
    root = len(rules.ancestors(member)) == 1
    expected = member.startswith(reported) or (above and not root)
    assert rules.in_line(reported, member, is_head=True) is expected


@given(st.text(alphabet=rules.KEY_ALPHABET + "-  ", max_size=30))
def test_a_key_normalises_to_itself_or_nothing(text: str) -> None:
    key = rules.normalise_key(text)
    assert key == "" or rules.normalise_key(key) == key


def test_a_new_key_survives_being_typed_in_lower_case_without_dashes() -> None:
    key = rules.new_key()
    assert rules.normalise_key(key.lower().replace("-", " ")) == key


@pytest.mark.django_db
def test_rotating_the_seal_key(org: Any, settings: Any) -> None:
    old_key = settings.KESU_SEAL_KEYS[0]
    services.submit_report(
        services.Submission(
            facts="虚开发票。", identity=services.Identity("欧阳秀英", "13912345678")
        ),
        now=at("2026-10-12 09:00"),
    )
    new_key = Fernet.generate_key().decode()
    settings.KESU_SEAL_KEYS = [new_key, old_key]
    call_command("reseal_identities")
    settings.KESU_SEAL_KEYS = [new_key]  # the old key dropped: the rows still open
    row = SealedIdentity.objects.get()
    assert sealing.unseal(row.name) == "欧阳秀英"
    settings.KESU_SEAL_KEYS = [old_key]
    with pytest.raises(sealing.SealBroken):
        sealing.unseal(row.name)
