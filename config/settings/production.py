"""Production: secrets and hosts must come from the environment. Every process (gunicorn, the
worker, the sweep, manage.py) refuses to start with a missing, short or published secret key."""

import os

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import DEVELOPMENT_SECRET_KEY

DEBUG = False
KESU_PRODUCTION = True

MIN_SECRET_KEY_LENGTH = 50  # Django's own deployment check (security.W009) asks for the same


def checked_secret_key(value: str) -> str:
    """`value` if it is fit to sign sessions and tokens; otherwise ImproperlyConfigured."""
    advice = (
        'Set KESU_SECRET_KEY to a long random value, e.g. the output of python3 -c "import '
        'secrets; print(secrets.token_urlsafe(50))", and keep it secret.'
    )
    if not value:
        raise ImproperlyConfigured(f"KESU_SECRET_KEY is not set. {advice}")
    if value == DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured(f"KESU_SECRET_KEY is the published development key. {advice}")
    if len(value) < MIN_SECRET_KEY_LENGTH or len(set(value)) < 5:
        raise ImproperlyConfigured(
            f"KESU_SECRET_KEY is too short or too simple (at least {MIN_SECRET_KEY_LENGTH} "
            f"characters, not one repeated). {advice}"
        )
    return value


SECRET_KEY = checked_secret_key(os.environ.get("KESU_SECRET_KEY", ""))
SESSION_COOKIE_SECURE = os.environ.get("KESU_SECURE_COOKIES", "1") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTPS (see the admin guide): redirect plain HTTP, and tell browsers to use only HTTPS for
# KESU_HSTS_SECONDS (start small, e.g. 3600, then 31536000 once HTTPS is known to work).
SECURE_SSL_REDIRECT = os.environ.get("KESU_SSL_REDIRECT", "0") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("KESU_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("KESU_HSTS_SUBDOMAINS", "0") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("KESU_HSTS_PRELOAD", "0") == "1"
if os.environ.get("KESU_BEHIND_HTTPS_PROXY", "0") == "1":
    # The proxy ends TLS and says so in X-Forwarded-Proto (it must overwrite the client's).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
