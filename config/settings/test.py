"""Test settings: SQLite by default, PostgreSQL when DATABASE_URL says so."""

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, INSTALLED_APPS, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = VAR_DIR / "test-media"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("KESU_TEST_SQLITE", "")}
LANGUAGE_CODE = "zh-hans"
# Tasks run in-process by default, so tests need no worker; the notification delivery tests switch
# to the database backend per test (override_settings) to exercise the real queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The Redis option is tested too (tests/notify/test_rq_backend.py), on its own Redis database.
INSTALLED_APPS = [
    *INSTALLED_APPS,
    *(app for app in ("django_rq", "django_tasks_rq") if app not in INSTALLED_APPS),
]
RQ_QUEUES = {"default": {"URL": os.environ.get("KESU_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")}}
# The tests' seal key (published: tests only).
DEVELOPMENT_SEAL_KEY = "a2VzdS1kZXZlbG9wbWVudC1zZWFsLWtleS0zMi1ieXQ="
KESU_SEAL_KEYS = KESU_SEAL_KEYS or [DEVELOPMENT_SEAL_KEY]  # noqa: F405
