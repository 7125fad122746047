// Style loading. Each file in an `extends` chain is applied, base first, onto one specification in
// which lengths keep their units (em stays relative); only the finished specification is resolved to
// points, so a derived style that changes a font size also rescales every em length of its base.
#include "style/style.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <set>

#include "base/reads.h"

namespace inkstone::style {
namespace fs = std::filesystem;

namespace {

struct TextSpec {
    std::string font = "serif";
    Length fontSize{10.5, false};
    Length lineHeight{1.4, true};
    bool bold = false, italic = false, uppercase = false;
    Color color;
    Align align = Align::Left;
    Length spaceBefore, spaceAfter, firstLineIndent, indentLeft, indentRight;
    Length ruleAbove, ruleBelow, rulePadding;
    Color ruleColor;
};

struct RunningSpec {
    std::string left, center, right;
    TextSpec text;
    Length rule, distance{12, false};
};

struct Spec {
    PageStyle page;
    Length marginTop{20 * kPtPerMm, false}, marginBottom{20 * kPtPerMm, false}, marginInner{20 * kPtPerMm, false},
        marginOuter{20 * kPtPerMm, false}, columnGap{6 * kPtPerMm, false};
    std::map<std::string, FontSet> fonts;
    std::map<std::string, TextSpec> elements;
    RunningSpec header, footer;
    // Variants are overlays on the final header/footer: their YAML is kept (with the file it came
    // from, for error positions) and applied after the whole extends chain is read.
    using Overlay = std::vector<std::pair<std::string, YAML::Node>>;
    Overlay firstHeader, firstFooter, versoHeader, versoFooter;
    std::map<std::string, std::string> dateFormat;
    std::map<std::string, std::map<std::string, std::string>> labels;
    Length cjkIndent{2, true}, hanLatin{0.25, true};
    LineBreakStrictness lineBreak = LineBreakStrictness::Strict;
    bool compressPunctuation = true;
    bool lineEndHalfWidth = false;
    int tateChuYokoDigits = 3;
    std::string tateChuYokoWith;
    Hyphenation hyphenation;
    std::string publication;
    Length listIndent{1.5, true};
    double pullQuoteWidth = 1.0;
    std::string bullet = "•";
    Figures figures;
    NotePlacement notePlacement = NotePlacement::Foot;
    Length noteRuleWidth{72, false}, noteRuleThickness{0.5, false}, noteSpace{8, false};
    bool linkAddresses = false;
    Length tableMinSize{7, false};
    PdfOutput pdf;
    EditionStyle edition;
};

const std::vector<std::string> kElements = {
    "section-label", "title", "subtitle", "summary", "byline", "byline-detail", "date", "body",
    "heading-2", "heading-3", "block-quote", "pull-quote", "pull-quote-attribution", "code",
    "caption", "credit", "table", "footnote", "notes-label", "bio-label", "bio", "toc-section", "toc-entry", "toc-author",
    "cover-issue", "cover-title", "cover-subtitle", "cover-publisher", "cover-date"};
const std::vector<std::string> kLangs = {"en", "zh-Hans", "zh-Hant", "zh-Hant-HK"};
const std::vector<std::string> kCjkLangs = {"zh-Hans", "zh-Hant", "zh-Hant-HK", "ja"};
const std::vector<std::string> kLabels = {"about-author", "about-authors", "notes", "contents", "note-reference", "note-label"};

size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

class Reader {
public:
    explicit Reader(std::string file) : file_(std::move(file)) {}
    const std::string& file() const { return file_; }

