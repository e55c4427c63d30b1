# Two commands on a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install migrate demo lint format messages sweep screenshots report-pictures clean

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# The embedded default: SQLite, no broker; a sweep loop delivers what is due.
run: demo
	$(PY) manage.py runserver_with_sweeps 127.0.0.1:8000

test: demo
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	for app in programmes pairs matching reports; do (cd $$app && ../$(PY) ../manage.py makemessages -l sv -l en --no-obsolete); done
	$(PY) manage.py makemessages -l sv -l en --no-obsolete --ignore='programmes/*' --ignore='pairs/*' --ignore='matching/*' --ignore='reports/*' --ignore='.venv/*' --ignore='tests/*' --ignore='bench/*'
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* staticfiles
