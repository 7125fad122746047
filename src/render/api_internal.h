// Library-internal entry points behind the public API (drivers that keep one TextEngine per
// worker thread use these).
#pragma once

#include "inkstone/inkstone.h"
#include "model/document.h"
#include "parse/volume.h"
#include "style/style.h"
#include "text/engine.h"

namespace inkstone {

// renderArticle with a caller-owned engine (one per thread: a PangoFontMap is not thread-safe).
RenderResult renderArticleWith(text::TextEngine& engine, const RenderRequest& request, DiagnosticSink& sink);

// Sets what `overrides` sets of the style's `pdf:` section (layout copies it into DocInfo).
void applyPdfOverrides(style::Style& st, const PdfOverrides& overrides);

// Converts `doc` to the requested edition (nothing when none is); UserError for an unknown one.
void applyEdition(model::Document& doc, const EditionRequest& edition);
// The same for a volume's own fields.
void applyEdition(parse::Volume& vol, const EditionRequest& edition);

}  // namespace inkstone
