# The user's verbs.  `make bench` and `make test` work from a fresh clone:
# each installs what is missing (tools/setup.sh) and builds first.
BUILD       ?= build
ASAN_BUILD  ?= build-asan
PROFILE     ?= quick
CMAKE_FLAGS ?=
PYTHON      := $(CURDIR)/.venv/bin/python
JOBS        ?= 2

.PHONY: all setup build bench test test-asan clean

all: build

setup:
	@bash tools/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DPython3_EXECUTABLE=$(PYTHON) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# Runs every scenario in $(PROFILE), draws the charts, writes the report and
# prints the bench figures.  Results: results/<UTC time>/ and results/latest.
bench: build
	@PROFILE=$(PROFILE) BUILD=$(BUILD) bash tools/bench.sh

# The whole suite through CTest, then the harness's own tests again in a
# build with AddressSanitizer and UBSan.
test: build test-asan
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: setup
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DGB_SANITIZE=ON -DPython3_EXECUTABLE=$(PYTHON) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS) --target gb-harness-tests
	@cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS) -L asan

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)

# libFuzzer targets (the manifest loader, the worker reply parser, the CSV
# reader) built with clang and ASan/UBSan, each run for FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
.PHONY: fuzz
fuzz: setup
	@FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_BUILD=$(BUILD)/fuzz bash tests/fuzz/run.sh
