# journeymap: the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements/lock.txt
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | cksum | cut -d' ' -f1)
EXTRAS := all,test
OUT := out
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install lock chromium postgresql demo test test-fast test-lowest typecheck fuzz bench catalogs clean

# The exact versions of requirements/lock.txt: what `make demo`, `make test` and CI run on.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -c $(LOCK) -e ".[$(EXTRAS)]"
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

# Pin the newest versions pyproject.toml's ranges allow (keeping the locked ones that still fit; UPGRADE=1 moves them all).
lock: install
	$(BIN)/uv pip compile pyproject.toml --extra all --extra test --python-version 3.11 \
	  --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade) -o $(LOCK)

# Debian's Chromium prints posters to PDF and PNG and runs the browser tests.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium (needed for PDF/PNG and browser tests)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

# Debian's PostgreSQL: the store's tests run their API suite on it too (started in a temp folder).
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "Installing Debian's postgresql (the store's tests run on it)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends postgresql >/dev/null; }

demo: install chromium
	@mkdir -p $(OUT)
	$(BIN)/journeymap templates
	$(BIN)/journeymap new $(OUT)/shop.yaml --template childrens-shop --force
	$(BIN)/journeymap validate $(OUT)/shop.yaml src/journeymap/files/examples/*.yaml
	$(BIN)/journeymap show $(OUT)/shop.yaml
	$(BIN)/journeymap schema > $(OUT)/journey.schema.json
	@for name in childrens-shop mobile-app service-blueprint dcj-fashion b2b-equipment; do \
	  $(BIN)/journeymap new $(OUT)/$$name.yaml --template $$name --force >/dev/null && \
	  $(BIN)/journeymap render $(OUT)/$$name.yaml -o $(OUT)/$$name.html && \
	  $(BIN)/journeymap render $(OUT)/$$name.yaml -o $(OUT)/$$name.pdf || exit 1; done
	$(BIN)/journeymap render $(OUT)/shop.yaml -o $(OUT)/shop.xlsx
	$(BIN)/journeymap new $(OUT)/shop-ru.yaml --template childrens-shop-ru --force
	$(BIN)/journeymap render $(OUT)/shop-ru.yaml --lang ru -o $(OUT)/shop-ru.pdf
	$(BIN)/journeymap mermaid export $(OUT)/shop.yaml > $(OUT)/shop.mmd
	$(BIN)/journeymap voice sample -o $(OUT)/feedback.csv
	$(BIN)/journeymap voice inspect $(OUT)/feedback.csv
	$(BIN)/journeymap voice analyze $(OUT)/feedback.csv --map $(OUT)/shop.yaml -o $(OUT)/shop.voiced.yaml --languages ru,uk,kk,uz,lt
	$(BIN)/journeymap voice keywords $(OUT)/feedback.csv --map $(OUT)/shop.yaml --by stage -o $(OUT)/cloud.png --languages ru,uk,kk,uz,lt
	$(BIN)/journeymap voice listening $(OUT)/feedback.csv
	$(BIN)/journeymap render $(OUT)/shop.voiced.yaml -o $(OUT)/shop.voiced.html
	$(BIN)/journeymap events sample -o $(OUT)/events.parquet
	$(BIN)/journeymap events inspect $(OUT)/events.parquet
	$(BIN)/journeymap funnel $(OUT)/events.parquet --step app_open --step search --step view_item --step purchase --window 7d --by platform -o $(OUT)/funnel.html
	$(BIN)/journeymap funnel $(OUT)/events.parquet --step app_open --step search --step view_item --step purchase --window 7d --quiet -o $(OUT)/funnel.png >/dev/null
	$(BIN)/journeymap retention $(OUT)/events.parquet --day 1 --day 7 --day 30 -o $(OUT)/retention.html
	$(BIN)/journeymap paths $(OUT)/events.parquet --from view_item --depth 3 --top 10 -o $(OUT)/flows.html
	$(BIN)/journeymap transitions $(OUT)/events.parquet --top 10 -o $(OUT)/transitions.html
	$(BIN)/journeymap new $(OUT)/app.yaml --template app-measured-demo --force
	$(BIN)/journeymap analyze $(OUT)/events.parquet --map $(OUT)/app.yaml -o $(OUT)/app.measured.yaml
	$(BIN)/journeymap aha $(OUT)/events.parquet --retention-day 7 --within 1d --unbounded --map $(OUT)/app.measured.yaml -o $(OUT)/app.aha.yaml
	$(BIN)/journeymap barriers $(OUT)/events.parquet --map $(OUT)/app.aha.yaml -o $(OUT)/app.barriers.yaml
	$(BIN)/journeymap personas $(OUT)/events.parquet --map $(OUT)/app.barriers.yaml -o $(OUT)/app.discovered.yaml
	$(BIN)/journeymap segments $(OUT)/events.parquet --cluster -o $(OUT)/users.csv
	$(BIN)/journeymap abtest $(OUT)/events.parquet --variant-column platform --control ios --step view_item --step purchase --retention-day 7
	$(BIN)/journeymap compare $(OUT)/events.parquet --segment-column platform --step app_open --step view_item --step purchase
	$(BIN)/journeymap prioritize $(OUT)/shop.yaml -o $(OUT)/ideas.xlsx
	$(BIN)/journeymap render $(OUT)/app.discovered.yaml -o $(OUT)/app.discovered.html
	$(BIN)/journeymap render $(OUT)/app.discovered.yaml -o $(OUT)/app.discovered.pdf
	rm -f $(OUT)/team.db && $(BIN)/journeymap db upgrade --db sqlite:///$(OUT)/team.db
	$(BIN)/journeymap users add ana --role editor --db sqlite:///$(OUT)/team.db
	$(BIN)/journeymap users list --db sqlite:///$(OUT)/team.db
	@echo "Demo outputs are in $(OUT)/: posters <example>.html (open offline) and <example>.pdf (A3),"
	@echo "the summary table shop.xlsx, a Russian poster shop-ru.pdf, a Mermaid diagram shop.mmd,"
	@echo "sample feedback feedback.csv read onto the map: shop.voiced.yaml and its poster shop.voiced.html, cloud.png,"
	@echo "the sample event log events.parquet with funnel.html (and funnel.png), retention.html, flows.html, transitions.html charts,"
	@echo "the bound app map measured (app.measured.yaml), with aha moments, barriers and data personas"
	@echo "(app.discovered.yaml, .html, .pdf), ranked ideas ideas.xlsx, behaviour segments users.csv,"
	@echo "and a team workspace database team.db: 'journeymap serve --db sqlite:///$(OUT)/team.db' opens it."

# mypy on src/ (settings in pyproject.toml's [tool.mypy]); `make test` fails on a type error.
typecheck: install
	$(BIN)/mypy

test: install chromium postgresql typecheck
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/python -m pytest -n 2 -q

# The fast tier: no Spark, PostgreSQL, Chromium or slow tests (the markers in pyproject.toml; tests/conftest.py applies them).
FAST := not spark and not postgres and not browser and not slow
test-fast: install
	$(BIN)/python -m pytest -n 2 -q -m "$(FAST)"

# The fast tier on the lowest versions pyproject.toml declares, in a venv of its own: the ranges are true.
LOWEST := .venv-lowest
test-lowest: install
	test -x $(LOWEST)/bin/python || $(BIN)/uv venv -q --python $(BIN)/python $(LOWEST)
	VIRTUAL_ENV=$(LOWEST) $(BIN)/uv pip install -q --resolution lowest-direct -e ".[$(EXTRAS)]"
	$(LOWEST)/bin/python -m pytest -n 2 -q -m "$(FAST)"

bench: install
	$(BIN)/python bench/run.py

# Extract every translatable message and merge it into the six catalogs.
LOCALE := src/journeymap/locale
catalogs: install
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 -k plural_words:1,2 --no-location --sort-output \
	  --project journeymap --copyright-holder "journeymap developers" -o $(LOCALE)/journeymap.pot .
	$(BIN)/python scripts/extract_help.py $(LOCALE)/journeymap.pot
	$(BIN)/pybabel update -D journeymap -i $(LOCALE)/journeymap.pot -d $(LOCALE) --ignore-obsolete

clean:
	rm -rf $(VENV) $(LOWEST) $(OUT) .pytest_cache

# Many more mutated maps and hostile feedback files than `make test` runs (tests/test_fuzz.py).
fuzz: install
	JOURNEYMAP_FUZZ_CASES=$${CASES:-300} $(BIN)/python -m pytest tests/test_fuzz.py -q -p no:cacheprovider
