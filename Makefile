# Two commands on a fresh machine with Python 3.11+: `make run` and `make test`.
# Everything else (PostgreSQL, Redis, a worker, Chromium) is optional: see README.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The default run leaves out tests that need PostgreSQL, Redis or Chromium
# (pyproject addopts: -m 'not services and not postgres and not drill', --ignore=tests/browser);
# .ci/run starts those services and runs them too. The suite runs in one process per core
# (pytest-xdist; each test file stays in one process, so module-wide fixtures are built once).
PYTEST_WORKERS ?= auto
PYTEST_ARGS ?=

.PHONY: run test ci install migrate demo lint typecheck format messages sweep docs clean

# This checkout's own settings, read by mentorship/settings.py; `make install` writes it
# once with DEBUG=true (without it, settings mean production) and the image leaves it out.
ENV_FILE := .env.local

# Production requirements and the development and test tools, both locked with hashes.
$(STAMP): requirements.lock requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock -r requirements-dev.lock
	touch $(STAMP)

$(ENV_FILE):
	printf '# Written by make install: this checkout is a development machine.\nDEBUG=true\n' > $@

install: $(STAMP) $(ENV_FILE)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# The embedded default: SQLite, no broker; a background thread runs every app's sweep.
run: demo
	$(PY) manage.py runserver_with_sweeps 127.0.0.1:8000

test: demo
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -q --numprocesses=$(PYTEST_WORKERS) --dist=loadfile $(PYTEST_ARGS)

# The whole pipeline: embedded default, then PostgreSQL + Redis + a real worker, then Chromium.
ci:
	.ci/run

# Runs every app's due work once, in this process (what beat or `make run` do on a timer).
sweep: install
	$(PY) manage.py sweep

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

# mypy with django-stubs over every app (configured in pyproject.toml).
typecheck: install
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Each app keeps its own catalogue; the root locale/ holds the project-wide templates'.
APPS := common notifications audit accounts programmes privacy events fees matching pairs reports demo

messages: install
	for app in $(APPS); do (cd $$app && ../$(PY) ../manage.py makemessages -l sv -l en --no-obsolete); done
	$(PY) manage.py makemessages -l sv -l en --no-obsolete $(foreach app,$(APPS),--ignore='$(app)/*') --ignore='.venv/*' --ignore='tests/*' --ignore='bench/*'
	$(PY) manage.py compilemessages --ignore=.venv

# The documentation site (mkdocs.yml, docs/): strict, offline, into site/.
docs: install
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --site-dir site

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles
