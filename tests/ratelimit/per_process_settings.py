"""The control: the site's settings with rate limits counted per worker process (as before
the shared counters), for tests/ratelimit/test_workers.py only."""

from safecities.settings import *  # noqa: F403

CACHES = {
    **CACHES,  # noqa: F405
    "ratelimit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
