"""Settings for sendboard, read from environment variables (see .env.example).

A `.env` file in the folder a command runs from supplies any not set in the environment.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from sendboard.lib.env import (
    SettingError,
    env_bool,
    env_int,
    env_list,
    env_str,
    read_env_file,
)

read_env_file(Path.cwd() / ".env")

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("SENDBOARD_DATA_DIR", str(BASE_DIR.parent / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise SettingError(
            "SECRET_KEY must be set when DEBUG is off: set it in the environment or in .env "
            "(see .env.example), or DEBUG=true on a laptop"
        )
    SECRET_KEY = "insecure-development-key-only-for-debug"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The most a casework .zip may unpack to; past it, the import stops writing and says so.
CASEWORK_MAX_UNPACKED_BYTES = env_int("CASEWORK_MAX_UNPACKED_BYTES", 4 * 1024**3)

# Keyed hash for pseudonymising case-level identifiers; never the same as SECRET_KEY
# so that rotating one does not silently re-key the other.
CASEWORK_PSEUDONYM_KEY = env_str("CASEWORK_PSEUDONYM_KEY", "")
if not CASEWORK_PSEUDONYM_KEY and DEBUG:
    CASEWORK_PSEUDONYM_KEY = "insecure-development-pseudonym-key"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "govuk_frontend_django",
    "csp",
    "simple_history",
    "sendboard.core",
    "sendboard.governance",
    "sendboard.meetings",
    "sendboard.actions",
    "sendboard.forwardplan",
    "sendboard.publishing",
    "sendboard.performance",
    "sendboard.casework",
    "sendboard.quality",
    "sendboard.plans",
    "sendboard.risks",
    "sendboard.workbooks",
    "sendboard.boardpack",
    "sendboard.home",
    "sendboard.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "sendboard.core.middleware.private_pages",
    "sendboard.core.middleware.sessions_kept_alive",
]

ROOT_URLCONF = "sendboard.urls"
WSGI_APPLICATION = "sendboard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sendboard.governance.context_processors.partnership",
            ],
            "builtins": ["govuk_frontend_django.templatetags.govuk_frontend_django"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        # Blank, as .env.example leaves it, is SQLite in the data directory too.
        env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'sendboard.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging lets readers go on while someone saves, and a commit then
    # needs no flush to disk of its own; a write transaction takes its lock at once,
    # so two writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
# Sign-in attempts allowed per username and per address within the window.
# Failed sign-ins allowed in a window: per account at an address, and per address alone.
SIGNIN_MAX_ATTEMPTS = env_int("SIGNIN_MAX_ATTEMPTS", 5)
SIGNIN_MAX_ATTEMPTS_PER_ADDRESS = env_int("SIGNIN_MAX_ATTEMPTS_PER_ADDRESS", 100)
SIGNIN_WINDOW_SECONDS = env_int("SIGNIN_WINDOW_SECONDS", 900)
# The header a trusted proxy puts the client's address in, such as X-Forwarded-For;
# unset, the connection's own address is used (a client could forge the header).
SIGNIN_CLIENT_ADDRESS_HEADER = env_str("SIGNIN_CLIENT_ADDRESS_HEADER")

# Single sign-on through OpenID Connect (sendboard.governance.oidc), off until a client is
# set: its endpoints come from the provider's discovery document at OIDC_ISSUER, or each
# is given. The backend and URLs are always installed, and inert while it is off.
OIDC_ISSUER = env_str("OIDC_ISSUER").rstrip("/")
OIDC_RP_CLIENT_ID = env_str("OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT")
OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "your organisation's account")
# Only for a provider whose email addresses are always verified but which does not say so
# (Microsoft Entra ID sends no email_verified claim).
OIDC_TRUST_EMAIL = env_bool("OIDC_TRUST_EMAIL", False)
OIDC_RP_SCOPES = "openid email"
OIDC_CREATE_USER = False  # accounts are made by invitation only
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 10)
_OIDC_ENDPOINTS = (
    OIDC_OP_AUTHORIZATION_ENDPOINT,
    OIDC_OP_TOKEN_ENDPOINT,
    OIDC_OP_USER_ENDPOINT,
    OIDC_OP_JWKS_ENDPOINT,
)
if OIDC_RP_CLIENT_ID and not (OIDC_RP_CLIENT_SECRET and (OIDC_ISSUER or all(_OIDC_ENDPOINTS))):
    raise SettingError(
        "OIDC_CLIENT_ID needs OIDC_CLIENT_SECRET and either OIDC_ISSUER or all four "
        "OIDC_OP_*_ENDPOINT settings (see .env.example)"
    )
INSTALLED_APPS.append("mozilla_django_oidc")
AUTHENTICATION_BACKENDS = [
    "sendboard.governance.oidc.SingleSignOnBackend",
    "django.contrib.auth.backends.ModelBackend",
]

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "sendboard_cache",
        "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 2000)},
    }
}
# How long a reader's page is kept for them; any change to a record ends it sooner
# (sendboard.core.pagecache). 0 switches the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j F Y"

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Production serves what `collectstatic` gathered; only development looks in the apps.
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest file of evidence an owner may attach to a plan line.
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# A session ends after this long without a request, and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"

# HTTPS: off by default for a laptop; the production settings in the README switch it on.
SECURE_SSL_REDIRECT = env_bool("HTTPS_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a load balancer asks over plain HTTP
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
if env_bool("BEHIND_HTTPS_PROXY", False):
    # Only a proxy that sets this header itself may be trusted to say the request was HTTPS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Scripts and styles come from this site only: no inline script, no inline style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "sendboard@localhost")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
