// PDF figures as qpdf reads them: the probe and the page box. A figure is a file with one page,
// not encrypted (its objects are copied into our PDF as they are, which an encrypted file's
// strings and streams cannot be).
#include "image/pdf_page.h"  // first: it sets qpdf's POINTERHOLDER_TRANSITION

#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>


namespace inkstone::image {

namespace {

bool readBox(QPDFObjectHandle box, double out[4]) {
    if (!box.isRectangle()) return false;
    const QPDFObjectHandle::Rectangle r = box.getArrayAsRectangle();
    out[0] = std::min(r.llx, r.urx), out[1] = std::min(r.lly, r.ury);
    out[2] = std::max(r.llx, r.urx), out[3] = std::max(r.lly, r.ury);
    return std::all_of(out, out + 4, [](double v) { return std::isfinite(v); });
}

// Names of the fonts a page (and the forms it draws) uses without embedding them: a font
// dictionary whose descriptor has no FontFile, FontFile2 or FontFile3 (Type 3 fonts are drawn by
// their own procedures, so they count as embedded). ISO 32000-1, 9.8 and 9.9.
void unembeddedFonts(QPDFObjectHandle resources, std::vector<std::string>& out, std::set<QPDFObjGen>& seen, int depth) {
    if (!resources.isDictionary() || depth > 8) return;
    if (resources.isIndirect() && !seen.insert(resources.getObjGen()).second) return;
    QPDFObjectHandle fonts = resources.getKey("/Font");
    if (fonts.isDictionary()) {
        for (const std::string& key : fonts.getKeys()) {
            QPDFObjectHandle font = fonts.getKey(key);
            if (!font.isDictionary() || font.getKey("/Subtype").isNameAndEquals("/Type3")) continue;
            QPDFObjectHandle described = font;
            QPDFObjectHandle descendants = font.getKey("/DescendantFonts");
            if (descendants.isArray() && descendants.getArrayNItems() > 0) described = descendants.getArrayItem(0);
            QPDFObjectHandle d = described.isDictionary() ? described.getKey("/FontDescriptor") : QPDFObjectHandle::newNull();
            const bool embedded = d.isDictionary() && (d.hasKey("/FontFile") || d.hasKey("/FontFile2") || d.hasKey("/FontFile3"));
            if (embedded) continue;
            QPDFObjectHandle name = font.getKey("/BaseFont");
            std::string n = name.isName() ? name.getName().substr(1) : key.substr(1);
            if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
        }
    }
    QPDFObjectHandle xobjects = resources.getKey("/XObject");
    if (xobjects.isDictionary())
        for (const std::string& key : xobjects.getKeys()) {
            QPDFObjectHandle x = xobjects.getKey(key);
            if (x.isStream() && x.getDict().getKey("/Subtype").isNameAndEquals("/Form"))
                unembeddedFonts(x.getDict().getKey("/Resources"), out, seen, depth + 1);
        }
}

}  // namespace

bool openPdfFigure(QPDF& pdf, const std::string& path, const std::string* bytes, QPDFObjectHandle& page,
                   std::string& why) {
    try {
        pdf.setSuppressWarnings(true);
        if (bytes) pdf.processMemoryFile(path.c_str(), bytes->data(), bytes->size());
        else pdf.processFile(path.c_str());
        if (pdf.isEncrypted()) {
            why = "is an encrypted PDF (a PDF figure must not be encrypted)";
            return false;
        }
        const std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
        if (pages.size() != 1) {
            why = "has " + std::to_string(pages.size()) + " pages (a PDF figure must have one page)";
            return false;
        }
        page = pages[0].getObjectHandle();
        return true;
    } catch (const QPDFExc& e) {
        if (e.getErrorCode() == qpdf_e_password) why = "is an encrypted PDF (a PDF figure must not be encrypted)";
        else why = std::string("is a damaged PDF: ") + e.getMessageDetail();
    } catch (const std::exception& e) {
        why = std::string("is a damaged PDF: ") + e.what();
    }
    return false;
}

bool pageBoxOf(QPDFObjectHandle page, PageBox& box, std::string& why) {
    try {
        QPDFPageObjectHelper helper(page);
        double media[4], crop[4];
        if (!readBox(helper.getMediaBox(false), media)) {
            why = "is a damaged PDF: its page has no media box";
            return false;
        }
        if (!readBox(helper.getCropBox(false, false), crop)) std::copy(media, media + 4, crop);
        box.x0 = std::max(media[0], crop[0]), box.y0 = std::max(media[1], crop[1]);
        box.x1 = std::min(media[2], crop[2]), box.y1 = std::min(media[3], crop[3]);
        QPDFObjectHandle rotate = helper.getAttribute("/Rotate", false);
        const long long r = rotate.isInteger() ? rotate.getIntValue() : 0;
        box.rotate = r % 90 ? 0 : static_cast<int>(((r % 360) + 360) % 360);
        if (!(box.x1 - box.x0 > 0.01 && box.y1 - box.y0 > 0.01)) {
            why = "is a PDF whose page is empty (its crop box has no area)";
            return false;
        }
        return true;
    } catch (const std::exception& e) {
        why = std::string("is a damaged PDF: ") + e.what();
        return false;
    }
}

std::optional<Info> probePdf(const std::string& path, std::string& why) {
    QPDF pdf;
    QPDFObjectHandle page;
    PageBox box;
    if (!openPdfFigure(pdf, path, nullptr, page, why) || !pageBoxOf(page, box, why)) return std::nullopt;
    Info info;
    info.kind = Kind::Pdf;
    info.width = box.shownWidth();
    info.height = box.shownHeight();
    try {
        std::set<QPDFObjGen> seen;
        unembeddedFonts(QPDFPageObjectHelper(page).getAttribute("/Resources", false), info.unembeddedFonts, seen, 0);
    } catch (const std::exception&) {
        // (a damaged font dictionary: the import reports what it cannot copy)
    }
    return info;
}

}  // namespace inkstone::image
