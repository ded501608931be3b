"""Test settings: SQLite by default, PostgreSQL when DATABASE_URL says so."""

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = VAR_DIR / "test-media"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("KESU_TEST_SQLITE", "")}
LANGUAGE_CODE = "zh-hans"
