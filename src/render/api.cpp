// The public API: the whole pipeline for one article (parse -> style -> layout -> render).
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "base/dates.h"
#include "inkstone/inkstone.h"
#include "layout/article.h"
#include "parse/article.h"
#include "base/timing.h"
#include "render/render.h"
#include "style/style.h"
#include "render/api_internal.h"
#include "edition/edition.h"
#include "text/engine.h"

namespace inkstone {
namespace fs = std::filesystem;

const char* version() { return INKSTONE_VERSION; }

void writeTextFile(const std::string& path, const std::string& content) { render::writeFileAtomic(path, content); }

std::vector<std::string> styleNames() {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(style::dataDir() + "/styles", ec))
        if (e.path().extension() == ".yaml") names.push_back(e.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

namespace {


std::string replaceExtension(const std::string& input, const std::string& ext) {
    if (input == "-") return "-";
    fs::path p(input);
    p.replace_extension(ext);
    return p.string();
}

}  // namespace

RenderResult renderArticle(const RenderRequest& req, DiagnosticSink& sink) {
    std::optional<text::TextEngine> engine;
    {
        StageTimer t("font setup");
        engine.emplace();
    }
    return renderArticleWith(*engine, req, sink);
}

RenderResult renderArticleWith(text::TextEngine& engine, const RenderRequest& req, DiagnosticSink& sink,
                               const PreparedEdition* given, edition::Review* givenReview) {
    const PreparedEdition own = given ? PreparedEdition{} : prepareEdition(req.edition);
    const PreparedEdition& edition = given ? *given : own;
    StageTimer stage("parse");
    model::Document doc = req.source ? parse::parseArticle(*req.source, req.input, sink) : parse::loadArticle(req.input, sink);
    stage.next("style");
    if (!req.lang.empty()) {
        const std::optional<Lang> l = Lang::parse(req.lang);
        if (!l) failAt("--lang", {}, "unsupported lang '" + req.lang + "': use en, zh-Hans, zh-Hant or zh-Hant-HK");
        parse::setLanguage(doc, *l);
    }
    style::Style st;
    if (!req.style.empty()) {
        st = style::loadStyle(req.style);
    } else if (!doc.meta.style.empty()) {
        try {
            st = style::loadStyle(doc.meta.style, req.input == "-" ? std::string() : req.input);
        } catch (const UserError& e) {
            // Point at the front matter line that named the style.
            Diagnostic d = e.diagnostic();
            if (d.file == doc.meta.style) {
                d.file = doc.path;
                d.pos = doc.meta.stylePos;
            }
            throw UserError(d);
        }
    } else {
        st = style::loadStyle("briefing");
    }

    applyPdfOverrides(st, req.pdf);
    // The edition, with the style's quotation marks.
    edition::Review review;
    const PreparedEdition styled = withStyle(edition, st);
    applyEdition(doc, styled, !edition.review ? nullptr : givenReview ? givenReview : &review);
    if (!given) warnUnusedEntries(edition, sink);

    stage.next("layout");
    layout::LayoutOptions opts;
    opts.createDate = sourceDateEpoch();
    layout::PagedDocument paged = layout::layoutArticle(doc, st, engine, sink, opts);
    stage.stop();

    if (!given) writeReview(req.edition, edition, {review});
    RenderResult result;
    result.pages = static_cast<int>(paged.pages.size());
    switch (req.format) {
        case OutputFormat::Pdf: {
            std::string out = req.output.empty() ? replaceExtension(req.input, ".pdf") : req.output;
            render::writePdf(paged, out);
            result.files.push_back(out);
            break;
        }
        case OutputFormat::Png: {
            std::string out = req.output.empty() ? replaceExtension(req.input, ".png") : req.output;
            if (out == "-") failAt("-o", {}, "PNG output writes one file per page; give a file name, not '-'");
            fs::path p(out);
            if (p.extension() == ".png") p.replace_extension();
            result.files = render::writePngs(paged, p.string(), req.dpi, req.firstPage, req.lastPage);
            break;
        }
        case OutputFormat::Layout: {
            std::string out = req.output.empty() ? replaceExtension(req.input, ".layout") : req.output;
            render::writeFileAtomic(out, render::dumpLayout(paged));
            result.files.push_back(out);
            break;
        }
    }
    return result;
}

PreparedEdition prepareEdition(const EditionRequest& e) {
    PreparedEdition p;
    if (e.target.empty()) {
        if (!e.dictionary.empty()) failAt("--dictionary", {}, "a dictionary needs an edition (--edition)");
        if (!e.report.empty()) failAt("--edition-report", {}, "a review report needs an edition (--edition)");
        return p;
    }
    const std::optional<edition::Target> t = edition::parseTarget(e.target);
    if (!t) failAt("--edition", {}, "unknown edition '" + e.target + "': use zh-Hans, zh-Hant, zh-Hant-TW or zh-Hant-HK");
    p.active = true;
    p.review = !e.report.empty();
    p.options.target = *t;
    p.options.phrases = e.phrases;
    p.loading = edition::preload(p.options);
    if (!e.dictionary.empty()) addDictionary(p, e.dictionary);
    return p;
}

void addDictionary(PreparedEdition& e, const std::string& path) {
    std::shared_ptr<const edition::Dictionary> d = edition::Dictionary::load(path);
    e.options.dictionaries.push_back(d);
    e.reported.push_back(std::move(d));
}

PreparedEdition withStyle(const PreparedEdition& e, const style::Style& st) {
    PreparedEdition s = e;
    s.options.quotes = st.edition.quotes;
    if (e.active)
        for (auto it = st.edition.dictionaries.rbegin(); it != st.edition.dictionaries.rend(); ++it)
            s.options.dictionaries.push_back(edition::Dictionary::shared(*it));
    return s;
}

void applyEdition(model::Document& doc, const PreparedEdition& e, edition::Review* review) {
    if (e.active) edition::convert(doc, e.options, review);
}

void writeReview(const EditionRequest& request, const PreparedEdition& e, const std::vector<edition::Review>& reviews) {
    if (request.report.empty() || !e.active) return;
    render::writeFileAtomic(request.report, edition::reviewReport(reviews, e.options.target, request.report));
}

void applyEdition(parse::Volume& vol, const PreparedEdition& e) {
    if (e.active) edition::convertVolume(vol, e.options);
}

void warnUnusedEntries(const PreparedEdition& e, DiagnosticSink& sink) {
    for (const auto& d : e.reported)
        for (const auto& [phrase, pos] : d->unused(e.options.target))
            sink.warn(d->path(), pos, "the dictionary's '" + phrase + "' matched no text of this edition");
}

void applyPdfOverrides(style::Style& st, const PdfOverrides& overrides) {
    if (overrides.tagged) st.pdf.tagged = *overrides.tagged;
    if (overrides.standard)
        st.pdf.pdfa = *overrides.standard == PdfStandard::A2b   ? style::PdfA::A2b
                      : *overrides.standard == PdfStandard::A2u ? style::PdfA::A2u
                                                                : style::PdfA::None;
}

std::string fontReport(const std::string& styleName, const std::string& lang) {
    style::Style st = style::loadStyle(styleName.empty() ? "briefing" : styleName);
    text::TextEngine engine;
    std::string out;
    std::vector<Lang> langs = {Lang(Lang::Script::Hans), Lang(Lang::Script::Hant), Lang(Lang::Script::Hant, Lang::Region::HK)};
    if (!lang.empty()) {
        const std::optional<Lang> l = Lang::parse(lang);
        if (!l) failAt("--lang", {}, "unsupported lang '" + lang + "'");
        langs = {*l};
    }
    for (const auto& [setName, set] : st.fonts) {
        out += setName + " latin: " + engine.resolveFace(set.latin, "en") + "\n";
        for (const Lang& l : langs) {
            if (!l.chinese()) continue;
            out += setName + " " + l.tag() + ": " + engine.resolveFace(set.forLang(l), l.tag()) + "\n";
        }
    }
    return out;
}

}  // namespace inkstone
