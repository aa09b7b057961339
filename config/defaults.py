"""Built-in configuration defaults: the first layer, overridden by instance file, environment and tests."""

from datetime import timedelta

ENV = "development"

# Left unset on purpose: config.load_config fills them from the environment, the instance folder or a
# generated secret, in that order.
SECRET_KEY = None
SQLALCHEMY_DATABASE_URI = None

HOST = "127.0.0.1"
PORT = 5000
MESSAGE_QUEUE = None
# gevent serves `python app.py` and production; the test suite switches to "threading".
SOCKETIO_ASYNC_MODE = "gevent"

SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
SQLITE_BUSY_TIMEOUT_MS = 10_000

# Sessions and cookies.
SESSION_COOKIE_NAME = "bryggan_session"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = False
PERMANENT_SESSION_LIFETIME = timedelta(days=30)
# An unchanged session cookie is sent again (its 30 days counted anew) once it is this old, not on every
# response (core/security.py).
SESSION_REISSUE_AFTER = timedelta(hours=1)
LANGUAGE_COOKIE_NAME = "bryggan_lang"
# A browser that signed in to an account keeps its own count of refused attempts for it (the limits below),
# so strangers cannot lock the owner out (accounts/devices.py). Secure whenever the session cookie is.
DEVICE_COOKIE_NAME = "bryggan_device"
DEVICE_COOKIE_LIFETIME = timedelta(days=180)

# CSRF: the token lives as long as the session (members keep a tab open all night), it is sent in the
# X-CSRF-Token header by scripts, and the Referer check is off because we send `Referrer-Policy: no-referrer`;
# SameSite=Lax cookies and the token itself carry the protection.
WTF_CSRF_HEADERS = ["X-CSRF-Token"]
WTF_CSRF_TIME_LIMIT = None
WTF_CSRF_SSL_STRICT = False

# Largest request body accepted; larger ones get 413 before any parsing.
MAX_CONTENT_LENGTH = 256 * 1024

# Passwords: argon2id with argon2-cffi's recommended RFC 9106 low-memory profile.
PASSWORD_HASH_TIME_COST = 3
PASSWORD_HASH_MEMORY_KIB = 65_536
PASSWORD_HASH_PARALLELISM = 4
PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 1_000

# Age gate, inclusive on the day of signup.
MIN_AGE = 16
MAX_AGE = 94

# How often a member may draw a new pseudonym.
PSEUDONYM_REDRAW_INTERVAL = timedelta(days=7)

# Rate limits (Flask-Limiter). BRYGGAN_RATELIMIT_ENABLED=false turns the HTTP limits off.
RATELIMIT_ENABLED = True
# memory:// for one process; with a Redis BRYGGAN_MESSAGE_QUEUE the limits live there (see load_config).
RATELIMIT_STORAGE_URI = "memory://"
# If that Redis goes away, keep limiting in memory rather than failing requests.
RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
# Off: Flask-Limiter would add Retry-After to every answer; core.errors adds it to 429s only.
RATELIMIT_HEADERS_ENABLED = False
RATELIMIT_LOGIN_PER_ADDRESS = "20 per minute; 100 per hour"
# Refused attempts per account; from a browser with that account's device cookie, per device instead.
RATELIMIT_LOGIN_FAILURES_PER_ACCOUNT = "10 per 15 minutes"
RATELIMIT_SIGNUP_PER_ADDRESS = "10 per hour"
RATELIMIT_RECOVER_PER_ADDRESS = "10 per hour"
RATELIMIT_RECOVER_FAILURES_PER_ACCOUNT = "5 per hour"

# What `python app.py` logs look like: "text" (Python's defaults) or "json" (one object per line, see
# core/logs.py).
LOG_FORMAT = "text"

# GET /metrics (core/metrics.py): answered to these addresses or networks (commas or spaces), or to anyone
# sending `Authorization: Bearer <METRICS_TOKEN>` (empty: no token accepted). Behind nginx with
# PROXY_FIX_X_FOR, a visitor's own address is what counts, so loopback here does not open it to the Internet.
METRICS_ALLOW = "127.0.0.1/32 ::1/128"
METRICS_TOKEN = ""

# Number of reverse proxies in front of the app whose X-Forwarded-For/-Proto we trust (0: none).
PROXY_FIX_X_FOR = 0
PROXY_FIX_X_PROTO = 0

