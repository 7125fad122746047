// Library-internal entry points behind the public API (drivers that keep one TextEngine per
// worker thread use these).
#pragma once

#include "inkstone/inkstone.h"
#include "edition/edition.h"
#include "model/document.h"
#include "parse/volume.h"
#include "style/style.h"
#include "text/engine.h"

namespace inkstone {
namespace driver {
struct VolumeCache;
}

// compileVolume keeping article layouts in `cache` between calls (`inkstone watch`): an article
// none of whose files changed since (VolumeCache::forget) is not laid out again. Null: none kept.
CompileResult compileVolumeWith(const CompileRequest& request, DiagnosticSink& sink, driver::VolumeCache* cache);

// renderArticle with a caller-owned engine (one per thread: a PangoFontMap is not thread-safe).
// `edition`: made once for many articles (batch); null: made from the request's, and the
// dictionary's entries no text matched are warnings.
// `review`: with `edition`, where the article's review goes (the caller writes the report).
struct PreparedEdition;
RenderResult renderArticleWith(text::TextEngine& engine, const RenderRequest& request, DiagnosticSink& sink,
                               const PreparedEdition* edition = nullptr, edition::Review* review = nullptr);

// Sets what `overrides` sets of the style's `pdf:` section (layout copies it into DocInfo).
void applyPdfOverrides(style::Style& st, const PdfOverrides& overrides);

// An edition request checked and made ready: the target known, the dictionary read (UserError
// for an unknown edition or a bad dictionary). Inactive when no edition was asked for.
struct PreparedEdition {
    bool active = false;
    bool review = false;  // a review report was asked for
    edition::Options options;
    std::shared_future<void> loading;  // the converter opening meanwhile (edition::preload)
    // The dictionaries named for this run (command line, volume), whose entries that matched no
    // text are warnings; a style's, named for every article, are not reported.
    std::vector<std::shared_ptr<const edition::Dictionary>> reported;
};
PreparedEdition prepareEdition(const EditionRequest& edition);
// Adds a dictionary named for this run, under those added before (a volume's under the command line's).
void addDictionary(PreparedEdition& edition, const std::string& path);
// The edition as the style sets it: its quotation marks, its dictionaries under the run's.
PreparedEdition withStyle(const PreparedEdition& edition, const style::Style& st);
// Converts `doc` (or a volume's own fields) to the edition; nothing when it is inactive.
void applyEdition(model::Document& doc, const PreparedEdition& edition, edition::Review* review = nullptr);
// Writes the review report the request asks for (nothing when it asks for none).
void writeReview(const EditionRequest& request, const PreparedEdition& edition, const std::vector<edition::Review>& reviews);
void applyEdition(parse::Volume& vol, const PreparedEdition& edition);
// Warns of the dictionary's entries that no text matched (at their lines).
void warnUnusedEntries(const PreparedEdition& edition, DiagnosticSink& sink);

}  // namespace inkstone
