#include "base/dates.h"

#include <cstdio>
#include <cstdlib>
#include <tuple>

#include "base/diagnostics.h"

namespace inkstone {

std::optional<std::time_t> sourceDateEpoch() {
    const char* s = std::getenv("SOURCE_DATE_EPOCH");
    if (!s || !*s) return std::nullopt;
    char* end = nullptr;
    long long v = std::strtoll(s, &end, 10);
    if (*end != 0 || v < 0) failAt("SOURCE_DATE_EPOCH", {}, std::string("not a number of seconds: '") + s + "'");
    return static_cast<std::time_t>(v);
}

std::string isoDateTime(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    return buf;
}

std::string isoDateTime(int year, int month, int day) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT00:00:00", year, month, day);
    return buf;
}

std::string creationDate(std::optional<std::tuple<int, int, int>> ymd) {
    if (auto sde = sourceDateEpoch()) return isoDateTime(*sde);
    if (ymd) return isoDateTime(std::get<0>(*ymd), std::get<1>(*ymd), std::get<2>(*ymd));
    return {};
}

}  // namespace inkstone
