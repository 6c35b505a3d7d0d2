"""Django settings for Linli. Everything that differs between machines comes from the environment.

Production (see docs/deployment.md): DEBUG=false, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL=postgres://…,
SECURE_SSL=true. `python manage.py check --deploy` passes with those set.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from linli.envconf import database, env_bool, env_int, env_list, env_str, pii_keys, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("LINLI_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(VAR_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "simple_history",
    "django_htmx",
    "ninja",
    "linli.core",
    "linli.regions",
    "linli.accounts",
    "linli.classify",
    "linli.orgs",
    "linli.applications",
    "linli.ledgers",
    "linli.relabel",
    "linli.activities",
    "linli.talent",
    "linli.evaluation",
    "linli.stats",
    "linli.workbench",
    "linli.demo",
]

MIDDLEWARE = [
    "linli.core.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "linli.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "linli.core.middleware.PlatformLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "linli.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "linli.core.middleware.NulRefusedMiddleware",  # after OTP: its page shows the header
    "linli.accounts.middleware.SessionLifetimeMiddleware",
    "linli.core.middleware.DenyByDefaultMiddleware",
    "linli.accounts.middleware.SecondFactorMiddleware",
    "linli.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "linli.core.middleware.AccessDeniedAuditMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so that its answer to a refused request (429) comes before any other's.
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "linli.urls"
WSGI_APPLICATION = "linli.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "linli" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "linli.accounts.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": database(env_str("DATABASE_URL"), VAR_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Identity ---
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "linli.accounts.backends.PasswordBackend",
    "linli.accounts.backends.RolePermissionBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    # First, so that its precise message ("contains your username (…)") comes first.
    {"NAME": "linli.accounts.validators.ContextWordsValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 8)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {
        "NAME": "linli.accounts.validators.CharacterClassesValidator",
        "OPTIONS": {"min_classes": 3},
    },
]
# 0 turns expiry off (the default); otherwise a password older than this must be changed.
PASSWORD_MAX_AGE_DAYS = env_int("PASSWORD_MAX_AGE_DAYS", 0)
# Roles that must use a TOTP second factor; every staff account may enrol one.
SECOND_FACTOR_REQUIRED_ROLES = env_list("SECOND_FACTOR_REQUIRED_ROLES", ["admin"])
OTP_TOTP_ISSUER = "邻里 Linli"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout: 5 failures within 15 minutes lock that username from that IP for 15 minutes.
AXES_FAILURE_LIMIT = env_int("LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_VERBOSE = False

# Sessions: idle timeout (renewed on every request) and an absolute lifetime from login.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = False  # renewed once a minute by SessionLifetimeMiddleware
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_HOURS", 8) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# --- Transport security (production sets SECURE_SSL=true) ---
SECURE_SSL = env_bool("SECURE_SSL", False)
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_SSL_REDIRECT = SECURE_SSL
SECURE_HSTS_SECONDS = 31536000 if SECURE_SSL else 0
# Opt-in: both bind every subdomain of the deployment's domain (and, with preload, browsers'
# built-in lists, which take months to leave) to HTTPS, which a platform cannot decide for a
# whole government domain on its own.
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL and env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = SECURE_SSL and env_bool("SECURE_HSTS_PRELOAD", False)
# check --deploy warns while they are off; off is the deliberate default above.
SILENCED_SYSTEM_CHECKS = [
    # The rate limits count in the database cache on purpose (linli/core/limits.py says why).
    "django_ratelimit.E003",
    "django_ratelimit.W001",
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_SSL else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)

# --- Language and time ---
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "linli" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files (vendored; no CDN at run time) ---
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns at every start otherwise
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("STATIC_MANIFEST", False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Personal data (ID numbers, phones) is encrypted with SM4; see linli/core/crypto.py.
PII_KEYS, PII_INDEX_KEY = pii_keys(VAR_DIR)

# --- Application settings ---
# Accounts seeded by `make run`, with their generated passwords, are written here (ignored by git).
DEMO_ACCOUNTS_FILE = VAR_DIR / "demo_accounts.txt"
API_TOKEN_TOUCH_SECONDS = 60
# Relabelling from the browser stops at this many organizations; larger regions use the command.
RELABEL_WEB_LIMIT = env_int("RELABEL_WEB_LIMIT", 50_000)
# The region whose districts, streets and communities the public filing page offers.
PUBLIC_ROOT_REGION = env_str("PUBLIC_ROOT_REGION", "310000")
NOTIFICATION_BACKEND = env_str("NOTIFICATION_BACKEND", "linli.core.notifications.ConsoleBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
STATIC_URL_PATH = "/" + STATIC_URL

# --- Rate limits of the public forms (linli/core/limits.py, docs/api.md) ---
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "linli_ratelimit",
    },
}
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_VIEW = "linli.core.views.rate_limited"
RATE_LIMITS: dict[str, str] = {}  # name -> rate, over linli.core.limits.DEFAULT_RATES
