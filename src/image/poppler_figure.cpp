// PDF figures drawn with poppler (poppler-glib) for Cairo's painter: Cairo cannot place a foreign
// PDF page, and poppler draws one onto any Cairo context, as vectors and text on a PDF surface.
#include <cairo-pdf.h>
#include <poppler.h>

#include "image/vector.h"
#include "text/gobject_ptr.h"

namespace inkstone::image {

bool drawPdfPage(cairo_t* cr, const std::string& path, double width, double height, std::string& why) {
    GPtr<GFile> file(g_file_new_for_path(path.c_str()));
    GError* err = nullptr;
    GPtr<PopplerDocument> doc(poppler_document_new_from_gfile(file.get(), nullptr, nullptr, &err));
    if (!doc) {
        why = std::string("cannot be read as PDF: ") + (err && err->message ? err->message : "unknown error");
        if (err) g_error_free(err);
        return false;
    }
    if (poppler_document_get_n_pages(doc.get()) != 1) {
        why = "has " + std::to_string(poppler_document_get_n_pages(doc.get())) +
              " pages (a PDF figure must have one page)";
        return false;
    }
    GPtr<PopplerPage> page(poppler_document_get_page(doc.get(), 0));
    double w = 0, h = 0;  // the crop box as shown (turned by /Rotate)
    if (page) poppler_page_get_size(page.get(), &w, &h);
    if (!page || !(w > 0 && h > 0)) {
        why = "is a PDF whose page is empty";
        return false;
    }
    cairo_save(cr);
    cairo_rectangle(cr, 0, 0, width, height);
    cairo_clip(cr);
    cairo_scale(cr, width / w, height / h);
    // For printing: text is drawn with its characters (Cairo's PDF keeps it extractable), and
    // only the annotations meant for print.
    poppler_page_render_for_printing(page.get(), cr);
    cairo_restore(cr);
    return true;
}

std::string pdfPageToPdf(const std::string& path, double width, double height, std::string& why) {
    std::string out;
    auto write = [](void* closure, const unsigned char* data, unsigned int length) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
        return CAIRO_STATUS_SUCCESS;
    };
    SurfacePtr surface(cairo_pdf_surface_create_for_stream(write, &out, width, height));
    cairo_pdf_surface_restrict_to_version(surface.get(), CAIRO_PDF_VERSION_1_5);
    bool ok;
    {
        CairoPtr cr(cairo_create(surface.get()));
        ok = drawPdfPage(cr.get(), path, width, height, why);
    }
    cairo_surface_finish(surface.get());
    if (ok && cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
        why = std::string("cannot be redrawn: ") + cairo_status_to_string(cairo_surface_status(surface.get()));
        ok = false;
    }
    return ok ? out : std::string();
}

}  // namespace inkstone::image
