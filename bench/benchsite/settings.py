"""The production settings plus the baseline view's app and URL; used only by bench/."""

from safecities.settings import *  # noqa: F403

ROOT_URLCONF = "benchsite.urls"
INSTALLED_APPS += ["benchsite"]  # noqa: F405
