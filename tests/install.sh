#!/usr/bin/env bash
# install.sh: `cmake --install` into a fresh prefix (issue 17, point 3). The executable, its data
# (styles, the edition dictionaries, the fonts configuration), the library with its public
# header, the CMake package and the pkg-config file, the man page and bash completion are where
# they belong; the installed executable reads the installed styles (a change made to one shows);
# a tiny program builds against the package with find_package(inkstone) and with pkg-config, and
# renders a sample; the completion completes subcommands and options.
#
#   bash tests/install.sh build/inkstone
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

check() {
    local d=$1
    shift
    if "$@" > "$WORK/out" 2>&1; then pass "$d"; else fail "$d"; detail "$(tail -12 "$WORK/out")"; fi
}
build=$(dirname "$BIN")
prefix=$WORK/prefix
cmake --install "$build" --prefix "$prefix" > "$WORK/install.log"
check "cmake --install puts every part under the prefix" bash -c "cd '$prefix' && ls bin/inkstone share/inkstone/styles/briefing.yaml \
    share/inkstone/styles/vertical.yaml share/inkstone/styles/dictionaries/zh-editions.yaml share/inkstone/fonts/fonts.conf \
    lib/libinkstone.a include/inkstone/inkstone.h include/inkstone/diagnostics.h lib/cmake/inkstone/inkstoneConfig.cmake \
    lib/cmake/inkstone/inkstoneConfigVersion.cmake lib/cmake/inkstone/inkstoneTargets.cmake lib/pkgconfig/inkstone.pc \
    share/bash-completion/completions/inkstone"
if command -v scdoc > /dev/null; then
    check "the man page (scdoc), readable by man" bash -c "man -l '$prefix/share/man/man1/inkstone.1' 2>/dev/null | grep -q 'EXIT STATUS'"
else
    fail "scdoc is not installed: no man page (scripts/install-deps.sh installs it)"
fi

# The installed executable reads the installed data: a change to the installed briefing style
# shows in what it renders (run from elsewhere, INKSTONE_DATA_DIR unset).
sed -i 's/^publication: .*/publication: Installed Prefix Institute/' "$prefix/share/inkstone/styles/briefing.yaml"
cp "$ROOT/samples/en-mekong-water.md" "$WORK/article.md"
(cd "$WORK" && env -u INKSTONE_DATA_DIR "$prefix/bin/inkstone" render article.md -o installed.pdf 2> "$WORK/err")
check "the installed executable finds its styles beside itself (the changed style shows)" \
    bash -c "pdftotext '$WORK/installed.pdf' - | grep -q 'Installed Prefix Institute'"
check "...and renders without a warning" test ! -s "$WORK/err"

# A tiny program against the installed package (built with the sanitizers when the library was:
# make asan runs this suite too).
san=()
if grep -q '^INKSTONE_SANITIZE:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then san=(-fsanitize=address,undefined); fi
cmake -S "$ROOT/tests/install" -B "$WORK/app-build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS="${san[*]:-}" > "$WORK/app-cmake.log" 2>&1 &&
    cmake --build "$WORK/app-build" > "$WORK/app-build.log" 2>&1 || true
check "a program built with find_package(inkstone) and inkstone::inkstone" test -x "$WORK/app-build/app"
# A program of one's own is not beside the data: it reads the prefix it was configured with (here
# the prefix is another: cmake --install --prefix), or INKSTONE_DATA_DIR (pkg-config's datadir).
datadir=$(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --variable=datadir inkstone)
(cd "$WORK" && INKSTONE_DATA_DIR=$datadir "$WORK/app-build/app" article.md app.pdf > "$WORK/app.out" 2>&1) || true
check "...renders a sample through the public API, with the installed styles (INKSTONE_DATA_DIR=\$(pkg-config --variable=datadir inkstone))" \
    bash -c "grep -q 'pages' '$WORK/app.out' && pdftotext '$WORK/app.pdf' - | grep -q 'Installed Prefix Institute'"
flags=$(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs inkstone)
c++ -O1 "${san[@]}" -o "$WORK/app-pc" "$ROOT/tests/install/app.cpp" $flags > "$WORK/pc.log" 2>&1 || true
check "a program built with pkg-config --cflags --libs inkstone" test -x "$WORK/app-pc"
(cd "$WORK" && INKSTONE_DATA_DIR=$datadir "$WORK/app-pc" article.md app-pc.pdf > /dev/null 2>&1) || true
check "...renders too" bash -c "pdftotext '$WORK/app-pc.pdf' - | grep -q 'Rethinking Water Diplomacy'"

# Bash completion: subcommands, a subcommand's options, the edition's values, the installed styles.
completion=/usr/share/bash-completion/bash_completion
if [[ -r $completion ]]; then
    complete_words() {  # the completions of the words given (the last one being completed)
        PATH="$prefix/bin:$PATH" bash -c '
            source "$1"; source "$2"; shift 2
            COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
            _inkstone; printf "%s\n" "${COMPREPLY[@]}"' _ "$completion" "$prefix/share/bash-completion/completions/inkstone" "$@"
    }
    check "completion: subcommands (ba -> batch)" bash -c "[ \"\$(cd '$WORK' && $(declare -f complete_words); prefix='$prefix'; completion='$completion'; complete_words inkstone ba)\" = batch ]"
    check "completion: options (batch --sh -> --shard)" bash -c "cd '$WORK' && $(declare -f complete_words); prefix='$prefix'; completion='$completion'; complete_words inkstone batch --sh | grep -qx -- --shard"
    check "completion: --edition values and the installed styles (vertical)" \
        bash -c "cd '$WORK' && $(declare -f complete_words); prefix='$prefix'; completion='$completion';
                 complete_words inkstone render --edition zh-Hant- | grep -qx zh-Hant-TW && complete_words inkstone render --style ver | grep -qx vertical"
else
    fail "bash-completion is not installed (scripts/install-deps.sh installs it)"
fi
finish
