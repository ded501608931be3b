"""Reference data kept by administrators: category tree, presets that never undo edits."""

from typing import Any

from django.core.management import call_command
from django.test import Client

from kesu.cases.models import Category, DeclineReason
from kesu.cases.services.catalogue import load_category_preset, load_decline_reasons


def admin_client(org: Any) -> Client:
    admin = org["admin"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    return client


def test_a_category_added_in_the_admin_sits_in_the_tree(org: Any, api: Any) -> None:
    parent = Category.objects.get(code="after_sales_repair")
    response = admin_client(org).post(
        "/admin/cases/category/add/",
        {"code": "install_delay", "name_zh": "安装延误", "name_en": "Installation delay",
         "parent": parent.pk, "sort_order": 9, "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Category.objects.get(code="install_delay")
    assert created.path == f"{parent.path}{created.pk}/"
    tree = api("agent").get("/categories").json()
    row = next(c for c in tree if c["code"] == "install_delay")
    assert (row["parent"], row["depth"]) == ("after_sales_repair", 1)
    codes = [c["code"] for c in tree]
    assert codes.index("after_sales_repair") < codes.index("install_delay")


def test_moving_a_category_under_itself_is_refused_in_the_admin(org: Any) -> None:
    root = Category.objects.get(code="after_sales_repair")
    child = Category.objects.get(code="after_sales_repair_delay")
    response = admin_client(org).post(
        f"/admin/cases/category/{root.pk}/change/",
        {"code": root.code, "name_zh": root.name_zh, "name_en": root.name_en,
         "parent": child.pk, "sort_order": 0, "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "不能" in response.content.decode()
    root.refresh_from_db()
    assert root.parent is None


def test_reloading_presets_keeps_administrators_edits(reference: None) -> None:
    reason = DeclineReason.objects.get(code="duplicate")
    reason.name_zh = "重复投诉（已合并）"
    reason.save()
    category = Category.objects.get(code="other")
    category.is_active = False
    category.save()
    assert load_category_preset("manufacturing") == 0
    assert load_decline_reasons() == 0
    call_command("load_presets", verbosity=0)
    assert DeclineReason.objects.get(code="duplicate").name_zh == "重复投诉（已合并）"
    assert Category.objects.get(code="other").is_active is False


def test_reference_lists_come_in_tree_order(api: Any, org: Any) -> None:
    departments = [d["code"] for d in api("agent").get("/departments").json()]
    assert departments[0] == "hq"
    assert departments.index("after-sales") < departments.index("install")
    vocab = api("agent").get("/vocabularies").json()
    assert {"code": "spouse", "name": "配偶"} in vocab["relations"]
    assert any(t["code"] == "legal_action" for t in vocab["major_criteria"])
    assert "phone" in vocab["contact_methods"]
    english = api("agent", language="en").get("/vocabularies").json()
    assert {"code": "complaint", "name": "Complaint"} in english["kinds"]
