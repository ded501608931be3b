"""Development on one machine: `bin/run` uses this."""

from config.settings.base import *  # noqa: F403

DEBUG = True
