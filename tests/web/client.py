"""A logged-in Django test client for the workspace pages."""

from __future__ import annotations

from django.test import Client


def logged_in(username: str, language: str = "zh-hans") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    response = client.post("/accounts/login/", {"username": username, "password": "pw-123456"})
    assert response.status_code == 302, response.content.decode()
    return client
