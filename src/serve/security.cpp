#include "serve/security.h"

#include <sys/random.h>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace inkstone::serve {
namespace fs = std::filesystem;

std::string newToken() {
    unsigned char bytes[32];
    size_t got = 0;
    while (got < sizeof bytes) {
        const ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
        if (n < 0) throw std::runtime_error("no random bytes for the access token");
        got += static_cast<size_t>(n);
    }
    static const char hex[] = "0123456789abcdef";
    std::string t;
    for (unsigned char b : bytes) {
        t += hex[b >> 4];
        t += hex[b & 15];
    }
    return t;
}

bool sameToken(const std::string& given, const std::string& token) {
    if (given.size() != token.size()) return false;
    unsigned char diff = 0;
    for (size_t i = 0; i < token.size(); ++i) diff |= static_cast<unsigned char>(given[i] ^ token[i]);
    return diff == 0;
}

std::optional<std::string> underRoot(const std::string& root, const std::string& relative, std::string& why) {
    if (relative.empty()) {
        why = "no path given";
        return std::nullopt;
    }
    const fs::path rel(relative);
    if (rel.is_absolute()) {
        why = "an absolute path";
        return std::nullopt;
    }
    for (const auto& part : rel.lexically_normal())
        if (part == "..") {
            why = "a path that leaves the root";
            return std::nullopt;
        }
    // Symbolic links are followed as far as the path exists, and what they lead to must still be
    // under the root.
    std::error_code ec;
    const fs::path full = fs::weakly_canonical(fs::path(root) / rel, ec);
    if (ec) {
        why = "a path that cannot be resolved";
        return std::nullopt;
    }
    const std::string f = full.string(), r = root.ends_with('/') ? root : root + "/";
    if (f.compare(0, r.size(), r) != 0) {
        why = "a path that leads out of the root";
        return std::nullopt;
    }
    return f;
}

}  // namespace inkstone::serve
