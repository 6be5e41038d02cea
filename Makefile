# journeymap: the two commands a new user needs are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
OUT := out
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install chromium demo test bench catalogs clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e ".[pdf,test]"
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

# Debian's Chromium prints posters to PDF and PNG and runs the browser tests.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium (needed for PDF/PNG and browser tests)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

demo: install chromium
	@mkdir -p $(OUT)
	$(BIN)/journeymap templates
	$(BIN)/journeymap new $(OUT)/shop.yaml --template childrens-shop --force
	$(BIN)/journeymap validate $(OUT)/shop.yaml src/journeymap/files/examples/*.yaml
	$(BIN)/journeymap show $(OUT)/shop.yaml
	$(BIN)/journeymap schema > $(OUT)/journey.schema.json
	@for name in childrens-shop mobile-app service-blueprint dcj b2b-equipment; do \
	  $(BIN)/journeymap new $(OUT)/$$name.yaml --template $$name --force >/dev/null && \
	  $(BIN)/journeymap render $(OUT)/$$name.yaml -o $(OUT)/$$name.html && \
	  $(BIN)/journeymap render $(OUT)/$$name.yaml -o $(OUT)/$$name.pdf || exit 1; done
	$(BIN)/journeymap render $(OUT)/shop.yaml -o $(OUT)/shop.xlsx
	$(BIN)/journeymap render $(OUT)/shop.yaml --lang ru -o $(OUT)/shop-ru.pdf
	$(BIN)/journeymap mermaid export $(OUT)/shop.yaml > $(OUT)/shop.mmd
	@echo "Demo outputs are in $(OUT)/: posters <example>.html (open offline) and <example>.pdf (A3),"
	@echo "the summary table shop.xlsx, a Russian poster shop-ru.pdf, a Mermaid diagram shop.mmd."

test: install chromium
	$(BIN)/python -m pytest -n 2 -q

bench: install
	$(BIN)/python bench/run.py

# Extract every translatable message and merge it into the six catalogs.
LOCALE := src/journeymap/locale
catalogs: install
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 --no-location --sort-output \
	  --project journeymap --copyright-holder "journeymap developers" -o $(LOCALE)/journeymap.pot .
	$(BIN)/python scripts/extract_help.py $(LOCALE)/journeymap.pot
	$(BIN)/pybabel update -D journeymap -i $(LOCALE)/journeymap.pot -d $(LOCALE) --ignore-obsolete

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
