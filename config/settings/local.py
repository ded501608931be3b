"""Development on one machine: `bin/run` uses this."""

import os

from config.settings.base import *  # noqa: F403

DEBUG = True
# The demo's organisation (kesu.demo.corpus), shown on the login page.
KESU_ORGANISATION = os.environ.get("KESU_ORGANISATION", "华联电器股份有限公司")
# A published development seal key (never in production).
DEVELOPMENT_SEAL_KEY = "a2VzdS1kZXZlbG9wbWVudC1zZWFsLWtleS0zMi1ieXQ="
KESU_SEAL_KEYS = KESU_SEAL_KEYS or [DEVELOPMENT_SEAL_KEY]  # noqa: F405
