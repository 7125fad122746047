// Diagnostics: what a user can cause (bad input) is reported as file:line:col: severity: message.
// In: positions and messages from every stage. Out: formatted lines on stderr, or a list tests can
// inspect. Fatal user errors are thrown as UserError and turned into exit code 2 by the CLI.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace inkstone {

// A position in a source file, 1-based. line == 0 means "whole file" (no position known).
struct SourcePos {
    int line = 0;
    int col = 0;
};

enum class Severity { Warning, Error };

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string file;
    SourcePos pos;
    std::string message;
    std::string hint;  // optional second line ("did you mean ...")
};

// "file:line:col: error: message" (line/col omitted when unknown), plus "  hint: ..." when set.
std::string formatDiagnostic(const Diagnostic& d);

// Collects warnings. By default they are also printed to stderr as they arrive.
class DiagnosticSink {
public:
    explicit DiagnosticSink(bool echo = true) : echo_(echo) {}
    void warn(const std::string& file, SourcePos pos, std::string message);
    void report(Diagnostic d);
    const std::vector<Diagnostic>& all() const { return items_; }
    bool empty() const { return items_.empty(); }

private:
    bool echo_;
    std::vector<Diagnostic> items_;
};

// A fatal error the user caused (bad input); carries the diagnostic to print.
class UserError : public std::runtime_error {
public:
    explicit UserError(Diagnostic d);
    const Diagnostic& diagnostic() const { return diag_; }

private:
    Diagnostic diag_;
};

// Thrown when a signal interrupted the run (handleInterrupts() in inkstone.h): the work in
// progress was abandoned and wrote nothing.
class Interrupted : public std::runtime_error {
public:
    explicit Interrupted(int sig);
    int signal() const { return sig_; }

private:
    int sig_;
};

[[noreturn]] void failAt(const std::string& file, SourcePos pos, std::string message, std::string hint = {});

}  // namespace inkstone