    SourcePos at(const YAML::Node& n) const {
        auto m = n.Mark();
        return m.line < 0 ? SourcePos{} : SourcePos{m.line + 1, m.column + 1};
    }
    [[noreturn]] void fail(const YAML::Node& n, const std::string& msg, const std::string& hint = {}) const {
        failAt(file_, at(n), msg, hint);
    }
    // Iterates a map, calling handle(key, value, path); a false return is an unknown key.
    void forEach(const YAML::Node& map, const std::string& path, const std::vector<std::string>& known,
                 const std::function<void(const std::string&, const YAML::Node&, const std::string&)>& handle) const {
        if (!map.IsMap()) fail(map, "'" + path + "' must be a map");
        for (auto it = map.begin(); it != map.end(); ++it) {
            std::string key = it->first.Scalar();
            std::string full = path.empty() ? key : path + "." + key;
            if (std::find(known.begin(), known.end(), key) == known.end()) {
                std::string best;
                size_t bestD = 3;
                for (const auto& k : known) {
                    size_t d = editDistance(key, k);
                    if (d < bestD) bestD = d, best = k;
                }
                fail(it->first, "unknown style key '" + full + "'",
                     best.empty() ? "known keys here: " + join(known) : "did you mean '" + best + "'?");
            }
            handle(key, it->second, full);
        }
    }
    static std::string join(const std::vector<std::string>& v) {
        std::string s;
        for (const auto& k : v) s += (s.empty() ? "" : ", ") + k;
        return s;
    }
    std::string str(const YAML::Node& n, const std::string& path) const {
        if (!n.IsScalar()) fail(n, "'" + path + "' must be a string");
        // A control character (a NUL cuts a file name short for the system) is never meant.
        for (unsigned char c : n.Scalar())
            if (c < 0x20 && c != '\t') fail(n, "'" + path + "' has a control character");
        return n.Scalar();
    }
    Length length(const YAML::Node& n, const std::string& path, bool allowFactor = false) const {
        if (n.IsScalar()) {
            if (auto l = parseLength(n.Scalar())) {
                if (l->value >= 0) return *l;
            }
            if (allowFactor) {
                char* end = nullptr;
                double f = std::strtod(n.Scalar().c_str(), &end);
                if (end && *end == 0 && f > 0) return Length{f, true};
            }
        }
        fail(n, "bad length for '" + path + "': '" + (n.IsScalar() ? n.Scalar() : std::string("?")) + "'",
             allowFactor ? "use a length with a unit (pt, mm, cm, in, em) or a factor such as 1.5"
                         : "use a non-negative length with a unit: pt, mm, cm, in or em");
    }
    // A length that cannot be in em (page geometry, body.font-size: what em refers to).
    Length absoluteLength(const YAML::Node& n, const std::string& path) const {
        Length l = length(n, path);
        if (l.em) fail(n, "'" + path + "' cannot be in em", "use pt, mm, cm or in");
        return l;
    }
    Length positiveLength(const YAML::Node& n, const std::string& path, bool allowFactor = false) const {
        Length l = length(n, path, allowFactor);
        if (l.value <= 0) fail(n, "'" + path + "' must be greater than zero");
        return l;
    }
    bool boolean(const YAML::Node& n, const std::string& path) const {
        if (n.IsScalar()) {
            const std::string& s = n.Scalar();
            if (s == "true" || s == "yes") return true;
            if (s == "false" || s == "no") return false;
        }
        fail(n, "'" + path + "' must be true or false");
    }
    int integer(const YAML::Node& n, const std::string& path, int lo, int hi) const {
        if (n.IsScalar()) {
            char* end = nullptr;
            long v = std::strtol(n.Scalar().c_str(), &end, 10);
            if (end && *end == 0 && v >= lo && v <= hi) return static_cast<int>(v);
        }
        fail(n, "'" + path + "' must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
    }
    double number(const YAML::Node& n, const std::string& path, double lo, double hi) const {
        if (n.IsScalar()) {
            char* end = nullptr;
            double v = std::strtod(n.Scalar().c_str(), &end);
            if (end && *end == 0 && v >= lo && v <= hi) return v;
        }
        fail(n, "'" + path + "' must be a number from " + std::to_string(lo) + " to " + std::to_string(hi));
    }
    Color color(const YAML::Node& n, const std::string& path) const {
        if (n.IsScalar()) {
            const std::string& s = n.Scalar();
            if (s == "black") return {0, 0, 0};
            if (s == "white") return {1, 1, 1};
            if ((s.size() == 7 || s.size() == 4) && s[0] == '#' &&
                s.find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos) {
                auto hex = [&](size_t i, size_t len) {
                    int v = std::stoi(s.substr(i, len), nullptr, 16);
                    return len == 1 ? (v * 17) / 255.0 : v / 255.0;
                };
                if (s.size() == 7) return {hex(1, 2), hex(3, 2), hex(5, 2)};
                return {hex(1, 1), hex(2, 1), hex(3, 1)};
            }
        }
        fail(n, "bad colour for '" + path + "'", "use #rrggbb, #rgb, black or white");
    }
    std::string choice(const YAML::Node& n, const std::string& path, const std::vector<std::string>& options) const {
        std::string s = n.IsScalar() ? n.Scalar() : std::string();
        if (std::find(options.begin(), options.end(), s) == options.end())
            fail(n, "bad value for '" + path + "': '" + s + "'", "use one of: " + join(options));
        return s;
    }

private:
    std::string file_;
};

const std::vector<std::string> kTextKeys = {
    "font", "font-size", "line-height", "font-weight", "font-style", "text-transform", "color", "align",
    "space-before", "space-after", "first-line-indent", "indent-left", "indent-right", "rule-above",
    "rule-below", "rule-padding", "rule-color"};

bool applyTextKey(const Reader& r, TextSpec& t, const std::string& key, const YAML::Node& v, const std::string& path) {
    if (key == "font") t.font = r.choice(v, path, {"serif", "sans", "mono"});
    else if (key == "font-size") {
        t.fontSize = r.positiveLength(v, path);
        if (path == "body.font-size" && t.fontSize.em) r.fail(v, "'body.font-size' cannot be in em (it is what em refers to)");
    } else if (key == "line-height") t.lineHeight = r.positiveLength(v, path, true);
    else if (key == "font-weight") t.bold = r.choice(v, path, {"normal", "bold"}) == "bold";
    else if (key == "font-style") t.italic = r.choice(v, path, {"normal", "italic"}) == "italic";
    else if (key == "text-transform") t.uppercase = r.choice(v, path, {"none", "uppercase"}) == "uppercase";
    else if (key == "color") t.color = r.color(v, path);
    else if (key == "align") {
        std::string a = r.choice(v, path, {"left", "right", "center", "justify"});
        t.align = a == "left" ? Align::Left : a == "right" ? Align::Right : a == "center" ? Align::Center : Align::Justify;
    } else if (key == "space-before") t.spaceBefore = r.length(v, path);
    else if (key == "space-after") t.spaceAfter = r.length(v, path);
    else if (key == "first-line-indent") t.firstLineIndent = r.length(v, path);
    else if (key == "indent-left") t.indentLeft = r.length(v, path);
    else if (key == "indent-right") t.indentRight = r.length(v, path);
    else if (key == "rule-above") t.ruleAbove = r.length(v, path);
    else if (key == "rule-below") t.ruleBelow = r.length(v, path);
    else if (key == "rule-padding") t.rulePadding = r.length(v, path);
    else if (key == "rule-color") t.ruleColor = r.color(v, path);
    else return false;
    return true;
}

void applyText(const Reader& r, TextSpec& t, const YAML::Node& n, const std::string& path) {
    r.forEach(n, path, kTextKeys, [&](const std::string& k, const YAML::Node& v, const std::string& p) { applyTextKey(r, t, k, v, p); });
}

void applyRunning(const Reader& r, RunningSpec& s, const YAML::Node& n, const std::string& path) {
    std::vector<std::string> keys = kTextKeys;
    for (const char* k : {"left", "center", "right", "rule", "distance"}) keys.push_back(k);
    r.forEach(n, path, keys, [&](const std::string& k, const YAML::Node& v, const std::string& p) {
        if (k == "left") s.left = r.str(v, p);
        else if (k == "center") s.center = r.str(v, p);
        else if (k == "right") s.right = r.str(v, p);
        else if (k == "rule") s.rule = r.length(v, p);
        else if (k == "distance") s.distance = r.length(v, p);
        else applyTextKey(r, s.text, k, v, p);
    });
}

struct PageSize {
    const char* name;
    double wMm, hMm;
};
const PageSize kSizes[] = {{"A4", 210, 297}, {"A5", 148, 210}, {"B5", 176, 250}, {"16K", 185, 260},
                           {"Letter", 215.9, 279.4}, {"Legal", 215.9, 355.6}};

void applyPage(const Reader& r, Spec& s, const YAML::Node& n) {
    r.forEach(n, "page", {"size", "margin", "columns", "column-gap", "facing", "balance-columns", "writing-mode"},
              [&](const std::string& k, const YAML::Node& v, const std::string& p) {
        if (k == "size") {
            if (v.IsSequence() && v.size() == 2) {
                s.page.width = r.absoluteLength(v[0], p + "[0]").value;
                s.page.height = r.absoluteLength(v[1], p + "[1]").value;
                if (s.page.width < 72 || s.page.height < 72) r.fail(v, "page size must be at least 1in by 1in");
                return;
            }
            std::string name = v.IsScalar() ? v.Scalar() : std::string();
            for (const auto& ps : kSizes) {
                std::string lower = ps.name, given = name;
                std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
                std::transform(given.begin(), given.end(), given.begin(), ::tolower);
                if (lower == given) {
                    s.page.width = ps.wMm * kPtPerMm;
                    s.page.height = ps.hMm * kPtPerMm;
                    return;
                }
            }
            r.fail(v, "unknown page size '" + name + "'", "use A4, A5, B5, 16K, Letter, Legal or [width, height]");
        } else if (k == "margin") {
            if (v.IsScalar()) {
                s.marginTop = s.marginBottom = s.marginInner = s.marginOuter = r.absoluteLength(v, p);
                return;
            }
            r.forEach(v, p, {"top", "bottom", "inner", "outer", "left", "right"},
                      [&](const std::string& mk, const YAML::Node& mv, const std::string& mp) {
                Length l = r.absoluteLength(mv, mp);
                if (mk == "top") s.marginTop = l;
                else if (mk == "bottom") s.marginBottom = l;
                else if (mk == "inner" || mk == "left") s.marginInner = l;
                else s.marginOuter = l;
            });
        } else if (k == "columns") {
            s.page.columns = r.integer(v, p, 1, 4);
        } else if (k == "column-gap") {
            s.columnGap = r.absoluteLength(v, p);
        } else if (k == "facing") {
            s.page.facing = r.boolean(v, p);
        } else if (k == "balance-columns") {
            s.page.balanceColumns = r.boolean(v, p);
        } else if (k == "writing-mode") {
            s.page.writingMode = r.choice(v, p, {"horizontal-tb", "vertical-rl"}) == "vertical-rl" ? WritingMode::VerticalRl
                                                                                                : WritingMode::HorizontalTb;
        }
    });
}

void applyFile(Spec& s, const std::string& file, std::vector<std::string>& chain);

std::string resolveStylePath(const std::string& nameOrPath, const std::string& relativeTo) {
    if (!isStylePath(nameOrPath)) return dataDir() + "/styles/" + nameOrPath + ".yaml";
    fs::path p(nameOrPath);
    if (p.is_relative() && !relativeTo.empty()) p = fs::path(relativeTo).parent_path() / p;
    return p.lexically_normal().string();
}

void applyFile(Spec& s, const std::string& file, std::vector<std::string>& chain) {
    reads::note(file);
    YAML::Node root;
    std::error_code dirErr;
    // A folder opens as a file and fails on its first read, with an iostream exception yaml-cpp does
    // not turn into its own (`--style /tmp` aborted; fuzzing found it through `extends`).
    if (fs::is_directory(file, dirErr)) failAt(file, {}, "a folder, not a style file");
    try {
        root = YAML::LoadFile(file);
    } catch (const YAML::BadFile&) {
        failAt(file, {}, "cannot read style file");
    } catch (const YAML::Exception& e) {
        failAt(file, {e.mark.line + 1, e.mark.column + 1}, "malformed YAML: " + e.msg);
    } catch (const std::ios_base::failure&) {
        failAt(file, {}, "cannot read style file");
    }
    Reader r(file);
    if (root.IsNull()) return;
    if (!root.IsMap()) r.fail(root, "a style file must be a YAML map");
    if (auto ext = root["extends"]) {
        std::string base = resolveStylePath(r.str(ext, "extends"), file);
        std::error_code ec;
        std::string canon = fs::weakly_canonical(base, ec).string();
        if (std::find(chain.begin(), chain.end(), canon) != chain.end())
            r.fail(ext, "'extends' makes a cycle through '" + base + "'");
        std::error_code existsErr;  // (a name too long for the system is no style either)
        if (!fs::exists(base, existsErr)) r.fail(ext, "the style '" + ext.Scalar() + "' it extends does not exist (" + base + ")");
        chain.push_back(canon);
        applyFile(s, base, chain);
    }
    std::vector<std::string> topKeys = {"extends", "page", "fonts", "header", "footer", "first-page", "verso", "date-format",
                                        "labels", "cjk", "publication", "list", "pull-quote-width", "bullet",
                                        "hyphenate", "hyphenation", "figures", "notes", "links", "tables", "pdf",
                                        "edition"};
    for (const auto& e : kElements) topKeys.push_back(e);
    r.forEach(root, "", topKeys, [&](const std::string& k, const YAML::Node& v, const std::string& p) {
        if (k == "extends") return;
        if (k == "page") applyPage(r, s, v);
        else if (k == "fonts") {
            r.forEach(v, p, {"serif", "sans", "mono"}, [&](const std::string& setName, const YAML::Node& sv, const std::string& sp) {
                std::vector<std::string> keys = {"latin"};
                keys.insert(keys.end(), kCjkLangs.begin(), kCjkLangs.end());
                FontSet& set = s.fonts[setName];
                r.forEach(sv, sp, keys, [&](const std::string& lk, const YAML::Node& lv, const std::string& lp) {
                    if (lk == "latin") set.latin = r.str(lv, lp);
                    else set.cjk[lk] = r.str(lv, lp);
                });
            });
        } else if (k == "header") applyRunning(r, s.header, v, p);
        else if (k == "footer") applyRunning(r, s.footer, v, p);
        else if (k == "first-page" || k == "verso") {
            const bool first = k == "first-page";
            r.forEach(v, p, {"header", "footer"}, [&](const std::string& fk, const YAML::Node& fv, const std::string& fp) {
                RunningSpec probe;  // validate now, so errors point at this file
                applyRunning(r, probe, fv, fp);
                auto& overlay = first ? (fk == "header" ? s.firstHeader : s.firstFooter)
                                      : (fk == "header" ? s.versoHeader : s.versoFooter);
                overlay.emplace_back(file, fv);
            });
        } else if (k == "date-format") {
            r.forEach(v, p, kLangs, [&](const std::string& lk, const YAML::Node& lv, const std::string& lp) {
                s.dateFormat[lk] = r.str(lv, lp);
            });
        } else if (k == "labels") {
            r.forEach(v, p, kLabels, [&](const std::string& lk, const YAML::Node& lv, const std::string& lp) {
                r.forEach(lv, lp, kLangs, [&](const std::string& lang, const YAML::Node& tv, const std::string& tp) {
                    s.labels[lk][lang] = r.str(tv, tp);
                });
            });
        } else if (k == "cjk") {
            r.forEach(v, p, {"first-line-indent", "han-latin-space", "line-break", "compress-punctuation", "line-end-punctuation",
                             "tate-chu-yoko"},
                      [&](const std::string& ck, const YAML::Node& cv, const std::string& cp) {
                if (ck == "tate-chu-yoko") {
                    r.forEach(cv, cp, {"digits", "with"}, [&](const std::string& tk, const YAML::Node& tv, const std::string& tp) {
                        if (tk == "digits") s.tateChuYokoDigits = r.integer(tv, tp, 0, 4);
                        else s.tateChuYokoWith = r.str(tv, tp);
                    });
                    return;
                }
                if (ck == "first-line-indent") s.cjkIndent = r.length(cv, cp);
                else if (ck == "han-latin-space") s.hanLatin = r.length(cv, cp);
                else if (ck == "compress-punctuation") s.compressPunctuation = r.boolean(cv, cp);
                else if (ck == "line-end-punctuation") s.lineEndHalfWidth = r.choice(cv, cp, {"full", "half"}) == "half";
                else {
                    std::string m = r.choice(cv, cp, {"basic", "gb", "strict"});
                    s.lineBreak = m == "basic" ? LineBreakStrictness::Basic
                                  : m == "gb"  ? LineBreakStrictness::Gb
                                               : LineBreakStrictness::Strict;
                }
            });
        } else if (k == "publication") s.publication = r.str(v, p);
        else if (k == "list") {
            r.forEach(v, p, {"indent"}, [&](const std::string&, const YAML::Node& lv, const std::string& lp) {
                s.listIndent = r.length(lv, lp);
            });
        } else if (k == "pull-quote-width") s.pullQuoteWidth = r.number(v, p, 0.3, 1.0);
        else if (k == "bullet") s.bullet = r.str(v, p);
        else if (k == "hyphenate") s.hyphenation.enabled = r.boolean(v, p);
        else if (k == "figures") {
            r.forEach(v, p, {"placement"}, [&](const std::string&, const YAML::Node& fv, const std::string& fp) {
                const std::string m = r.choice(fv, fp, {"here", "top", "bottom"});
                s.figures.placement = m == "top" ? FigurePlacement::Top : m == "bottom" ? FigurePlacement::Bottom : FigurePlacement::Here;
            });
        } else if (k == "notes") {
            r.forEach(v, p, {"placement", "rule-width", "rule", "space"}, [&](const std::string& nk, const YAML::Node& nv, const std::string& np) {
                if (nk == "placement") s.notePlacement = r.choice(nv, np, {"foot", "end"}) == "end" ? NotePlacement::End : NotePlacement::Foot;
                else if (nk == "rule-width") s.noteRuleWidth = r.length(nv, np);
                else if (nk == "rule") s.noteRuleThickness = r.length(nv, np);
                else s.noteSpace = r.length(nv, np);
            });
        } else if (k == "links") {
            r.forEach(v, p, {"addresses"}, [&](const std::string&, const YAML::Node& lv, const std::string& lp) {
                s.linkAddresses = r.choice(lv, lp, {"none", "footnote"}) == "footnote";
            });
        } else if (k == "tables") {
            r.forEach(v, p, {"min-font-size"}, [&](const std::string&, const YAML::Node& tv, const std::string& tp) {
                s.tableMinSize = r.length(tv, tp);
            });
        }
        else if (k == "pdf") {
            r.forEach(v, p, {"tagged", "standard"}, [&](const std::string& pk, const YAML::Node& pv, const std::string& pp) {
                if (pk == "tagged") s.pdf.tagged = r.boolean(pv, pp);
                else {
                    const std::string m = r.choice(pv, pp, {"none", "pdf/a-2b", "pdf/a-2u"});
                    s.pdf.pdfa = m == "pdf/a-2b" ? PdfA::A2b : m == "pdf/a-2u" ? PdfA::A2u : PdfA::None;
                }
            });
        }
        else if (k == "edition") {
            r.forEach(v, p, {"quotes", "dictionary"}, [&](const std::string& ek, const YAML::Node& ev, const std::string& ep) {
                if (ek == "quotes") {
                    const std::string q = r.choice(ev, ep, {"auto", "curly", "corner", "as-written"});
                    s.edition.quotes = q == "curly"    ? EditionQuotes::Curly
                                       : q == "corner" ? EditionQuotes::Corner
                                       : q == "as-written" ? EditionQuotes::AsWritten
                                                           : EditionQuotes::Auto;
                    return;
                }
                // A file, a list of files (relative to this style file), or `none`; it replaces
                // what a style it extends named.
                s.edition.dictionaries.clear();
                auto one = [&](const YAML::Node& n, const std::string& np) {
                    const std::string name = r.str(n, np);
                    fs::path f(name);
                    if (f.is_relative()) f = fs::path(file).parent_path() / f;
                    f = f.lexically_normal();
                    std::error_code ec;
                    if (!fs::is_regular_file(f, ec)) r.fail(n, "edition dictionary '" + name + "' not found (" + f.string() + ")");
                    s.edition.dictionaries.push_back(f.string());
                };
                if (ev.IsScalar() && ev.Scalar() == "none") return;
                if (ev.IsSequence()) {
                    for (size_t i = 0; i < ev.size(); ++i) one(ev[i], ep + "[" + std::to_string(i) + "]");
                } else {
                    one(ev, ep);
                }
            });
        }
        else if (k == "hyphenation") {
            r.forEach(v, p, {"min-word", "min-left", "min-right"}, [&](const std::string& hk, const YAML::Node& hv, const std::string& hp) {
                int n = r.integer(hv, hp, 1, 20);
                if (hk == "min-word") s.hyphenation.minWord = n;
                else if (hk == "min-left") s.hyphenation.minLeft = n;
                else s.hyphenation.minRight = n;
            });
        }
        else applyText(r, s.elements[k], v, p);
    });
}

TextStyle resolveText(const TextSpec& t, double bodySize) {
    TextStyle o;
    o.font = t.font;
    o.fontSize = t.fontSize.resolve(bodySize);
    double em = o.fontSize;
    o.lineHeight = t.lineHeight.resolve(em);
    o.bold = t.bold;
    o.italic = t.italic;
    o.uppercase = t.uppercase;
    o.color = t.color;
    o.align = t.align;
    o.spaceBefore = t.spaceBefore.resolve(em);
    o.spaceAfter = t.spaceAfter.resolve(em);
    o.firstLineIndent = t.firstLineIndent.resolve(em);
    o.indentLeft = t.indentLeft.resolve(em);
    o.indentRight = t.indentRight.resolve(em);
    o.ruleAbove = t.ruleAbove.resolve(em);
    o.ruleBelow = t.ruleBelow.resolve(em);
    o.rulePadding = t.rulePadding.resolve(em);
    o.ruleColor = t.ruleColor;
    return o;
}

RunningStyle resolveRunning(const RunningSpec& s, double bodySize) {
    RunningStyle o;
    o.left = s.left;
    o.center = s.center;
    o.right = s.right;
    o.text = resolveText(s.text, bodySize);
    o.rule = s.rule.resolve(o.text.fontSize);
    o.distance = s.distance.resolve(o.text.fontSize);
    return o;
}

}  // namespace

const std::vector<std::string>& elementNames() { return kElements; }

// The keys of the language's own entry, then its script's (Hong Kong -> Traditional), then the
// fallback's: the lookups of forLang and label.
static std::vector<std::string> keysFor(const Lang& lang, const Lang& fallback) {
    std::vector<std::string> keys{lang.tag()};
    if (lang.region() != Lang::Region::None) keys.push_back(Lang(lang.script()).tag());
    keys.push_back(fallback.tag());
    return keys;
}

const std::string& FontSet::forLang(const Lang& lang) const {
    for (const std::string& k : keysFor(lang, Lang(Lang::Script::Hans)))
        if (auto it = cjk.find(k); it != cjk.end()) return it->second;
    return latin;
}

const TextStyle& Style::element(const std::string& name) const {
    auto it = elements.find(name);
    if (it == elements.end()) return elements.at("body");
    return it->second;
}

std::string Style::label(const std::string& key, const Lang& lang) const {
    auto it = labels.find(key);
    if (it == labels.end()) return {};
    for (const std::string& k : keysFor(lang, Lang()))
        if (auto jt = it->second.find(k); jt != it->second.end()) return jt->second;
    return {};
}

bool isStylePath(const std::string& nameOrPath) {
    return nameOrPath.find('/') != std::string::npos || (nameOrPath.size() > 5 && nameOrPath.ends_with(".yaml"));
}

std::string dataDir() {
    if (const char* env = std::getenv("INKSTONE_DATA_DIR"); env && *env) return env;
    // Found once: beside the running executable as installed (PREFIX/bin/inkstone ->
    // PREFIX/share/inkstone), else the source tree it was built from, else the install prefix it
    // was configured with (a program linking the library).
    static const std::string found = [] {
        std::error_code ec;
        const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
        std::vector<fs::path> candidates;
        if (!ec) candidates.push_back(exe.parent_path().parent_path() / "share" / "inkstone");
        candidates.push_back(INKSTONE_DATA_DIR);
#ifdef INKSTONE_INSTALL_DATA_DIR
        candidates.push_back(INKSTONE_INSTALL_DATA_DIR);
#endif
        for (const fs::path& c : candidates)
            if (fs::is_regular_file(c / "styles" / "briefing.yaml", ec)) return c.lexically_normal().string();
        return std::string(INKSTONE_DATA_DIR);
    }();
    return found;
}

Style loadStyle(const std::string& nameOrPath, const std::string& relativeTo) {
    std::string file = resolveStylePath(nameOrPath, relativeTo);
    std::error_code fileErr;  // error codes, not exceptions: a name too long for the system is a user's error
    if (!fs::exists(file, fileErr)) {
        std::string known;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(dataDir() + "/styles", ec))
            if (e.path().extension() == ".yaml") known += (known.empty() ? "" : ", ") + e.path().stem().string();
        failAt(nameOrPath, {}, "unknown style '" + nameOrPath + "' (no file " + file + ")", "shipped styles: " + known);
    }
    Spec spec;
    for (const auto& e : kElements) spec.elements[e];
    std::vector<std::string> chain{fs::weakly_canonical(file, fileErr).string()};
    applyFile(spec, file, chain);

