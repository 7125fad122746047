// What keeps `inkstone serve` to its user and its folder: the access token, and paths confined to
// the root.
#pragma once

#include <optional>
#include <string>

namespace inkstone::serve {

// 32 random bytes (getrandom), as 64 hexadecimal digits.
std::string newToken();

// Whether `given` is `token`, in time that does not depend on where they differ.
bool sameToken(const std::string& given, const std::string& token);

// The file `relative` names under `root` (an absolute, canonical folder), or nothing when it
// would leave it: an absolute path, a ".." part, or a symbolic link (anywhere along it) that
// leads out. `why` says which.
std::optional<std::string> underRoot(const std::string& root, const std::string& relative, std::string& why);

}  // namespace inkstone::serve
