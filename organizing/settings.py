"""Convergence settings: one file, configured from the environment.

Every variable is documented in `.env.example`. The embedded default (no variable set besides
DEBUG) runs on an SQLite file under `var/` with Celery tasks executed eagerly in-process.
"""

import ipaddress
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Used only when DEBUG is on; a production process refuses to start with it.
DEVELOPMENT_SECRET_KEY = "convergence-development-key-never-use-in-production"

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY in ("", DEVELOPMENT_SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY is missing or is the development default while DEBUG is off. "
        "Set SECRET_KEY to a long random value (see .env.example)."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# The site's name in emails (allauth's "Hello from ...!") and page titles.
SITE_NAME = "Convergence"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # The list of where one is logged in, with no address and a coarse browser label
    # (organizing/accounts/sessions.py); recorded at login only, activity is not tracked.
    "allauth.usersessions",
    "organizing.core",
    "organizing.outbox",
    "organizing.accounts",
    "organizing.places",
    "organizing.collectives",
    "organizing.actions",
    "organizing.coalitions",
    "organizing.appeals",
    "organizing.alerts",
    "organizing.moderation",
    "organizing.feeds",
    "organizing.partners",
    "organizing.me",
    "organizing.pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "organizing.accounts.middleware.StaffTwoFactorMiddleware",
    # The signed-in person's language, unless the switcher chose one (after authentication).
    "organizing.accounts.middleware.PreferredLanguageMiddleware",
    # A database still locked after the wait answers 503 "try again", never 500.
    "organizing.core.contention.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "organizing.urls"
WSGI_APPLICATION = "organizing.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organizing.core.context_processors.map_settings",
            ],
        },
    },
]

# Database: an SQLite file under var/ unless DATABASE_URL names another one (PostgreSQL in CI).
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'convergence.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRESQL = DATABASES["default"]["ENGINE"].endswith("postgresql")
if not IS_POSTGRESQL:
    # A file, not memory: the browser tests' live server threads then open their own
    # connections instead of sharing the test thread's.
    # Beside the configured file, so that two checkouts (or two runs with their own
    # DATABASE_URL) never share a test database.
    _sqlite_file = Path(DATABASES["default"]["NAME"])
    _test_file = _sqlite_file.with_name(f"test-{_sqlite_file.name}")
    DATABASES["default"]["TEST"] = {"NAME": str(_test_file)}
    # Concurrent writers wait for each other instead of failing with "database is locked":
    # IMMEDIATE takes the write lock when a transaction begins (a deferred one that reads
    # first cannot wait for it later), the timeout is how long a writer waits, and WAL lets
    # readers go on while one writes. Without them, 8 of 10 simultaneous RSVPs got a 500
    # (tests/actions/test_rsvp_http_races.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

# The database cache by default: rate limits are shared by every process and keep working
# when Redis (only the Celery broker) is down. `make run` and the test runner create its table.
CACHES = {
    "default": env.cache("CACHE_URL", default="dbcache://convergence_cache"),
    # Copies of busy public pages for anonymous visitors (core/page_cache.py). Memory of each
    # process by default; a shared Redis (PAGE_CACHE_URL=rediscache://...) also works.
    "pages": env.cache("PAGE_CACHE_URL", default="locmemcache://pages"),
}
# SQLite ignores the INCLUDE columns of the browse index (actions.Action.Meta.indexes,
# action_published_point): on purpose, the index still narrows the bounding box there.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# How long a listing may lag behind new actions; 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "me:dashboard"  # the dashboard; ?next= still wins
# Password reset links are valid for one hour at most.
PASSWORD_RESET_TIMEOUT = 60 * 60

