// Figures in our writer: one XObject per figure file, written when the document is finished
// (each file once, however many pages draw it), and the matrix a page draws it through.
//   PNG   without transparency: an image XObject whose stream is the IDAT data as they are
//         (/FlateDecode with the PNG predictors, a palette as /Indexed), checked, never re-encoded;
//         with an alpha channel or tRNS, or interlaced: its RGB samples, with an /SMask when any
//         pixel is not opaque
//   JPEG  an image XObject whose stream is the file's bytes (/DCTDecode, no re-encoding); the
//         colour space from the component count; Adobe CMYK with /Decode [1 0 1 0 1 0 1 0];
//         EXIF orientation by the drawing matrix, the stream unchanged; CMYK decoded into RGB
//         samples for PDF/A (FigureOptions::rgbOnly)
//   PDF   the page as a form XObject (pdf_import.cpp); redrawn by poppler into a PDF of Cairo's
//         first when it uses fonts it does not embed (Cairo embeds the substitutes)
//   SVG   drawn by librsvg into a one-page PDF (Cairo), then placed as a PDF figure
// Every XObject maps its unit square onto the figure as seen: a page draws any kind the same way.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "render/pdf_syntax.h"

namespace inkstone::render::pdf {

// The figures of a document (resource name -> file), made ready from construction on, on threads
// of their own (up to one a core), while the caller goes on (our writer subsets its fonts
// meanwhile): each file read, checked, decoded and compressed where it must be, an SVG drawn into
// a PDF; the objects are written by `write`, in name order, so the bytes never depend on the threads.
struct FigureOptions {
    bool rgbOnly = false;  // PDF/A with an sRGB output intent: CMYK JPEGs stored as RGB samples
};

class FigureJobs {
public:
    explicit FigureJobs(const std::map<std::string, std::string>& figures, const FigureOptions& options = {});
    ~FigureJobs();  // waits for the threads
    FigureJobs(const FigureJobs&) = delete;
    FigureJobs& operator=(const FigureJobs&) = delete;

    // Writes an XObject for each figure and returns the entries of the /XObject resource
    // dictionary. The first file (in name order) that cannot be read or drawn any more (changed
    // since layout checked it) is a UserError naming it.
    std::string write(ObjectFile& w);

private:
    struct State;
    std::unique_ptr<State> state_;
};

// FigureJobs(figures).write(w).
std::string writeFigures(ObjectFile& w, const std::map<std::string, std::string>& figures, const FigureOptions& options = {});

// The EXIF orientation of a JPEG file (its header is read), 1 for anything else.
int orientationOf(const std::string& file);

// The matrix (a b c d e f, PDF user space) that draws a figure of EXIF `orientation` into the
// rectangle with lower left corner (x, y).
void figureMatrix(int orientation, double x, double y, double width, double height, double out[6]);

// The only page of the PDF in `path` (or, when `bytes` is given, in those bytes) as a form
// XObject whose /Matrix maps its crop box, turned by /Rotate, onto the unit square; every object
// it refers to is copied with new numbers (streams as they are, filters kept). Returns its
// number; 0 with the reason (continuing "image 'NAME' ...") when the file cannot be placed.
int importPdfPage(ObjectFile& w, const std::string& path, const std::string* bytes, std::string& why);

}  // namespace inkstone::render::pdf
