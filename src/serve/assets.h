// The web application's files (src/serve/assets/), compiled in by cmake/embed.cmake.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace inkstone::serve {

// File name ("app.js") -> content.
const std::map<std::string, std::string_view>& assets();

}  // namespace inkstone::serve
