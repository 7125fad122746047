// Interrupted runs (SIGINT, SIGTERM, SIGHUP) leave nothing half-written.
//
// Every output is written to a temporary file beside its target and renamed over it at the end
// (render/render.h). The temporary files live in one registry here. Once install() has run, a
// signal is taken by a watcher thread (the handler only wakes it through a pipe), which
//   1. marks the run interrupted and removes every registered temporary file at once,
//   2. refuses new temporary files and renames from then on (both throw Interrupted), so no
//      output can appear or change after the signal,
//   3. lets the run stop at its next checkpoint() (Interrupted unwinds it like an error; a batch
//      records its unfinished articles and reports the finished ones), and
//   4. on a second signal, or if the run has not stopped within kGraceSeconds, removes the
//      temporary files again and ends the process by the signal itself.
// Without install() (the library used by another program, the tests, the fuzz targets) the
// registry still works and checkpoint() never throws.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "inkstone/diagnostics.h"

namespace inkstone::interrupt {

inline constexpr int kGraceSeconds = 2;

// Installs the handlers (once; signals ignored by the parent stay ignored) and starts the watcher.
void install();

// The signal that interrupted the run, or 0.
int signal();

// Throws Interrupted once the run is interrupted. Cheap (one atomic load): called per block laid
// out, per page drawn and per article.
void checkpoint();

// A new empty temporary file for `target` (".NAME.XXXXXX" in the target's folder, so the rename
// stays within one file system), registered for removal. Throws UserError when it cannot be made,
// Interrupted once the run is interrupted unless `afterInterrupt` (the report of an interrupted
// batch, written as the run ends).
std::string createTemp(const std::string& target, bool afterInterrupt = false);

// Renames each temporary file over its target and forgets it; interrupted before, none is renamed
// (the temporary files are removed and Interrupted thrown). Throws UserError when a rename fails
// (the renames before it stay made; the other temporary files are removed).
void commit(const std::vector<std::pair<std::string, std::string>>& tempToTarget, bool afterInterrupt = false);

// Removes a temporary file (if still there) and forgets it.
void discard(const std::string& temp);

// A descriptor that becomes readable once the run is interrupted (for a loop that waits on
// poll(): `inkstone watch`); -1 when it cannot be made.
int wakeFd();

// A test hook: with INKSTONE_TEST_STALL_MS set, sleeps that long, deaf to interrupts (a write
// stuck on a slow disk), so that tests can reach the grace time and a second signal. Called by
// writeFileAtomic between making its temporary file and writing it.
void stallForTests();

// What the watcher does on a signal (steps 1 and 2): for tests, which must not send real signals.
void request(int sig);
// Forgets an interruption (tests only).
void resetForTests();
// How many temporary files are registered (tests only).
size_t pendingForTests();

}  // namespace inkstone::interrupt
