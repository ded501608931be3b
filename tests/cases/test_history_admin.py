"""The Django admin shows the case history read-only, without personal data for the
administrator role (security findings 5 and 6)."""

from __future__ import annotations

from django.test import Client

from kesu.cases.models import CaseEvent
from kesu.domain.vocabulary import Action
from tests.conftest import Org, at
from tests.factories import act, register


def superuser(org: Org, username: str) -> Client:
    user = org[username]
    user.is_staff = user.is_superuser = True
    user.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(user)
    return client


def _accepted(org: Org) -> CaseEvent:
    case = register(org["agent"], at("2026-11-02 09:00"))
    note = "客户王丽来电补充：13812345678"
    act(case, org["agent"], Action.ACCEPT, at("2026-11-02 10:00"), note=note)
    return CaseEvent.objects.get(case=case, action=Action.ACCEPT)


def test_the_history_is_read_only_in_the_admin(org: Org) -> None:
    event = _accepted(org)
    client = superuser(org, "admin")
    listing = client.get("/admin/cases/caseevent/")
    assert listing.status_code == 200
    assert event.case.number in listing.content.decode()
    url = f"/admin/cases/caseevent/{event.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # a view, not a form
    assert client.get("/admin/cases/caseevent/add/").status_code == 403
    assert client.post(url, {"note": "篡改"}).status_code == 403
    assert client.get(f"/admin/cases/caseevent/{event.pk}/delete/").status_code == 403
    deleted = client.post(
        "/admin/cases/caseevent/",
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )
    assert deleted.status_code in {200, 302}
    assert CaseEvent.objects.filter(pk=event.pk, note=event.note).exists()


def test_the_administrator_sees_who_did_what_but_not_the_content(org: Org) -> None:
    event = _accepted(org)
    url = f"/admin/cases/caseevent/{event.pk}/change/"
    masked = superuser(org, "admin").get(url).content.decode()
    assert "13812345678" not in masked
    assert "王丽" not in masked
    assert "state" in masked  # which fields changed
    assert "已隐去：个人信息" in masked
    assert "李晓燕" in masked or "agent" in masked  # who acted
    full = superuser(org, "manager").get(url).content.decode()
    assert "13812345678" in full
