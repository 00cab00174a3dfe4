"""One settings module, configured from the environment.

Safe defaults serve the demo (`make run`): SQLite in the project folder, mail written
to files, DEBUG off. ``SAFECITIES_PRODUCTION=1`` turns on the production checks: the
process refuses to start with DEBUG on, without an explicit SECRET_KEY or without
ALLOWED_HOSTS, and HTTPS-only cookies and HSTS are on.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = Path(os.environ.get("SAFECITIES_HOME", PACKAGE_DIR.parent.parent)).resolve()
VAR_DIR = Path(os.environ.get("SAFECITIES_VAR", PROJECT_DIR / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


PRODUCTION = env_bool("SAFECITIES_PRODUCTION", False)
DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """The key from SECRET_KEY, or (outside production) one made once per install."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    if PRODUCTION:
        raise ImproperlyConfigured("SAFECITIES_PRODUCTION is set: SECRET_KEY must be set too.")
    key_file = VAR_DIR / "secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"])

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("SAFECITIES_PRODUCTION is set: DEBUG must be off.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("SAFECITIES_PRODUCTION is set: ALLOWED_HOSTS must be set.")
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured("SECRET_KEY is too short: use at least 50 random characters.")

INSTALLED_APPS = [
    # The admin, with two-factor verification for accounts that enabled it.
    "safecities.backoffice.apps.OrganiserAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "post_office",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "auditlog",
    "safecities.languages",
    "safecities.documents",
    "safecities.backups",
    "safecities.mailing",
    "safecities.privacy",
    "safecities.ratelimit",
    "safecities.accounts",
    "safecities.events",
    "safecities.registration",
    "safecities.practices",
    "safecities.backoffice",
    "safecities.programme",
    "safecities.cities",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every answer (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Under /api/: every error as JSON, every JSON answer with charset=utf-8 (docs/api.md).
    "safecities.errorpages.ApiErrors",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Who changed what: the signed-in person is the actor of every audit-trail entry.
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "safecities.urls"
# A refused CSRF check: JSON under /api/, Django's page elsewhere.
CSRF_FAILURE_VIEW = "safecities.errorpages.csrf_failure"
WSGI_APPLICATION = "safecities.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "safecities.events.context_processors.site",
            ],
            # The one Markdown filter, shared by every app (safecities/richtext.py).
            "libraries": {"richtext": "safecities.richtext"},
        },
    },
]

# --- Database -------------------------------------------------------------------------
# SQLite (the default) runs in WAL mode with synchronous=FULL so that an acknowledged
# registration survives a crash, and every write transaction starts IMMEDIATE so that
# writers queue for the lock instead of failing (see docs/architecture.md).
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'safecities.sqlite3'}"
# Connections are kept between requests (each gunicorn worker holds one).
DATABASES = {"default": dj_database_url.parse(
    DATABASE_URL, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")), conn_health_checks=True
)}
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 30,
    # secure_delete: erased personal data is overwritten with zeros in the file, never
    # left in free pages (docs/privacy.md).
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                    "PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
    # Tests need a file (not memory) so that a real server process can share it; one per
    # test run, so that two runs on one machine never share a database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
else:
    DATABASES["default"]["TEST"] = {"NAME": f"test_safecities_{os.getpid()}"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and rate limits -------------------------------------------------------------
# Rate limits count in the "ratelimit" cache, shared by every worker process: in the
# database by default (safecities.ratelimit.counters: one SQL statement per count, safe
# with any number of workers and servers), in Redis when CACHE_URL names one. The
# "default" cache (a few seconds of the event page, the invitation PDF) may be per process.
CACHE_URL = os.environ.get("CACHE_URL", "").strip()
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://")):
        # Only the scheme: the address may hold a password.
        raise ImproperlyConfigured(
            f"CACHE_URL must be a Redis address (redis://host:6379/0 or rediss://…), not "
            f"{CACHE_URL.split(':', 1)[0]!r}; leave it empty to keep the rate limits in the "
            f"database.")
    _REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    CACHES = {"default": _REDIS, "ratelimit": {**_REDIS, "KEY_PREFIX": "ratelimit"}}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {"BACKEND": "safecities.ratelimit.counters.DatabaseCounterCache"},
    }
