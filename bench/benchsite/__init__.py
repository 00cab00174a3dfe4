"""Bench-only Django app: the production site plus one minimal insert view (the baseline).

Never installed in production: only the benchmarks put ``bench/`` on the path and set
``DJANGO_SETTINGS_MODULE=benchsite.settings``.
"""
