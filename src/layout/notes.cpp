// Notes: footnotes and link addresses, numbered as printed, set at the foot of the column of
// their first reference or at the article's end (issue 13, points 4 and 5); and the end matter.
#include <algorithm>
#include <cstdlib>

#include "base/utf8.h"
#include "layout/article_builder.h"

namespace inkstone::layout::detail {

std::string Builder::noteMarker(const char* key, int number) const {
    std::string t = st_.label(key, doc_.meta.lang);
    if (t.empty()) t = "{n}";
    return replaceAll(t, "{n}", std::to_string(number));
}

namespace {

std::string trim(const std::string& s) {
    const size_t a = s.find_first_not_of(" \t\n"), z = s.find_last_not_of(" \t\n");
    return a == std::string::npos ? std::string() : s.substr(a, z - a + 1);
}

// What a reader sees of an address: without the scheme for the web and mail, without a final '/'.
std::string shownAddress(std::string url) {
    for (const char* scheme : {"https://", "http://", "mailto:"})
        if (url.rfind(scheme, 0) == 0) url = url.substr(std::string(scheme).size());
    if (url.rfind("www.", 0) == 0) url = url.substr(4);
    while (!url.empty() && url.back() == '/') url.pop_back();
    return url;
}

}  // namespace

std::vector<model::TextRun> Builder::noteRuns(const std::vector<model::TextRun>& runs, std::vector<int>& refs) {
    std::vector<model::TextRun> out;
    out.reserve(runs.size());
    refs.clear();
    const bool addresses = st_.notes.linkAddresses && inNote_ == 0;
    for (size_t i = 0; i < runs.size(); ++i) {
        const model::TextRun& r = runs[i];
        if ((r.flags & model::kSuperscript) && r.link.rfind("#fn-", 0) == 0) {
            const int n = std::atoi(r.link.c_str() + 4);
            auto fn = std::find_if(doc_.footnotes.begin(), doc_.footnotes.end(),
                                   [&](const model::Footnote& f) { return f.number == n; });
            if (fn != doc_.footnotes.end()) {
                auto [it, added] = noteOfFootnote_.emplace(n, notes_.size());
                if (added) notes_.push_back(NoteEntry{static_cast<int>(notes_.size()) + 1, &*fn, {}, fn->pos, false});
                model::TextRun ref = r;
                ref.text = noteMarker("note-reference", notes_[it->second].number);
                out.push_back(std::move(ref));
                refs.push_back(static_cast<int>(it->second));
                continue;
            }
        }
        out.push_back(r);
        refs.push_back(-1);
        // A link's address as a note for paper readers, after the link's last run, unless the
        // text is the address already.
        if (!addresses || r.link.empty() || r.link[0] == '#' || (i + 1 < runs.size() && runs[i + 1].link == r.link)) continue;
        std::string text;
        for (size_t j = i + 1; j-- > 0 && runs[j].link == r.link;) text = runs[j].text + text;
        if (shownAddress(trim(text)) == shownAddress(r.link)) continue;
        auto [it, added] = noteOfUrl_.emplace(r.link, notes_.size());
        if (added) notes_.push_back(NoteEntry{static_cast<int>(notes_.size()) + 1, nullptr, r.link, r.pos, false});
        const int number = notes_[it->second].number;
        out.push_back(model::TextRun{noteMarker("note-reference", number), model::kSuperscript,
                                     "#fnl-" + std::to_string(number), r.pos, r.lang});
        refs.push_back(static_cast<int>(it->second));
    }
    return out;
}

std::vector<FlowBox> Builder::noteLines(size_t index, double width) {
    const NoteEntry e = notes_[index];  // (laying it out may add notes)
    const TextStyle& ts = st_.element("footnote");
    std::vector<FlowBox> lines;
    ++inNote_;
    {
        const Scope note(*this, Role::Note, e.pos);
        ParaOptions first;
        first.indentLeft = footNotes() ? 2 * ts.fontSize : st_.listIndent;
        first.markerNode = leaf(Role::Lbl, e.pos);
        first.marker = noteMarker("note-label", e.number);
        first.dest = prefix_ + (e.note ? "fn-" + std::to_string(e.note->number) : "fnl-" + std::to_string(e.number));
        if (e.note) {
            bool isFirst = true;
            for (const Block& blk : e.note->blocks) {
                if (blk.kind == BlockKind::Paragraph) {
                    const Scope para(*this, Role::P, blk.pos);
                    ParaOptions o;
                    o.indentLeft = first.indentLeft;
                    append(lines, paragraph(blk.runs, ts, width, isFirst ? first : o));
                } else {
                    layoutBlocks({blk}, lines, width, &ts, first.indentLeft, false);
                }
                isFirst = false;
            }
        } else {
            const Scope para(*this, Role::P, e.pos);
            append(lines, paragraph({model::TextRun{e.url, 0, e.url, e.pos, doc_.meta.lang}}, ts, width, first));
        }
    }
    --inNote_;
    // Notes referred to inside this one follow it.
    std::vector<FlowBox> flat;
    for (FlowBox& b : lines) {
        std::vector<FlowBox> nested = std::move(b.notes);
        b.notes.clear();
        flat.push_back(std::move(b));
        append(flat, std::move(nested));
    }
    return flat;
}

std::vector<FlowBox> Builder::notesAndBio(double width) {
    std::vector<FlowBox> out;
    const Lang& lang = doc_.meta.lang;
    // Notes no line carried to a page foot (endnotes, or foot notes whose reference was not set
    // in the text), in the order printed; footnotes never referred to come last.
    for (const model::Footnote& fn : doc_.footnotes)
        if (!noteOfFootnote_.count(fn.number)) {
            noteOfFootnote_[fn.number] = notes_.size();
            notes_.push_back(NoteEntry{static_cast<int>(notes_.size()) + 1, &fn, {}, fn.pos, false});
        }
    std::vector<FlowBox> endNotes;
    for (size_t i = 0; i < notes_.size(); ++i) {  // (a note may add notes it refers to)
        if (notes_[i].set) continue;
        notes_[i].set = true;
        append(endNotes, noteLines(i, width));
    }
    if (!endNotes.empty()) {
        const TextStyle& label = st_.element("notes-label");
        std::vector<FlowBox> lb;
        {
            const Scope heading(*this, Role::H2);
            lb = paragraph(plainRuns(st_.label("notes", lang), {}), label, width, {});
        }
        for (auto& b : lb) b.keepWithNext = true;
        append(out, std::move(lb));
        append(out, std::move(endNotes));
    }
    if (!doc_.meta.bio.empty()) {
        const TextStyle& label = st_.element("bio-label");
        const TextStyle& ts = st_.element("bio");
        std::vector<FlowBox> lb;
        {
            const Scope heading(*this, Role::H2);
            lb = paragraph(plainRuns(st_.label(doc_.meta.authors.size() > 1 ? "about-authors" : "about-author", lang), {}),
                           label, width, {});
        }
        for (auto& b : lb) b.keepWithNext = true;
        if (label.ruleAbove > 0 && !lb.empty()) {
            lb.front().items.push_back(RuleItem{0, -label.rulePadding, width, label.ruleAbove, label.ruleColor, {-1, Artifact::Rule}});
        }
        append(out, std::move(lb));
        // Blank lines separate the bio's paragraphs; single newlines join (without a space in Chinese).
        std::string bio = doc_.meta.bio;
        size_t start = 0;
        int line = doc_.meta.bioPos.line;
        while (start < bio.size()) {
            size_t end = bio.find("\n\n", start);
            std::string para = bio.substr(start, end == std::string::npos ? std::string::npos : end - start);
            para = replaceAll(para, "\n", chinese_ ? "" : " ");
            if (!para.empty()) {
                const Scope node(*this, Role::P, {line, 1});
                append(out, paragraph(plainRuns(para, {line, 1}), ts, width, {}));
            }
            if (end == std::string::npos) break;
            start = end + 2;
        }
    }
    // The end matter comes after the article's last figure.
    if (!out.empty()) out.front().barrier = true;
    return out;
}

}  // namespace inkstone::layout::detail
