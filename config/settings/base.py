"""Settings shared by every environment. Everything that differs between sites comes from the
environment (see docs/admin-guide.md, "Configuration")."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from kesu.domain.errors import InvalidNumberPattern
from kesu.domain.numbering import NumberPattern

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("KESU_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

#: Published in this repository: production settings refuse it (config/settings/production.py).
DEVELOPMENT_SECRET_KEY = "kesu-development-only-secret-change-me"  # noqa: S105
SECRET_KEY = os.environ.get("KESU_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
#: True under production settings: `seed_demo` refuses to run there.
KESU_PRODUCTION = False
DEBUG = os.environ.get("KESU_DEBUG", "0") == "1"
ALLOWED_HOSTS = [
    h for h in os.environ.get("KESU_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",  # login lockout after repeated failures
    "csp",  # Content-Security-Policy on every response ({% csp_nonce %} if ever needed)
    "ninja",  # serves the API docs (Swagger UI) from local static files, not a CDN
    "kesu.core",
    "kesu.org",
    "kesu.deadlines",
    "kesu.approvals",
    "kesu.cases",
    "kesu.decisions",
    "kesu.visits",
    "kesu.triage",
    "kesu.intake",
    "kesu.stats",
    "kesu.library",
    "kesu.archives",
    "kesu.whistleblowing",
    "kesu.mail",
    "kesu.imports",
    "kesu.exports",
    "kesu.api",
    "kesu.web",
    "kesu.backoffice",
    "kesu.demo",
    "kesu.portal",
    "kesu.open311",
    "django_tasks",
    "django_tasks_db",
    "kesu.notify",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "kesu.core.middleware.ApiBodyLimitMiddleware",
    "kesu.core.middleware.RejectNulMiddleware",
    "kesu.core.middleware.DatabaseOutageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kesu.core.sessions.IdleSessionMiddleware",  # renews the 30-minute idle timeout
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out user before the password check
    "django.contrib.auth.backends.ModelBackend",
]
# Lock-out (kesu/org/lockout.py): five wrong passwords for one user name lock that name for 15
# minutes, from any address; 30 failures from one address lock that address for every name (a
# call centre shares one address, so its limit is higher). The trade-off: anyone who knows a user
# name can lock that account for 15 minutes; an administrator unlocks it (`axes_reset_username`).
AXES_FAILURE_LIMIT = int(os.environ.get("KESU_LOGIN_FAILURE_LIMIT", "5"))
KESU_LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("KESU_LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
AXES_COOLOFF_TIME = float(os.environ.get("KESU_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "kesu.org.lockout.UserAndAddressLockout"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False  # no "AXES: BEGIN …" banner on every manage.py command
# Behind a reverse proxy every request comes from the proxy's address: KESU_PROXY_COUNT=1 (one
# proxy that sets X-Forwarded-For) makes the lock-out see the client's address instead.
KESU_PROXY_COUNT = int(os.environ.get("KESU_PROXY_COUNT", "0"))
if KESU_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = KESU_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Sessions end after 30 minutes without a request (kesu.core.sessions renews a logged-in session
# at most once a minute, rather than writing it on every request) and when the browser closes.
KESU_SESSION_IDLE_MINUTES = int(os.environ.get("KESU_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = KESU_SESSION_IDLE_MINUTES * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Content-Security-Policy on every page (django-csp): scripts, styles, images and fonts from this
# site only; no inline script or style, no eval, no plugins, no framing. The pages keep their
# JavaScript in static files (kesu.js, htmx, Swagger UI's own init script). Evidence previews
# set their own, stricter policy, which this one does not replace.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],  # Swagger UI's and the admin's icons are data: URLs
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The name on the login page, e.g. 华联电器股份有限公司 (empty: none shown).
KESU_ORGANISATION = os.environ.get("KESU_ORGANISATION", "")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "org.User"
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kesu" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kesu.web.context.navigation",
            ],
        },
    },
]


def database_from_url(url: str) -> dict[str, object]:
    """A Django DATABASES entry; SQLite runs in WAL mode with immediate write transactions."""
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            # WAL lets readers work while a writer commits; IMMEDIATE makes every transaction
            # take the write lock up front, so two agents registering at once queue, not fail.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return config


DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kesu.sqlite3'}")
DATABASES = {"default": database_from_url(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# New passwords (ASVS L2): at least 12 characters, not like the user's name or e-mail, not a
# common password, not only digits. Existing passwords keep working until changed.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "email", "phone")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = os.environ.get("KESU_LANGUAGE", "zh-hans")
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "kesu" / "locale"]
TIME_ZONE = os.environ.get("KESU_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("KESU_MEDIA_ROOT", VAR_DIR / "media"))

# Case numbers: the seeds' AABBCCDDD (year, month, day, sequence through the year).
KESU_CASE_NUMBER_PATTERN = os.environ.get("KESU_CASE_NUMBER_PATTERN", "{yy}{mm}{dd}{seq:3}")
try:  # every process (runserver, gunicorn, workers) refuses to start with an unusable pattern
    NumberPattern.parse(KESU_CASE_NUMBER_PATTERN)
except InvalidNumberPattern as error:
    raise ImproperlyConfigured(
        f"KESU_CASE_NUMBER_PATTERN {KESU_CASE_NUMBER_PATTERN!r}: {error}"
    ) from error
# Sealed identities of whistleblowers (kesu.whistleblowing.sealing): Fernet keys, comma-separated,
# the first one seals, all of them open (rotation: put the new key first, run
# `manage.py reseal_identities`, then drop the old one). Kept outside the database; no default
# here: local and test settings set a published development key, production reads the
# environment only and refuses to seal without it.
KESU_SEAL_KEYS = [k.strip() for k in os.environ.get("KESU_SEAL_KEY", "").split(",") if k.strip()]
# Archive numbers 档案号 given on closure (kesu.archives): {yyyy} the year of closure, {seq:N}
# the closure's place in that year, gap-free.
KESU_ARCHIVE_NUMBER_PATTERN = os.environ.get("KESU_ARCHIVE_NUMBER_PATTERN", "DA{yyyy}-{seq:5}")
try:
    NumberPattern.parse(KESU_ARCHIVE_NUMBER_PATTERN)
except InvalidNumberPattern as error:
    raise ImproperlyConfigured(
        f"KESU_ARCHIVE_NUMBER_PATTERN {KESU_ARCHIVE_NUMBER_PATTERN!r}: {error}"
    ) from error
# The longest an approved reading of a confidential archive 查阅档案 lasts, in days.
KESU_ARCHIVE_ACCESS_MAX_DAYS = int(os.environ.get("KESU_ARCHIVE_ACCESS_MAX_DAYS", "30"))
# Evidence attachments.
KESU_ATTACHMENT_MAX_BYTES = int(os.environ.get("KESU_ATTACHMENT_MAX_BYTES", str(20 * 1024 * 1024)))
KESU_ATTACHMENT_TYPES = (
    "image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf",
    "audio/mpeg", "audio/wav", "audio/x-wav", "audio/amr", "video/mp4", "text/plain",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "message/rfc822",
)  # fmt: skip
# API tokens (`manage.py issue_token`) expire after this many days unless --days says otherwise.
KESU_API_TOKEN_DAYS = int(os.environ.get("KESU_API_TOKEN_DAYS", "90"))
# Provisional closure 暂结案 lasts at most this many months from the last contact (seed 004).
KESU_PROVISIONAL_CLOSURE_MONTHS = 3
# Calendar days from a deliberation meeting 合议 to its final decision (seed 004 第八条(四)).
KESU_DELIBERATION_DAYS = int(os.environ.get("KESU_DELIBERATION_DAYS", "15"))

DATA_UPLOAD_MAX_MEMORY_SIZE = KESU_ATTACHMENT_MAX_BYTES + 1024 * 1024
# A JSON request to the API (uploads excepted) larger than this is refused with 413 unread.
KESU_API_MAX_BODY_BYTES = int(os.environ.get("KESU_API_MAX_BODY_BYTES", str(1024 * 1024)))

# Every record goes out with phone numbers and e-mail addresses masked (kesu/core/logfilter.py),
# the development server's request lines (`django.server`) included.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_personal_data": {"()": "kesu.core.logfilter.MaskPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_personal_data"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("KESU_LOG_LEVEL", "INFO")},
    "loggers": {"django.server": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

# --- Notifications (kesu.notify) and background tasks -------------------------------------------
# Tasks go through django-tasks; the database backend keeps the queue in the site's own database
# (workers: `manage.py db_worker`, on any number of machines). KESU_TASK_BACKEND switches it, e.g.
# to "django_tasks.backends.immediate.ImmediateBackend" to run tasks in-process while developing,
# or to "rq" for Redis (workers: `manage.py rqworker --job-class django_tasks_rq.Job default`).
TASK_BACKEND = os.environ.get("KESU_TASK_BACKEND", "django_tasks_db.DatabaseBackend")
if TASK_BACKEND == "rq":  # a larger site's Redis queue (pip install -e '.[rq]'; see admin guide)
    TASK_BACKEND = "django_tasks_rq.RQBackend"
TASKS = {"default": {"BACKEND": TASK_BACKEND}}
if TASK_BACKEND == "django_tasks_rq.RQBackend":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS["default"]["QUEUES"] = ["default"]
    RQ_QUEUES = {"default": {"URL": os.environ.get("KESU_REDIS_URL", "redis://127.0.0.1:6379/0")}}
# E-mail: printed to the console unless KESU_EMAIL_BACKEND says otherwise, e.g.
# "django.core.mail.backends.smtp.EmailBackend" with the KESU_SMTP_* variables below.
EMAIL_BACKEND = os.environ.get(
    "KESU_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("KESU_SMTP_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("KESU_SMTP_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("KESU_SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("KESU_SMTP_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("KESU_SMTP_TLS", "0") == "1"  # STARTTLS, usually port 587
EMAIL_USE_SSL = os.environ.get("KESU_SMTP_SSL", "0") == "1"  # implicit TLS, usually port 465
EMAIL_TIMEOUT = int(os.environ.get("KESU_SMTP_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("KESU_MAIL_FROM", "客诉中心 <kesu@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# E-mail intake (kesu.mail, docs/mail.md): the IMAP mailbox `manage.py fetch_mail` polls. Empty
# host: no mailbox (`.eml` files can still be uploaded at /manage/mailbox/ or `import_eml`).
KESU_MAIL_IMAP_HOST = os.environ.get("KESU_MAIL_IMAP_HOST", "")
KESU_MAIL_IMAP_PORT = int(os.environ.get("KESU_MAIL_IMAP_PORT", "993"))
KESU_MAIL_IMAP_SECURITY = os.environ.get("KESU_MAIL_IMAP_SECURITY", "ssl")  # ssl|starttls|plain
KESU_MAIL_IMAP_USER = os.environ.get("KESU_MAIL_IMAP_USER", "")
KESU_MAIL_IMAP_PASSWORD = os.environ.get("KESU_MAIL_IMAP_PASSWORD", "")
KESU_MAIL_IMAP_FOLDER = os.environ.get("KESU_MAIL_IMAP_FOLDER", "INBOX")
KESU_MAIL_IMAP_NAME = os.environ.get("KESU_MAIL_IMAP_NAME", "complaints")  # the status row's name
KESU_MAIL_IMAP_TIMEOUT = int(os.environ.get("KESU_MAIL_IMAP_TIMEOUT", "30"))
KESU_MAIL_IMAP_BATCH = int(os.environ.get("KESU_MAIL_IMAP_BATCH", "50"))  # messages per run
# SMS: a dotted path to a class with `send(phone, text) -> provider message id` (see
# kesu/notify/README.md for adding 阿里云短信 or 腾讯云短信). The default only logs to "kesu.sms".
KESU_SMS_GATEWAY = os.environ.get("KESU_SMS_GATEWAY", "kesu.notify.gateways.ConsoleSmsGateway")
# The complaints hotline quoted in messages to customers ({{ hotline }}; left out when empty).
KESU_HOTLINE = os.environ.get("KESU_HOTLINE", "")
# Where customers reach the site from outside (scheme and host, no trailing slash), for the links
# in their messages: the portal's track page (/portal/) and the return-visit questionnaire
# (/portal/visit/<token>/). Empty: messages carry no link and say to call the hotline.
KESU_PUBLIC_URL = os.environ.get("KESU_PUBLIC_URL", "").rstrip("/")
# How long a return-visit questionnaire link stays valid, in days.
KESU_VISIT_LINK_DAYS = int(os.environ.get("KESU_VISIT_LINK_DAYS", "14"))
# The industry whose words the registration form uses (goods, insurance, automotive, property,
# hospitality, generic); empty: derived from the loaded category tree (domain.presets.industries).
KESU_INDUSTRY = os.environ.get("KESU_INDUSTRY", "")

# --- The customer portal (/portal/ and /api/v1/portal/) --------------------------------------
# Its rate limits, one-time codes and locks are rows of the table core_counter, shared by
# every worker (kesu/core/services.py); the deadline sweep deletes the expired ones.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Requests allowed per window (seconds), per client address ("…_address") or per phone number.
KESU_PORTAL_RATE_LIMITS = {
    "complaint_address": (10, 3600),
    "code_address": (10, 3600),
    "code_phone": (5, 3600),
    "track_address": (30, 3600),
    "add_address": (20, 3600),
    "rate_address": (20, 3600),
    # Whistleblowing reports (kesu.whistleblowing): submissions, and follow-up logins per
    # address and per report key (the key is hashed in the counter, like every key here).
    "report_address": (10, 3600),
    "report_login_address": (20, 3600),
    "report_login_key": (5, 3600),
}
KESU_PORTAL_CODE_MINUTES = int(os.environ.get("KESU_PORTAL_CODE_MINUTES", "10"))
KESU_PORTAL_CODE_TRIES = int(os.environ.get("KESU_PORTAL_CODE_TRIES", "5"))  # per address
KESU_PORTAL_CODE_TRIES_PER_CASE = int(os.environ.get("KESU_PORTAL_CODE_TRIES_PER_CASE", "20"))
KESU_PORTAL_LOCK_MINUTES = int(os.environ.get("KESU_PORTAL_LOCK_MINUTES", "30"))
# The largest body the portal reads (its form with MAX_FILES pieces of evidence); larger: 413.
KESU_PORTAL_MAX_BODY_BYTES = int(
    os.environ.get("KESU_PORTAL_MAX_BODY_BYTES", str(5 * KESU_ATTACHMENT_MAX_BYTES + 1024 * 1024))
)
KESU_PORTAL_SESSION_MINUTES = int(os.environ.get("KESU_PORTAL_SESSION_MINUTES", "30"))
# A dotted path to `check(request, action) -> bool` run before every portal write (a CAPTCHA,
# a risk service); False refuses the request. The default allows everything.
KESU_PORTAL_CHECK = os.environ.get("KESU_PORTAL_CHECK", "kesu.core.throttle.allow")
# The version of the privacy notice customers consent to (stored with each portal case).
KESU_PRIVACY_NOTICE_VERSION = os.environ.get("KESU_PRIVACY_NOTICE_VERSION", "2026-12")
