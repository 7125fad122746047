// The assembler's state (assemble.cpp: markup fields, the head, title, date, section and subtitle;
// assemble_body.cpp: the body, the tail and the last fields), private to those two files. One
// Assembly holds what its stages share, and assemble() runs them in order (page.h).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "import/page.h"

namespace inkstone::import::assembly {

using Tag = PageBlock::Tag;

inline bool isCjkText(const Features& f) { return f.han * 2 > f.chars; }

// Text without spaces and punctuation, for comparing a candidate with <title>.
std::u32string squeeze(const std::string& s);

struct Para {
    Block::Kind kind = Block::Paragraph;
    std::string text;  // plain (text pages) or Markdown (HTML)
    std::string plain;
    std::string attribution;
    int line = 0;
    int sourceLines = 1;
    size_t block = 0;
    bool markdown = false;  // text already Markdown (HTML)
};

struct Candidate {
    size_t i;
    double score = 0;
    std::string why;
};

// What the title's candidates are scored against (scoreTitles).
struct TitleContext {
    size_t lastInfo = SIZE_MAX;    // the last info line before the body region
    std::string textLang;          // the text's language
    std::vector<size_t> keptBefore;  // kept (not removed) blocks before each index
};

struct Assembly {
    Assembly(const std::string& path, const SegmentedPage& page, Classification& cls, DiagnosticSink& sink)
        : path(path), page(page), sink(sink), blocks(page.blocks), cb(cls.blocks), begin(cls.bodyBegin),
          end(cls.bodyEnd) {}

    const std::string& path;
    const SegmentedPage& page;
    DiagnosticSink& sink;
    const std::vector<PageBlock>& blocks;
    std::vector<Classified>& cb;
    const size_t begin, end;  // the body region
    ImportedArticle a;

    // 1. Markup fields (assemble.cpp).
    std::string crumbSection;
    std::vector<std::string> crumbParts;
    std::vector<size_t> titleTags;
    // 2. The head.
    std::vector<Candidate> candidates;
    std::string labelSection, kickerSection;
    std::vector<std::pair<size_t, model::Date>> headDates;  // dates in the head, by block
    size_t headEnd = 0;
    std::string pageTitle;
    size_t titleAt = SIZE_MAX;
    double best = -1e9;
    size_t sectionAt = SIZE_MAX;
    size_t firstBody = 0;
    // 3. The body (assemble_body.cpp).
    std::vector<Para> paras;

    void remove(size_t i, const std::string& role, const std::string& why = {});
    std::string meta(std::initializer_list<const char*> keys) const;

    // assemble.cpp
    void markupFields();
    void bylineElement(size_t i);
    void readHead();
    void headDateLine(size_t i);
    bool headByline(size_t i);
    void namePosition(size_t i);
    bool headNames(size_t& i);
    bool infoRole(size_t k) const;
    size_t nextKept(size_t k) const;
    TitleContext titleContext() const;
    void scoreTitle(Candidate& c, const TitleContext& ctx) const;
    void chooseTitle();
    void chooseDate();
    bool publisherName(size_t at) const;
    bool sectionLabel(size_t k) const;
    std::string markedSection();
    std::string labelOverTitle();
    void chooseSection();
    void chooseSubtitle();
    void openBody();

    // assemble_body.cpp
    void readBody();
    Para paraOf(size_t i) const;
    void joinAcrossBreak(Para& into, size_t i);
    void fixSubheadings();
    void cutGluedChrome();
    void fusedByline();
    void datelineFields();
    void titleFromText();
    void standfirst();
    void readTail();
    void detectLang();
    void bioFromText();
    void positionsFromNote();
    void bodyBlocks();
    void htmlFields();
    void finish();
};

}  // namespace inkstone::import::assembly
