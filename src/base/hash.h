// FNV-1a 64: a small, fast hash that is the same on every machine (batch shards, page addresses).
#pragma once

#include <cstdint>
#include <string_view>

namespace inkstone {

inline uint64_t fnv1a64(std::string_view bytes) {
    uint64_t h = 14695981039346656037ull;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

}  // namespace inkstone
