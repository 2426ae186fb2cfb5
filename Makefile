# Convergence: `make run` serves the app on the embedded default (SQLite, eager Celery);
# `make test` runs the whole suite (PostgreSQL/Redis/a real worker when DATABASE_URL and
# CELERY_BROKER_URL are set, as .ci/run does).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

# A Python >= 3.12 found on this machine (or $(PYTHON)); .ci/find-python explains what is missing.
PYTHON_FOUND = $(shell .ci/find-python)
UV = $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)

.PHONY: help run serve setup catalogs test test-fast lint format check-deploy bandit security messages clean \
  sample-data sample-data-clear

help:
	@echo "make run    install, migrate, import places, seed the article's examples, serve on http://$(HOST):$(PORT)"
	@echo "make sample-data   add clearly labelled sample collectives and upcoming actions (make sample-data-clear removes them)"
	@echo "make test   run the whole test suite (set DATABASE_URL / CELERY_BROKER_URL for PostgreSQL / Redis)"
	@echo "make test-fast   the suite without the browser journeys and the real-worker tests"
	@echo "make lint   ruff and the import contract (import-linter: the floors of docs/architecture.md)"
	@echo "make security   bandit and check --deploy with production settings (as CI)"

.tools/bin/uv:
	@python_bin="$(PYTHON_FOUND)"; [ -n "$$python_bin" ] || exit 1; \
	"$$python_bin" -m venv .tools && .tools/bin/pip install --quiet --disable-pip-version-check uv

# The virtualenv is rebuilt only when the dependencies change.
$(VENV)/.synced: pyproject.toml uv.lock | .tools/bin/uv
	@python_bin="$(PYTHON_FOUND)"; [ -n "$$python_bin" ] || exit 1; \
	$(UV) sync --frozen --python "$$python_bin" --quiet
	@touch $@

setup: $(VENV)/.synced
	@mkdir -p var

# The translations: the committed catalogs (locale/<language>/LC_MESSAGES/django.po) compiled
# to .mo files with Babel, in pure Python, so no GNU gettext is needed to run or test the site.
# Incomplete entries are never compiled (fuzzy ones are skipped); .mo files are not committed.
catalogs: setup
	@$(VENV)/bin/pybabel -q compile --domain django --directory locale

# Links in emails, feeds and the API name the server that sent them: `make run PORT=8101`
# links to port 8101 (a SITE_URL set in the environment still wins).
SITE_URL ?= http://$(HOST):$(PORT)
# DEBUG off, as in production, so that a page that does not exist or is not public shows the
# site's own 404 page (and an error its own 500 page), never Django's technical pages with the
# URL list. What production adds for HTTPS (redirect, secure cookies, HSTS) is off: the demo is
# plain HTTP. A secret key of its own, generated once into var/demo-secret-key; static files
# straight from static/ through whitenoise (no collectstatic); emails printed here (the
# default EMAIL_URL, consolemail://).
RUN_HOSTS ?= $(HOST),127.0.0.1,localhost
DEMO_SECRET_KEY_FILE ?= var/demo-secret-key
RUN_ENV := DEBUG=false SECRET_KEY=$$(cat $(DEMO_SECRET_KEY_FILE)) ALLOWED_HOSTS=$(RUN_HOSTS) \
  SECURE_SSL_REDIRECT=false SECURE_COOKIES=false SECURE_HSTS_SECONDS=0 \
  STATICFILES_MANIFEST=false ACCOUNT_DEFAULT_HTTP_PROTOCOL=http SITE_URL=$(SITE_URL)
# The periodic work of organizing/celery.py (outbox relay, reminders, alert digests, RSVP
# anonymization, purges) runs in the demo too: one Celery worker with the beat schedule
# embedded (--beat), on kombu's filesystem transport (folders under var/celery, no server to
# install or start). The web process stays eager, as before: a request never publishes to a
# broker (emails are outbox rows sent once committed; the relay sends what is left), so
# nothing a visitor does ever waits on the worker. Solo pool: one process, SQLite-friendly;
# warnings only, so that the relay every 10 s does not bury the printed emails.
CELERY_DIR ?= var/celery
WORKER_ENV := CELERY_BROKER_URL=filesystem:// CELERY_FILESYSTEM_DIR=$(CELERY_DIR)
WORKER := $(PY) -m celery -A organizing worker --beat --pool=solo -Q default,mail \
  --without-gossip --without-mingle --without-heartbeat \
  --schedule-filename=$(CELERY_DIR)/beat-schedule --loglevel=WARNING

