// Our writer's figures alone: the drawing matrix of each EXIF orientation, a foreign PDF page
// imported as a form XObject (its objects renumbered, its page tree left behind), and PNGs placed
// with their compressed data as they are, or decoded when they have transparency.
#include <doctest/doctest.h>

#define POINTERHOLDER_TRANSITION 4
#include <qpdf/QPDF.hh>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/diagnostics.h"
#include "image/test_support.h"
#include "render/cairo_painter.h"
#include "render/pdf_figures.h"

using namespace inkstone::render::pdf;
using inkstone::image::testing::pdfFile;

TEST_CASE("figure matrices: the image space's corners land where the orientation shows them") {
    // Image space: (0, 1) is the stored top-left pixel, (1, 1) the top-right. The rectangle is
    // 100 wide and 50 high at (10, 20), in PDF space (y up).
    auto at = [](int o, double u, double v) {
        double m[6];
        figureMatrix(o, 10, 20, 100, 50, m);
        return std::make_pair(std::round(m[0] * u + m[2] * v + m[4]), std::round(m[1] * u + m[3] * v + m[5]));
    };
    using P = std::pair<double, double>;
    CHECK(at(1, 0, 1) == P{10, 70});   // top left stays top left
    CHECK(at(1, 1, 0) == P{110, 20});
    CHECK(at(2, 0, 1) == P{110, 70});  // mirrored: top right
    CHECK(at(3, 0, 1) == P{110, 20});  // half round: bottom right
    CHECK(at(4, 0, 1) == P{10, 20});
    CHECK(at(6, 0, 1) == P{110, 70});  // a quarter clockwise: the first row runs down the right side
    CHECK(at(6, 1, 1) == P{110, 20});
    CHECK(at(8, 0, 1) == P{10, 20});   // a quarter counter-clockwise: up the left side
    CHECK(at(8, 1, 1) == P{10, 70});
    CHECK(at(5, 1, 1) == P{10, 20});
    CHECK(at(7, 0, 1) == P{110, 20});
}

TEST_CASE("a foreign PDF page becomes a form XObject with its resources, not its page tree") {
    const std::string content = "BT /F1 12 Tf 10 10 Td (Figure text) Tj ET";
    const std::string foreign = pdfFile({
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources << /Font << /F1 5 0 R >> >> /Rotate 90 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>",
        "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding 6 0 R /Back 3 0 R >>",
        "<< /Type /Encoding /Differences [65 /A] >>",
    });
    ObjectFile w;
    const int first = w.reserve();
    std::string why;
    const int form = importPdfPage(w, "figure.pdf", &foreign, why);
    REQUIRE(form > 0);
    CHECK(why.empty());
    w.object(first, "<< /Type /Catalog >>");
    const std::string out = w.finish(first, first);
    QPDF q;
    q.processMemoryFile("out", out.data(), out.size());
    QPDFObjectHandle f = q.getObjectByID(form, 0);
    REQUIRE(f.isStream());
    QPDFObjectHandle d = f.getDict();
    CHECK(d.getKey("/Subtype").getName() == "/Form");
    CHECK(d.getKey("/BBox").unparse() == "[ 0 0 200 100 ]");
    // /Rotate 90 inherited: shown 100 wide, 200 high; the matrix maps that onto the unit square.
    CHECK(d.getKey("/Matrix").unparse() == "[ 0 -0.005 0.01 0 0 1 ]");
    QPDFObjectHandle font = d.getKey("/Resources").getKey("/Font").getKey("/F1");
    REQUIRE(font.isIndirect());
    CHECK(font.getKey("/BaseFont").getName() == "/Helvetica");
    CHECK(font.getKey("/Encoding").getKey("/Differences").isArray());
    CHECK(font.getKey("/Back").isNull());  // a page is never copied
    CHECK(out.find("/Type /Page") == std::string::npos);
    const std::shared_ptr<Buffer> data = f.getStreamData(qpdf_dl_all);
    const std::string text(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
    CHECK(text.find("(Figure text) Tj") != std::string::npos);

    ObjectFile w2;
    const std::string three = pdfFile({"<< /Type /Catalog /Pages 2 0 R >>",
                                     "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
                                     "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>",
                                     "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] >>"});
    CHECK(importPdfPage(w2, "two.pdf", &three, why) == 0);
    CHECK(why == "has 2 pages (a PDF figure must have one page)");
}

TEST_CASE("a figure file that changed since layout checked it is a UserError naming it, in both painters") {
    const std::string path = (std::filesystem::temp_directory_path() / "inkstone-changed-figure.jpg").string();
    std::ofstream(path, std::ios::binary) << std::string("\xFF\xD8\xFF\xE0 no longer a JPEG", 22);
    ObjectFile w;
    try {
        (void)writeFigures(w, {{"/Im1", path}});
        FAIL("no error");
    } catch (const inkstone::UserError& e) {
        CHECK(std::string(e.what()).find("image '" + path + "' is a damaged JPEG") != std::string::npos);
    }
    inkstone::SurfacePtr s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 10, 10));
    inkstone::CairoPtr cr(cairo_create(s.get()));
    inkstone::layout::ImageItem im;
    im.path = path;
    im.width = im.height = 10;
    CHECK_THROWS_AS(inkstone::render::paintFigure(cr.get(), im), inkstone::UserError);
    std::ofstream(path, std::ios::binary) << "%PDF-1.4 and then nothing";
    CHECK_THROWS_AS(inkstone::render::paintFigure(cr.get(), im), inkstone::UserError);
    std::filesystem::remove(path);
}

