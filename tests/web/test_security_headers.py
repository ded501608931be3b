"""Every page is served under a Content-Security-Policy with no inline script or style, and the
small things a first visit meets (security review 12; new-user review D19): the login page names
the organisation and says what to do about a forgotten password, the favicon exists, and the
"API documentation" link is shown to the roles that use the API."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from kesu.core.labels import label
from kesu.domain.vocabulary import Action
from tests.conftest import at
from tests.factories import register
from tests.web.client import logged_in

PAGES = ["/", "/cases/", "/cases/new/", "/notifications/", "/manage/", "/manage/departments/"]


def _policy(response: Any) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_a_strict_policy_and_no_inline_code(org: Any, path: str) -> None:
    register(org["agent"], at("2026-11-24 09:00"))
    response = logged_in("manager").get(path)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    assert not re.search(r"\sstyle=", html), "inline style attribute"
    assert "<style" not in html


def test_the_login_page_and_the_api_docs_have_the_policy_too(org: Any) -> None:
    assert "script-src 'self'" in Client().get("/accounts/login/")["Content-Security-Policy"]
    docs = logged_in("agent").get("/api/v1/docs")
    assert "script-src 'self'" in docs["Content-Security-Policy"]


def test_the_login_page_names_the_organisation_and_helps_with_a_forgotten_password(
    db: Any, settings: Any
) -> None:
    settings.KESU_ORGANISATION = "华联电器股份有限公司"
    page = Client().get("/accounts/login/").content.decode()
    assert "华联电器股份有限公司" in page
    assert "忘记密码" in page
    assert "系统管理员" in page


def test_the_favicon_exists(db: Any) -> None:
    assert finders.find("favicon.svg")
    response = Client().get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/favicon.svg")
    assert 'rel="icon"' in Client().get("/accounts/login/").content.decode()


@pytest.mark.parametrize(
    ("username", "shown"),
    [("agent", False), ("supervisor", False), ("handler", False), ("manager", True),
     ("admin", True), ("analyst", True)],
)  # fmt: skip
def test_the_api_documentation_link_is_for_the_roles_that_use_the_api(
    org: Any, username: str, shown: bool
) -> None:
    page = logged_in(username).get("/").content.decode()
    assert ('href="/api/v1/docs"' in page) is shown


def test_withdraw_reads_as_the_customer_withdrawing(db: Any) -> None:
    assert str(label(Action.WITHDRAW)) == "撤诉"
