"""Production: secrets and hosts must come from the environment."""

import os

from config.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["KESU_SECRET_KEY"]
SESSION_COOKIE_SECURE = os.environ.get("KESU_SECURE_COOKIES", "1") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
