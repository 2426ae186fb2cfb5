"""Settings of the load benchmark (bench/browse_load.py): the project's own, configured from the
environment as in production, plus a URLconf holding the floor view. Never used in production."""

from organizing.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# collectstatic for the benchmark goes to its own folder, away from the one `make` uses.
STATIC_ROOT = VAR_DIR / "bench" / "static"  # noqa: F405
