// Document dates: the creation date of an output comes from SOURCE_DATE_EPOCH when set (the
// reproducible-builds convention), else from the article's or volume's date, else none.
#pragma once

#include <ctime>
#include <optional>
#include <tuple>
#include <string>

namespace inkstone {

// SOURCE_DATE_EPOCH as seconds; nullopt when unset; a UserError when it is not a number.
std::optional<std::time_t> sourceDateEpoch();

// "YYYY-MM-DDTHH:MM:SS" (UTC).
std::string isoDateTime(std::time_t t);
std::string isoDateTime(int year, int month, int day);  // midnight

// SOURCE_DATE_EPOCH if set, else the given calendar date at midnight, else "".
std::string creationDate(std::optional<std::tuple<int, int, int>> ymd);

}  // namespace inkstone