$(DEMO_SECRET_KEY_FILE): | setup
	@(umask 077; $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@)

# Ctrl-C stops both: the worker gets the interrupt too, and the shell's EXIT trap stops it
# (and waits for it) whichever of the two ends first.
run: setup catalogs $(DEMO_SECRET_KEY_FILE)
	@$(RUN_ENV) $(MANAGE) migrate --noinput
	@$(RUN_ENV) $(MANAGE) createcachetable
	@$(RUN_ENV) $(MANAGE) import_places
	@$(RUN_ENV) $(MANAGE) seed_examples
	@$(RUN_ENV) $(MANAGE) ensure_demo_admin
	@mkdir -p $(CELERY_DIR)/queue $(CELERY_DIR)/processed $(CELERY_DIR)/control
	@echo "Serving Convergence on $(SITE_URL)  (Ctrl-C to stop)"
	@$(RUN_ENV) $(WORKER_ENV) $(WORKER) & worker=$$!; \
	  trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	  $(RUN_ENV) $(MANAGE) runserver $(HOST):$(PORT)

# Sample data for trying the site out (never mixed up with the article's records): a few
# collectives in the article's cities and upcoming actions there, every one named "Sample: ...";
# `make sample-data-clear` removes them, and nothing else.
sample-data: setup catalogs $(DEMO_SECRET_KEY_FILE)
	@$(RUN_ENV) $(MANAGE) migrate --noinput
	@$(RUN_ENV) $(MANAGE) import_places
	@$(RUN_ENV) $(MANAGE) generate_sample_data --demo

sample-data-clear: setup $(DEMO_SECRET_KEY_FILE)
	@$(RUN_ENV) $(MANAGE) generate_sample_data --delete

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --silent
	@touch $@

test: setup catalogs node_modules/axe-core/axe.min.js
	$(PY) -m pytest $(PYTEST_ARGS)

# Without the browser journeys and the real-worker tests: a quick run while working.
test-fast: setup catalogs
	$(PY) -m pytest -m "not e2e and not worker" $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: setup
	$(VENV)/bin/ruff format .

# Production settings as docs/deployment.md sets them (an SMTP mailer, the TLS proxy in front):
# `check` only reads them, nothing is sent or connected to. Django's deployment checks plus
# ours (organizing/core/checks.py: CSP, staff two-factor, rate limits, proxy, session length).
check-deploy: setup
	SECRET_KEY=$$(openssl rand -hex 32) DEBUG=false ALLOWED_HOSTS=convergence.example.org \
	  EMAIL_URL=smtp+tls://convergence:password@mail.example.org:587 TRUSTED_PROXY_COUNT=1 \
	  SECURE_SSL_REDIRECT=true SECURE_COOKIES=true \
	  $(MANAGE) check --deploy --fail-level WARNING

# Static security analysis: every medium or high finding fails, unless a `# nosec BXXX`
# on its line says why it is not a risk (configuration in pyproject.toml, [tool.bandit]).
bandit: setup
	$(VENV)/bin/bandit --quiet --configfile pyproject.toml --severity-level medium -r organizing

# The security gates of .ci/run: both fail on a finding.
security: bandit check-deploy

# After changing a string: extract into every catalog (needs GNU gettext's xgettext, as Django's
# makemessages does; `apt-get install gettext`), then translate what is new (docs/translating.md).
messages: setup
	DEBUG=true $(MANAGE) makemessages --all --no-location --ignore=.venv --ignore=node_modules \
	  --ignore=tests --ignore=bench --ignore=var

clean:
	rm -rf $(VENV) .tools var/static .pytest_cache