RATELIMIT_USE_CACHE = "ratelimit"

# "60/m", "1000/h", … or "off".
RATELIMIT_REGISTRATIONS = os.environ.get("RATELIMIT_REGISTRATIONS", "60/m")
RATELIMIT_ENQUIRIES = os.environ.get("RATELIMIT_ENQUIRIES", "10/m")
# Failed sign-ins (password or second-factor code) per client address, and per account
# name: past either, signing in is locked until the window ends (docs/security.md).
RATELIMIT_SIGN_IN = os.environ.get("RATELIMIT_SIGN_IN", "10/m")
RATELIMIT_SIGN_IN_ACCOUNT = os.environ.get("RATELIMIT_SIGN_IN_ACCOUNT", "5/15m")
RATELIMIT_VIEW = "safecities.ratelimit.views.rate_limited"
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None
# How stale the places-left figure on a cached event page may be, in seconds.
EVENT_PAGE_CACHE_SECONDS = int(os.environ.get("EVENT_PAGE_CACHE_SECONDS", "3"))

DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024  # bodies over 1 MB are refused with 413

# --- Auth -----------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 for every password; the others only read hashes made before, and upgrade them
# at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "accounts:home"
OTP_TOTP_ISSUER = "SafeCities Exchange"
# The audit trail records who did what; the client address is not kept (it is personal data
# and, behind a proxy, whatever the client put in X-Forwarded-For).
AUDITLOG_DISABLE_REMOTE_ADDR = True

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "en"
# Each language has a line here and a catalogue under locale/ (docs/translation.md). The
# first visit gets the browser's Accept-Language; the switcher on every page remembers the
# choice in a cookie; URLs carry no language.
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("pt", _("Portuguese")),
    ("zu", _("isiZulu")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Our own date formats first (isiZulu has none in Django), then Django's.
FORMAT_MODULE_PATH = ["safecities.languages.formats"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Africa/Johannesburg"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
# Uploaded files (practice attachments, stored email attachments) go through Django's
# storage API: the local folder MEDIA_ROOT by default; any S3-compatible object store when
# S3_BUCKET is set, so that several application servers and mail workers share them
# (docs/deploy.md). Files are private: the site streams them to those allowed to see them.
S3_BUCKET = os.environ.get("S3_BUCKET", "").strip()
if S3_BUCKET:
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,  # None: Amazon S3
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("S3_PREFIX", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,  # two uploads with one name keep both
        },
    }
else:
    _DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 31536000

# --- Email ----------------------------------------------------------------------------
# Every message goes into the database queue (django-post-office); the mail worker
# (`safecities mailworker`) delivers it over SMTP and retries while SMTP is down.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "SafeCities Exchange <noreply@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_FILE_PATH = VAR_DIR / "sent-mail"
if EMAIL_URL:
    from safecities.mailing.config import smtp_settings

    globals().update(smtp_settings(EMAIL_URL))
    _DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    # The demo never sends to real addresses: it writes each message to a file.
    _DELIVERY_BACKEND = "safecities.mailing.folder.MailFolderBackend"
EMAIL_BACKEND = "post_office.EmailBackend"
POST_OFFICE = {
    "BACKENDS": {"default": _DELIVERY_BACKEND},
    "DEFAULT_PRIORITY": "medium",
    "MAX_RETRIES": int(os.environ.get("MAIL_MAX_RETRIES", "10000")),
    "RETRY_INTERVAL": timedelta(seconds=int(os.environ.get("MAIL_RETRY_SECONDS", "30"))),
    "THREADS_PER_PROCESS": 1,
    "LOG_LEVEL": 1,
    "MESSAGE_ID_ENABLED": True,
    "MESSAGE_ID_FQDN": os.environ.get("MAIL_DOMAIN", "safecities.example.org"),
    "LOCK_FILE_NAME": str(VAR_DIR / "post_office"),
}
MAIL_WORKER_INTERVAL = float(os.environ.get("MAIL_WORKER_INTERVAL", "2"))
# A worker claims a message for this long; one that dies mid-send leaves it to be sent again
# once the claim runs out (docs/architecture.md, "The mail queue"). Longer than any send.
MAIL_CLAIM_SECONDS = float(os.environ.get("MAIL_CLAIM_SECONDS", "300"))
# Messages a worker claims at once (each is still marked sent on its own).
MAIL_CLAIM_BATCH = int(os.environ.get("MAIL_CLAIM_BATCH", "10"))

# --- Privacy: retention and the responsible party (docs/privacy.md) --------------------
# Each event may set its own periods; these are the defaults, shown on the privacy notice.
# `safecities purge_expired` (run daily by the mail worker) erases what has expired.
PRIVACY_REGISTRATION_RETENTION_MONTHS = int(
    os.environ.get("PRIVACY_REGISTRATION_RETENTION_MONTHS", "24"))  # after the event ends
PRIVACY_ENQUIRY_RETENTION_MONTHS = int(os.environ.get("PRIVACY_ENQUIRY_RETENTION_MONTHS", "12"))
PRIVACY_EMAIL_BODY_RETENTION_DAYS = int(
    os.environ.get("PRIVACY_EMAIL_BODY_RETENTION_DAYS", "30"))  # after delivery
# How long a link emailed to an address ("everything under my address") works.
PRIVACY_ADDRESS_LINK_HOURS = int(os.environ.get("PRIVACY_ADDRESS_LINK_HOURS", "24"))
# Hours between two runs of purge_expired in the mail worker; 0 turns that off (then run it
# from cron or a systemd timer, docs/deploy.md).
PRIVACY_PURGE_INTERVAL_HOURS = float(os.environ.get("PRIVACY_PURGE_INTERVAL_HOURS", "24"))
# The responsible party named on the privacy notice (POPIA) / controller (GDPR).
PRIVACY_RESPONSIBLE_PARTY = os.environ.get("PRIVACY_RESPONSIBLE_PARTY", "eThekwini Municipality")
PRIVACY_RESPONSIBLE_ADDRESS = os.environ.get(
    "PRIVACY_RESPONSIBLE_ADDRESS", "Durban, South Africa")
PRIVACY_INFORMATION_OFFICER = os.environ.get("PRIVACY_INFORMATION_OFFICER",
                                             "The Information Officer, eThekwini Municipality")
PRIVACY_CONTACT_EMAIL = os.environ.get("PRIVACY_CONTACT_EMAIL", "privacy@example.org")
PRIVACY_REGULATOR = os.environ.get(
    "PRIVACY_REGULATOR", "the Information Regulator (South Africa), https://inforegulator.org.za/")

# --- Site -----------------------------------------------------------------------------
# The address every absolute link uses (emails, letters, calendar files, open data).
# Production must say it; the demo derives it from HOST and PORT, as `make run` serves.
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SAFECITIES_PRODUCTION is set: SITE_URL must be set too, to the address people "
            "use (e.g. https://exchange.example.org); every link in emails, letters and "
            "calendar files is made from it.")
    from safecities.serving import local_address

    SITE_URL = local_address(os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8000"))
elif not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(f"SITE_URL must start with http:// or https://, not {SITE_URL!r}.")
DEMO_MODE = env_bool("DEMO_MODE", not PRODUCTION)
# Whom to tell about a barrier (named in the accessibility statement, /accessibility/).
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get("ACCESSIBILITY_CONTACT_EMAIL",
                                             "accessibility@example.org")

# --- Security -------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
# Content-Security-Policy (django-csp), in the demo as in production: scripts, styles,
# images and fonts only from the site itself, never inline (every script and style is a
# static file), no plugins, no framing, forms post only here. The browser tests fail on
# any violation reported on a page they visit (tests/browser/conftest.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # blob: the check-in page reads a photo of a badge (taken on the phone) locally.
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers ask /healthz over plain HTTP on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every line passes RedactTokens: no private link's token is ever written to a log.
    "filters": {"redact_tokens": {"()": "safecities.accesslog.RedactTokens"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"post_office": {"handlers": ["console"], "level": "WARNING", "propagate": False}},
}