# Accounts (django-allauth): email + password, verified before anything can be posted.
# Accounts' adapter extended by moderation with the registration mode (approval by a moderator).
ACCOUNT_ADAPTER = "organizing.moderation.adapter.ModeratedAccountAdapter"
ACCOUNT_FORMS = {"signup": "organizing.accounts.forms.SignupForm"}  # with its honeypot
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
USERSESSIONS_TRACK_ACTIVITY = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
# `make run` serves plain HTTP with DEBUG off, and says so (ACCOUNT_DEFAULT_HTTP_PROTOCOL=http).
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str(
    "ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http" if DEBUG else "https"
)
# One rate-limit mechanism for the whole app (allauth's, on the default cache); our own
# actions are added here too. Format: amount/period/per (ip, key, user).
ACCOUNT_RATE_LIMITS = {
    "signup": "10/h/ip",
    "login": "30/m/ip",
    "login_failed": "10/10m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_email": "1/m/user",
    "contact_collective": "5/h/ip",
    "join_request": "10/h/user",
    "report": "10/h/ip",
    "post_action": "10/h/user,20/h/ip",
    "rsvp": "10/h/ip",
    "announce": "5/d/user",
    "alert": "10/h/ip",
    # A person's own data (/me/): the download and the deletion's password check.
    "personal_data": "10/h/user",
    "account_delete": "5/h/user",
}
# The visitor's address for every rate limit (organizing/core/client_ip.py): behind a proxy,
# REMOTE_ADDR is the proxy's, the same for everyone. The proxy's header is believed only from
# TRUSTED_PROXIES. Not allauth's ALLAUTH_TRUSTED_PROXY_COUNT: it believes the header whoever
# sends it, and a header shorter than the count is a server error there.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_CLIENT_IP_HEADER = env.str("TRUSTED_CLIENT_IP_HEADER", default="")
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=["127.0.0.0/8", "::1/128"])
# `check --deploy` warns until the deployment says how it faces clients (core/checks.py):
# TRUSTED_PROXY_COUNT=0 written out means "no proxy in front", on purpose.
TRUSTED_PROXY_DECLARED = "TRUSTED_PROXY_COUNT" in env.ENVIRON or bool(TRUSTED_CLIENT_IP_HEADER)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 (no proxy) or more.")
for _network in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_network, strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES: {_network!r} is not an IP address or network."
        ) from _error
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalization: every user-facing string is translatable; times are stored in UTC
# and shown in each action's own IANA time zone.
LANGUAGE_CODE = "en"
# The twelve languages of the movement's cities, each with a complete catalog under locale/
# (tests/core/test_catalogs.py; docs/translating.md). ar, he and ur are written right to left.
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("pt", _("Portuguese")),
    ("ja", _("Japanese")),
    ("ar", _("Arabic")),
    ("he", _("Hebrew")),
    ("ur", _("Urdu")),
    ("el", _("Greek")),
    ("tr", _("Turkish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = env.bool("USE_TZ", default=True)
TIME_ZONE = env.str("TIME_ZONE", default="UTC")

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Production serves hashed, compressed files from `collectstatic`; development and tests serve
# straight from the source folders.
STATICFILES_MANIFEST = env.bool("STATICFILES_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATICFILES_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = not STATICFILES_MANIFEST

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Mail (Django 6.1 replaces EMAIL_BACKEND with MAILERS). EMAIL_URL examples:
# consolemail://, smtp+tls://user:password@mail.example.org:587
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Convergence <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


def _mailer_from_url(url: str) -> dict:
    parsed = environ.Env.email_url_config(url)
    options = {
        "host": parsed.get("EMAIL_HOST"),
        "port": parsed.get("EMAIL_PORT"),
        "username": parsed.get("EMAIL_HOST_USER"),
        "password": parsed.get("EMAIL_HOST_PASSWORD"),
        "use_tls": parsed.get("EMAIL_USE_TLS"),
        "use_ssl": parsed.get("EMAIL_USE_SSL"),
    }
    backend = parsed["EMAIL_BACKEND"]
    if not backend.endswith("smtp.EmailBackend"):
        return {"BACKEND": backend}
    options["timeout"] = 20
    return {"BACKEND": backend, "OPTIONS": {k: v for k, v in options.items() if v}}


MAILERS = {"default": _mailer_from_url(env.str("EMAIL_URL", default="consolemail://"))}

# Celery: Redis as broker. Unset broker -> tasks run eagerly, in-process.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = CELERY_TASK_ALWAYS_EAGER
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
# Fail fast instead of hanging when the broker is down; the outbox relay retries later.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 3,
    "socket_connect_timeout": 3,
    "max_retries": 1,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
if CELERY_BROKER_URL.startswith("filesystem://"):
    # kombu's filesystem transport: messages are files in a folder (var/celery by default),
    # no server to run. `make run` gives it to its worker (with the beat schedule embedded),
    # so that the periodic tasks of organizing/celery.py run in the demo too.
    _celery_dir = Path(env.str("CELERY_FILESYSTEM_DIR", default=str(VAR_DIR / "celery")))
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_celery_dir / "queue"),
        "data_folder_out": str(_celery_dir / "queue"),
        "control_folder": str(_celery_dir / "control"),
        "processed_folder": str(_celery_dir / "processed"),
        "store_processed": False,
    }

# Retention of personal data (organizing/core/data_inventory.py lists every field and its rule).
# Sent outbox rows lose their recipient and body after OUTBOX_RETENTION_DAYS; at least one
# day, because the hourly reminder run recognises a reminder already sent by its outbox row.
OUTBOX_RETENTION_DAYS = env.int("OUTBOX_RETENTION_DAYS", default=7)
# Each action keeps its attendees' names and addresses this many days after it ends (the
# host's choice, 30 by default), within the site's limits.
ATTENDEE_RETENTION_DAYS_MIN = env.int("ATTENDEE_RETENTION_DAYS_MIN", default=1)
ATTENDEE_RETENTION_DAYS_MAX = env.int("ATTENDEE_RETENTION_DAYS_MAX", default=90)
if OUTBOX_RETENTION_DAYS < 1:
    raise ImproperlyConfigured("OUTBOX_RETENTION_DAYS must be at least 1.")
if not 0 <= ATTENDEE_RETENTION_DAYS_MIN <= ATTENDEE_RETENTION_DAYS_MAX <= 3650:
    raise ImproperlyConfigured(
        "Attendee retention limits must satisfy "
        "0 <= ATTENDEE_RETENTION_DAYS_MIN <= ATTENDEE_RETENTION_DAYS_MAX <= 3650."
    )

# Map tiles: a setting so that deployments can use their own tile server.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env.str(
    "MAP_TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)

# Security. Strict CSP: no inline script or style anywhere; only the map tiles come from elsewhere.
_TILE_ORIGIN = "/".join(MAP_TILE_URL.split("/")[:3])
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", _TILE_ORIGIN],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 24 * 3)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# django-countries has no name for Kosovo's user-assigned code, which GeoNames uses.
COUNTRIES_OVERRIDE = {"XK": _("Kosovo")}

# The public JSON API (organizing.feeds): anonymous, read-only, JSON only. No browsable API (its
# templates need inline scripts, which the CSP forbids) and no session authentication (so no
# CSRF surface); answers are the same for everyone.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Convergence API",
    "DESCRIPTION": "Public, read-only: the actions that grassroots collectives post, searched "
    "as on /actions/. See docs/api.md.",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",  # null as a type: nullable objects validate as such
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI from our own static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}
