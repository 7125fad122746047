#include "base/diagnostics.h"

#include <cstdio>

namespace inkstone {

std::string formatDiagnostic(const Diagnostic& d) {
    std::string out = d.file.empty() ? std::string("inkstone") : d.file;
    if (d.pos.line > 0) {
        out += ':' + std::to_string(d.pos.line);
        out += ':' + std::to_string(d.pos.col > 0 ? d.pos.col : 1);
    }
    out += d.severity == Severity::Error ? ": error: " : ": warning: ";
    out += d.message;
    if (!d.hint.empty()) out += "\n  hint: " + d.hint;
    return out;
}

void DiagnosticSink::warn(const std::string& file, SourcePos pos, std::string message) {
    report(Diagnostic{Severity::Warning, file, pos, std::move(message), {}});
}

void DiagnosticSink::report(Diagnostic d) {
    if (echo_) std::fprintf(stderr, "%s\n", formatDiagnostic(d).c_str());
    items_.push_back(std::move(d));
}

UserError::UserError(Diagnostic d) : std::runtime_error(formatDiagnostic(d)), diag_(std::move(d)) {}

void failAt(const std::string& file, SourcePos pos, std::string message, std::string hint) {
    throw UserError(Diagnostic{Severity::Error, file, pos, std::move(message), std::move(hint)});
}

}  // namespace inkstone