namespace {

// The figures of `files` (resource name -> file) written into a PDF of their own, read back by qpdf.
struct Written {
    std::string pdf;
    std::shared_ptr<QPDF> q = std::make_shared<QPDF>();
    std::map<std::string, QPDFObjectHandle> xobjects;
};

Written writeAlone(const std::map<std::string, std::string>& files) {
    Written out;
    ObjectFile w;
    const int catalog = w.reserve();
    const std::string entries = writeFigures(w, files);
    w.object(catalog, "<< /Type /Catalog /Figures <<" + entries + " >> >>");
    out.pdf = w.finish(catalog, catalog);
    out.q->processMemoryFile("figures", out.pdf.data(), out.pdf.size());
    for (auto& [name, file] : files) out.xobjects[name] = out.q->getRoot().getKey("/Figures").getKey(name);
    return out;
}

std::string bytesOf(const std::shared_ptr<Buffer>& b) { return std::string(reinterpret_cast<const char*>(b->getBuffer()), b->getSize()); }

}  // namespace

TEST_CASE("PNG figures: placed with their compressed data as they are, or decoded into RGB and a soft mask") {
    namespace t = inkstone::image::testing;
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "inkstone-png-figures";
    std::filesystem::create_directories(dir);
    auto save = [&](const std::string& name, const std::string& bytes) {
        const std::string path = (dir / name).string();
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    };
    t::PngSpec rgb;  // 16 x 8, quadrants, every filter type
    const std::string rgbPng = t::encodePng(rgb);
    t::PngSpec grey16;
    grey16.colourType = 0, grey16.depth = 16;
    t::PngSpec indexed;
    indexed.colourType = 3, indexed.depth = 2, indexed.palette = std::string("\xDC\x1E\x1E\x1E\xC8\x1E\x1E\x1E\xDC", 9);
    t::PngSpec rgba;
    rgba.colourType = 6;
    Written out = writeAlone({{"/A", save("rgb.png", rgbPng)},
                              {"/B", save("grey16.png", t::encodePng(grey16))},
                              {"/C", save("indexed.png", t::encodePng(indexed))},
                              {"/D", save("rgba.png", t::encodePng(rgba))}});

    QPDFObjectHandle a = out.xobjects["/A"];
    REQUIRE(a.isStream());
    CHECK(bytesOf(a.getRawStreamData()) == t::pngData(rgbPng));  // the IDAT data, byte for byte
    CHECK(a.getDict().getKey("/Filter").unparse() == "/FlateDecode");
    CHECK(a.getDict().getKey("/DecodeParms").unparse() == "<< /BitsPerComponent 8 /Colors 3 /Columns 16 /Predictor 15 >>");
    CHECK(a.getDict().getKey("/ColorSpace").unparse() == "/DeviceRGB");
    CHECK_FALSE(a.getDict().hasKey("/SMask"));
    // qpdf undoes the predictor: the samples come back, row after row.
    const std::string samples = bytesOf(a.getStreamData(qpdf_dl_all));
    REQUIRE(samples.size() == 16 * 8 * 3);
    CHECK(samples.substr(0, 3) == "\xDC\x1E\x1E");                          // top left red
    CHECK(samples.substr((7 * 16 + 15) * 3, 3) == "\xE6\xDC\x14");          // bottom right yellow

    QPDFObjectHandle b = out.xobjects["/B"];
    CHECK(b.getDict().getKey("/BitsPerComponent").getIntValue() == 16);
    CHECK(b.getDict().getKey("/ColorSpace").unparse() == "/DeviceGray");
    CHECK(b.getDict().getKey("/DecodeParms").getKey("/BitsPerComponent").getIntValue() == 16);

    QPDFObjectHandle c = out.xobjects["/C"];
    CHECK(c.getDict().getKey("/ColorSpace").unparse() == "[ /Indexed /DeviceRGB 2 <dc1e1e1ec81e1e1edc> ]");
    CHECK(c.getDict().getKey("/BitsPerComponent").getIntValue() == 2);

    QPDFObjectHandle d = out.xobjects["/D"];  // alpha: decoded, RGB and a soft mask, compressed anew
    CHECK_FALSE(d.getDict().hasKey("/DecodeParms"));
    CHECK(d.getDict().getKey("/ColorSpace").unparse() == "/DeviceRGB");
    const std::string mask = bytesOf(d.getDict().getKey("/SMask").getStreamData(qpdf_dl_all));
    REQUIRE(mask.size() == 16 * 8);
    CHECK(uint8_t(mask[0]) == 127);  // half opacity on the left
    CHECK(uint8_t(mask[15]) == 255);

    // Compressed data that do not inflate (their CRCs right: layout's probe let them by): a
    // UserError naming the file, with or without transparency.
    auto broken = [](const std::string& png) {
        std::string data = t::pngData(png);
        for (size_t i = 2; i < 20; ++i) data[i] = static_cast<char>(data[i] ^ 0x55);
        return t::withPngData(png, data);
    };
    for (const std::string& png : {rgbPng, t::encodePng(rgba)}) {
        const std::string path = save("broken.png", broken(png));
        ObjectFile w;
        try {
            (void)writeFigures(w, {{"/E", path}});
            FAIL("no error");
        } catch (const inkstone::UserError& e) {
            CHECK(std::string(e.what()) == path + ": error: image '" + path + "' is a damaged PNG file: its compressed image data are damaged");
        }
    }
    // Figures are made ready on several threads; the error thrown is the first figure's in name
    // order, whichever thread failed first, and the bytes are the same every time.
    const std::string words = save("words.png", "not a picture");
    const std::string brokenPath = save("broken-a.png", broken(rgbPng));
    for (int k = 0; k < 5; ++k) {
        ObjectFile w;
        try {
            (void)writeFigures(w, {{"/A", brokenPath}, {"/B", words}, {"/C", save("rgb.png", rgbPng)}});
            FAIL("no error");
        } catch (const inkstone::UserError& e) {
            CHECK(std::string(e.what()).find("image '" + brokenPath + "'") != std::string::npos);
        }
    }
    CHECK(writeAlone({{"/A", save("rgb.png", rgbPng)}, {"/D", save("rgba.png", t::encodePng(rgba))}}).pdf ==
          writeAlone({{"/A", save("rgb.png", rgbPng)}, {"/D", save("rgba.png", t::encodePng(rgba))}}).pdf);
    std::filesystem::remove_all(dir);
}
