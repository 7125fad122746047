// Joining PDF files that Cairo wrote in parallel (parts of one volume) into the first one.
//
// A part's objects are renumbered past the first file's and appended by the finishing update
// (cairo_painter.cpp), which also writes one page tree and one name tree of destinations for all
// parts. Only what Cairo 1.16 writes needs to be understood: a classic cross-reference table, no
// object streams, objects as "N 0 obj ... endobj".
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace inkstone::render {

// Adds `offset` to the object number of every indirect reference ("N G R") in `body`, except those
// listed in `replace` (old number -> new number). Strings, names, comments and stream data are
// copied unchanged.
std::string renumberReferences(std::string_view body, int offset, const std::map<int, int>& replace = {});

struct MergedPart {
    // Objects to append, renumbered: number and content (what stands between "N 0 obj" and
    // "endobj"). The part's catalog, information dictionary, page tree root and destination tree
    // are left out; its pages point at `parentPages`.
    std::vector<std::pair<int, std::string>> objects;
    std::vector<int> pages;                                   // the part's pages, renumbered, in order
    std::vector<std::pair<std::string, std::string>> dests;   // named destinations: PDF string, array
    int nextNumber = 0;                                       // first object number not used
};

// Reads part `file` (written by Cairo) for appending to a file whose objects use numbers below
// `firstNumber` and whose page tree root is object `parentPages`. Throws std::runtime_error when
// the file is not as Cairo writes it.
MergedPart readPart(const std::string& file, int firstNumber, int parentPages);

}  // namespace inkstone::render
