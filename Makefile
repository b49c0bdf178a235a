# The two commands of README.md:
#   make run    set everything up and serve GraphQL at http://127.0.0.1:8000/graphql
#   make test   set everything up and run lint, format check, strict typing and the whole test suite
# Both create .venv and install credgraph into it on first use (again when pyproject.toml changes).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

NODE_CLIENTS := tests/e2e/node/node_modules/.installed
GRAPHIQL_ASSETS := api/graphiql/node_modules/.installed
WEBAPP_ASSETS := api/webapp/node_modules/.installed

.PHONY: run test check install clean browser packaging

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --config-settings editable_mode=compat -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

run: $(INSTALLED) $(GRAPHIQL_ASSETS) $(WEBAPP_ASSETS)
	$(BIN)/credgraph dev

check: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/interrogate api graph

# GraphiQL's scripts and styles, served by credgraph itself (api/graphiql_assets.py; npm, pinned
# by the lock file): GraphiQL works without access to a CDN.
$(GRAPHIQL_ASSETS): api/graphiql/package-lock.json
	npm ci --prefix api/graphiql --silent --no-audit --no-fund --ignore-scripts
	touch $(GRAPHIQL_ASSETS)

# The web app's libraries (graph drawing, charts) and the axe-core its browser tests inject, served
# by credgraph itself at /app (api/webapp_routes.py; npm, pinned by the lock file): no CDN.
$(WEBAPP_ASSETS): api/webapp/package-lock.json
	npm ci --prefix api/webapp --silent --no-audit --no-fund --ignore-scripts
	touch $(WEBAPP_ASSETS)

# Debian's headless Chromium for the web app's browser tests (Playwright drives it; it never
# downloads a browser of its own). CI runs as root on a fresh machine.
browser:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium chromium-driver)

# The real Node clients and the graphql-http audit of the e2e tests (npm, pinned by the lock file).
$(NODE_CLIENTS): tests/e2e/node/package-lock.json
	npm ci --prefix tests/e2e/node --silent --no-audit --no-fund
	touch $(NODE_CLIENTS)

# Plain `pip install -e .` and `pip install .` into fresh virtualenvs, run from another directory.
packaging:
	PYTHON=$(PYTHON) bash .ci/packaging

test: check browser packaging $(NODE_CLIENTS) $(GRAPHIQL_ASSETS) $(WEBAPP_ASSETS)
	$(BIN)/pytest

clean:
	-$(BIN)/credgraph neo4j stop
	rm -rf $(VENV) .credgraph
