# The two set-up commands: `make demo` and `make test` (see README.md).
BUILD ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps configure build demo test golden asan fuzz clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)

configure: $(BUILD)/CMakeCache.txt

build: deps configure
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	bash scripts/demo.sh $(BUILD)/inkstone out

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Regenerates tests/golden/*.layout from the samples; review the diff before committing.
golden: build
	bash tests/update-golden.sh $(BUILD)/inkstone

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
asan:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 $(MAKE) test BUILD=build-asan BUILD_TYPE=Debug \
	  CMAKE_FLAGS=-DINKSTONE_SANITIZE=ON

# The libFuzzer targets of fuzz/ (clang, ASan + UBSan; build in build-fuzz/), each run for
# FUZZ_SECONDS after replaying tests/fuzz/ (fuzz/run.sh).
FUZZ_SECONDS ?= 60
FUZZ_SEED ?= 0
fuzz:
	@bash scripts/install-deps.sh --fuzz
	cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ -DINKSTONE_FUZZ=ON
	cmake --build build-fuzz -j $(JOBS) --target fuzz_article fuzz_style fuzz_import fuzz_render fuzz_image inkstone_make_figures
	FUZZ_SEED=$(FUZZ_SEED) bash fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) build-asan build-fuzz out
