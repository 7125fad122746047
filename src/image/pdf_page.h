// The page of a PDF figure as qpdf reads it: shared by the probe (image/pdf_figure.cpp) and our
// writer's import of the page (render/pdf_import.cpp). Includes qpdf: under clang the files that
// include this are compiled as C++17 (CMakeLists.txt says why).
#pragma once

#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <string>

#include "image/vector.h"

namespace inkstone::image {

// Opens `path` (or, when `bytes` is given, those bytes, which must outlive `pdf`) with qpdf
// (warnings kept quiet) and finds its one page. Never throws: false with
// the reason (continuing "image 'NAME' ...") when it is damaged, encrypted, or has other than one
// page.
bool openPdfFigure(QPDF& pdf, const std::string& path, const std::string* bytes, QPDFObjectHandle& page,
                   std::string& why);

// The page's box and rotation (see PageBox); false with the reason when the box is empty.
bool pageBoxOf(QPDFObjectHandle page, PageBox& box, std::string& why);

}  // namespace inkstone::image