    Style st;
    st.name = nameOrPath;
    st.path = file;
    st.page = spec.page;
    st.page.margin = {spec.marginTop.value, spec.marginBottom.value, spec.marginInner.value, spec.marginOuter.value};
    st.page.columnGap = spec.columnGap.value;
    st.fonts = spec.fonts;
    for (const char* setName : {"serif", "sans", "mono"}) {
        FontSet& set = st.fonts[setName];
        if (set.latin.empty()) failAt(file, {}, std::string("the style sets no 'fonts.") + setName + ".latin' family");
    }
    const TextSpec& body = spec.elements.at("body");
    double bodySize = body.fontSize.value;
    for (const auto& [name, t] : spec.elements) st.elements[name] = resolveText(t, bodySize);
    st.header = resolveRunning(spec.header, bodySize);
    st.footer = resolveRunning(spec.footer, bodySize);
    auto variant = [&](const RunningSpec& base, const Spec::Overlay& overlay, bool mirror) {
        RunningSpec v = base;
        if (mirror) std::swap(v.left, v.right);
        for (const auto& [from, node] : overlay) applyRunning(Reader(from), v, node, "");
        return resolveRunning(v, bodySize);
    };
    st.firstHeader = variant(spec.header, spec.firstHeader, false);
    st.firstFooter = variant(spec.footer, spec.firstFooter, false);
    st.versoHeader = variant(spec.header, spec.versoHeader, true);
    st.versoFooter = variant(spec.footer, spec.versoFooter, true);
    st.dateFormat = spec.dateFormat;
    st.labels = spec.labels;
    st.cjk.firstLineIndent = spec.cjkIndent.em ? spec.cjkIndent.value : spec.cjkIndent.value / bodySize;
    st.cjk.hanLatinSpace = spec.hanLatin.em ? spec.hanLatin.value : spec.hanLatin.value / bodySize;
    st.cjk.lineBreak = spec.lineBreak;
    st.cjk.compressPunctuation = spec.compressPunctuation;
    st.cjk.lineEndHalfWidth = spec.lineEndHalfWidth;
    st.cjk.tateChuYokoDigits = spec.tateChuYokoDigits;
    st.cjk.tateChuYokoWith = spec.tateChuYokoWith;
    st.hyphenation = spec.hyphenation;
    st.publication = spec.publication;
    st.listIndent = spec.listIndent.resolve(bodySize);
    st.pullQuoteWidth = spec.pullQuoteWidth;
    st.bullet = spec.bullet;
    st.figures = spec.figures;
    st.notes.placement = spec.notePlacement;
    st.notes.ruleWidth = spec.noteRuleWidth.resolve(bodySize);
    st.notes.ruleThickness = spec.noteRuleThickness.resolve(bodySize);
    st.notes.space = spec.noteSpace.resolve(bodySize);
    st.notes.linkAddresses = spec.linkAddresses;
    st.tables.minFontSize = spec.tableMinSize.resolve(bodySize);
    st.pdf = spec.pdf;
    st.edition = spec.edition;
    double textWidth = st.page.width - st.page.margin.inner - st.page.margin.outer;
    double textHeight = st.page.height - st.page.margin.top - st.page.margin.bottom;
    if (textWidth < 72 || textHeight < 72) failAt(file, {}, "the margins leave less than 1in for the text");
    if ((textWidth - (st.page.columns - 1) * st.page.columnGap) / st.page.columns < 72)
        failAt(file, {}, "the columns are narrower than 1in");
    return st;
}

}  // namespace inkstone::style
