// `inkstone serve` (issue 18): a local web application for publication staff: import a saved page,
// correct what the importer guessed, preview the pages, save the article, download the PDF.
// A front end like the command line: it uses the library's public API (include/inkstone/).
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace inkstone::serve {

struct Options {
    std::string root = ".";           // every file read or written is under it
    int port = 8470;                  // 0: a free port
    std::string listen = "127.0.0.1"; // the address bound (loopback unless told otherwise)
    size_t maxUpload = 32u << 20;     // bytes of one request's body
};

// Serves until the run is interrupted (handleInterrupts()). `onReady` gets the address with the
// access token (http://127.0.0.1:PORT/?token=...) once the port is bound. UserError when the root
// is not a folder or the port cannot be bound.
void run(const Options& options, const std::function<void(const std::string& url)>& onReady);

}  // namespace inkstone::serve