# Where the "leave quickly" button goes: a neutral site that says nothing about Bryggan.
LEAVE_QUICKLY_URL = "https://www.smhi.se/"

BABEL_DEFAULT_LOCALE = "sv"
BABEL_DEFAULT_TIMEZONE = "Europe/Stockholm"
LANGUAGES = ("sv", "en")

# Socket.IO: None allows only the site's own origin; list extra origins here when served under several names.
SOCKETIO_ALLOWED_ORIGINS = None
SOCKETIO_MAX_HTTP_BUFFER_SIZE = 64 * 1024
# What one Socket.IO connection may cost (core/socketbudget.py); a connection over any limit is closed with
# one log line. A chat page sends a join, a typing event every 3 s at most and what its member writes; a
# moderation page only connects. Packets: a burst, then a steady rate, on both transports.
SOCKET_PACKET_BURST = 100
SOCKET_PACKETS_PER_SECOND = 20.0
# Namespace connects (/chat, /moderation, and retries after a refusal every 5 s) on one connection.
SOCKET_NAMESPACE_CONNECTS = 10
SOCKET_NAMESPACE_CONNECTS_PER_SECOND = 0.5
# Events received and not yet handled (each is a task of its own until its handler returns).
SOCKET_EVENTS_IN_FLIGHT = 32
# Bytes waiting to be sent to a client that does not read them (a catch-up of 500 messages is at most ~3 MB).
SOCKET_QUEUED_BYTES = 8 * 1024 * 1024

# Paths inside the repository (relative to the app's root path).
MIGRATIONS_DIRECTORY = "migrations"
BABEL_TRANSLATION_DIRECTORIES = "translations"

# Forum: how many posts a member may flag in 24 hours, and how fast they may write.
FLAGS_PER_DAY = 20
RATELIMIT_POSTS_PER_MEMBER = "8 per minute; 60 per hour"
RATELIMIT_SEARCHES_PER_MEMBER = "30 per minute"
RATELIMIT_EXPORTS_PER_MEMBER = "10 per hour"
RATELIMIT_LIBRARY_SEARCHES_PER_ADDRESS = "60 per minute"
RATELIMIT_LIBRARY_MEDIA_PER_ADDRESS = "600 per minute"

# Chat: a burst of CHAT_BURST messages, then about one a second; slow mode (seconds between two messages of
# one member) that rooms get while no moderator is online; how long messages are kept.
CHAT_BURST = 5
CHAT_MESSAGES_PER_SECOND = 1.0
CHAT_UNMODERATED_SLOW_MODE_SECONDS = 10
CHAT_TYPING_INTERVAL_SECONDS = 3
# Crisis texts skip slow mode and the flood bucket; past this allowance (a burst, then one every N seconds)
# they are still never refused, but held for the moderators instead of published.
CHAT_CRISIS_BURST = 5
CHAT_CRISIS_REFILL_SECONDS = 120
# A room hears its online count at most this often (joins and leaves in between are sent together).
CHAT_PRESENCE_INTERVAL_SECONDS = 1.0
# Reconnect storms (docs/CHAT.md): with more socket events than this queued in a process, a new chat
# connection is refused as "unavailable" (the page tries again in a few seconds) instead of queueing.
CHAT_CONNECT_BACKLOG = 300
# ... and above this many new chat connections a second per process (a burst of as many is let through).
CHAT_CONNECTS_PER_SECOND = 200
# Above this many joins a second in a process, a join's online count may be up to
# CHAT_PRESENCE_INTERVAL_SECONDS old (kept current with this process's own joins) instead of counted anew.
CHAT_STORM_JOINS_PER_SECOND = 5
CHAT_RETENTION_DAYS = 30
# Moderation keeps resolved flags and review items for a year, its audit log for two (core/retention.py).
FLAG_RETENTION_DAYS = 365
AUDIT_RETENTION_DAYS = 730
# How often each server process checks for sockets whose session ended, and purges old messages.
CHAT_SWEEP_INTERVAL_SECONDS = 0.5
CHAT_PURGE_INTERVAL_SECONDS = 3600

