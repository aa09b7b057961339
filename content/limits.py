"""Rate limits of the public library: searching costs more than reading, so searches are limited per address
(kept in the limiter's memory or Redis only, never on disk)."""

from __future__ import annotations

from flask import request

from accounts.limits import configured
from core.extensions import limiter

searching_per_address = limiter.shared_limit(
    configured("RATELIMIT_LIBRARY_SEARCHES_PER_ADDRESS"),
    scope="library-search",
    exempt_when=lambda: not request.args.get("q", "").strip(),
)

# Generous: a phone seeking through a film asks for many ranges; this only stops a flood from one address.
reading_media_per_address = limiter.shared_limit(
    configured("RATELIMIT_LIBRARY_MEDIA_PER_ADDRESS"), scope="library-media"
)