# Moderation: a post or chat message flagged by this many different members is hidden until a moderator
# decides; a member whose texts collect flags from this many members within a day is muted in chat.
AUTO_HIDE_FLAGS = 3
# Only flags from accounts at least this old that have written something (a post or a chat message others
# can read) count toward auto-hide and the safety net: fresh accounts cannot silence anyone.
FLAG_MIN_ACCOUNT_AGE_HOURS = 24
# How long a process may screen texts against its copy of the watched words before reading them again.
WATCHED_WORDS_CACHE_SECONDS = 5.0
SAFETY_NET_FLAGGERS = 3
# A moderator "I tjänst" (on duty) goes off duty by themselves after this long without a moderation action.
MODERATOR_DUTY_IDLE_MINUTES = 60

# Crisis: a crisis item that nobody has claimed or decided for this many minutes alerts staff outside
# Bryggan (moderation/alerts.py), by a JSON POST to the webhook and/or an e-mail over SMTP. The alert holds
# no member text and no pseudonym, only a link to the queue (PUBLIC_URL + /moderation). Empty: no alert.
CRISIS_ALERT_AFTER_MINUTES = 10.0
# A claimed crisis still undecided this long after the claim alerts too.
CRISIS_ALERT_CLAIMED_MINUTES = 30.0
# How often each process looks for crises that became due (a failed alert is tried again as often).
CRISIS_ALERT_CHECK_SECONDS = 30.0
CRISIS_ALERT_WEBHOOK_URL = ""
CRISIS_ALERT_EMAIL_TO = ""
CRISIS_ALERT_EMAIL_FROM = "bryggan@localhost"
SMTP_HOST = ""
SMTP_PORT = 25
SMTP_STARTTLS = False
SMTP_USERNAME = ""
SMTP_PASSWORD = ""
# How Bryggan is reached from outside, for links in alerts (e.g. https://bryggan.example.se).
PUBLIC_URL = ""
# Private messages between the moderators and a member are kept as long as chat messages by default.
STAFF_MESSAGE_RETENTION_DAYS = 30

# Rendered posts kept per process and shared between readers who see them the same (forum/fragments.py).
POST_FRAGMENT_CACHE_SIZE = 5000

# The home page's live signals (people in the chat, new threads, the next moderator) are read at most this
# often per process (core/signals.py).
LIVE_SIGNALS_SECONDS = 5

# The information library: the folder `flask seed` imports (relative to the application's root).
LIBRARY_DIRECTORY = "content/library"
# How long browsers may keep a film's video, poster and captions (their addresses change with the bytes).
LIBRARY_MEDIA_MAX_AGE = 86400
# The largest film an editor may upload (bytes; BRYGGAN_LIBRARY_UPLOAD_MAX_BYTES). Uploads stream to the
# database a chunk at a time, so this bounds storage, not memory; nginx's client_max_body_size for the
# upload addresses must be at least this (deploy/nginx/bryggan.conf).
LIBRARY_UPLOAD_MAX_BYTES = 300_000_000
# An upload still unfinished after this many hours (a crashed process) is removed by the retention rules.
LIBRARY_UPLOAD_STALE_HOURS = 6

# Web Push (notify/, docs/NOTIFICATIONS.md). The VAPID key: BRYGGAN_VAPID_PRIVATE_KEY, else generated into
# instance/ outside production. The subject defaults to PUBLIC_URL.
VAPID_PRIVATE_KEY = ""
VAPID_SUBJECT = ""
# We only ever POST to the push services browsers use: a subscription naming any other host (an address
# inside our network, say) is refused, so the server cannot be made to send requests anywhere else.
# A name is an exact host; one that starts with a dot is a family of hosts under it (a dot-boundary
# suffix: Apple's web.push.apple.com, Windows/Edge's wns2-*.notify.windows.com), never the bare name.
PUSH_SERVICE_HOSTS = (
    "fcm.googleapis.com",
    "updates.push.services.mozilla.com",
    ".push.apple.com",
    ".notify.windows.com",
)
PUSH_SERVICE_SCHEMES = ("https",)
# How long a push service keeps an undelivered push (seconds), and how long we wait for it to answer.
PUSH_TTL_SECONDS = 12 * 60 * 60
PUSH_TIMEOUT_SECONDS = 10.0
# Browsers (devices) one member may register.
PUSH_SUBSCRIPTIONS_MAX = 10
