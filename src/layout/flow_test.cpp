// Tests of the paginator with hand-made boxes: each box carries one DestItem naming it, so where
// the paginator put a box is where its DestItem ended up (page, x, y of the box's top left).
// Geometry: 100 x 100 pages with 10pt margins: an 80pt column fits eight 10pt boxes.
#include <doctest/doctest.h>

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "layout/flow.h"

using namespace inkstone;
using namespace inkstone::layout;

namespace {

FlowBox box(const std::string& name, double height = 10) {
    FlowBox b;
    b.height = height;
    b.items.push_back(DestItem{name, 0, 0});
    return b;
}

FlowBox kept(const std::string& name, double height = 10) {
    FlowBox b = box(name, height);
    b.keepWithNext = true;
    return b;
}

FlowBox floating(const std::string& name, double height) {
    FlowBox b = box(name, height);
    b.placement = Placement::Float;
    return b;
}

// n boxes named prefix0, prefix1, ...
std::vector<FlowBox> boxes(int n, const std::string& prefix = "b", double height = 10) {
    std::vector<FlowBox> out;
    for (int i = 0; i < n; ++i) out.push_back(box(prefix + std::to_string(i), height));
    return out;
}

PageGeometry geometry(int columns = 1) {
    PageGeometry g;
    g.width = columns == 1 ? 100 : 210;
    g.height = 100;
    g.margin = style::Margins{10, 10, 10, 10};
    g.columns = columns;
    g.columnGap = 10;
    return g;
}

struct Where {
    int page = -1;  // 1-based
    double x = 0, y = 0;
};

std::map<std::string, Where> where(const std::vector<Page>& pages) {
    std::map<std::string, Where> out;
    for (size_t p = 0; p < pages.size(); ++p)
        for (const auto& item : pages[p].items)
            if (const auto* d = std::get_if<DestItem>(&item)) out[d->name] = Where{static_cast<int>(p) + 1, d->x, d->y};
    return out;
}

// Box names, printable in failure messages.
struct Names {
    std::vector<std::string> v;
    Names(std::initializer_list<std::string> l) : v(l) {}
    explicit Names(std::vector<std::string> l) : v(std::move(l)) {}
    bool operator==(const Names& o) const { return v == o.v; }
};
std::ostream& operator<<(std::ostream& os, const Names& n) {
    os << '[';
    for (size_t i = 0; i < n.v.size(); ++i) os << (i ? ", " : "") << n.v[i];
    return os << ']';
}

// Box names on a page, in placement order.
Names namesOn(const Page& page) {
    std::vector<std::string> out;
    for (const auto& item : page.items)
        if (const auto* d = std::get_if<DestItem>(&item)) out.push_back(d->name);
    return Names(out);
}

}  // namespace

TEST_CASE("paginate: boxes fill a page and break to the next") {
    auto pages = paginate({}, boxes(10), geometry());
    REQUIRE(pages.size() == 2);
    CHECK(pages[0].width == 100);
    CHECK(pages[0].height == 100);
    CHECK(namesOn(pages[0]) == Names{"b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7"});
    CHECK(namesOn(pages[1]) == Names{"b8", "b9"});
    auto w = where(pages);
    for (int i = 0; i < 8; ++i) {
        CAPTURE(i);
        CHECK(w["b" + std::to_string(i)].x == doctest::Approx(10));
        CHECK(w["b" + std::to_string(i)].y == doctest::Approx(10 + 10 * i));
    }
    CHECK(w["b8"].y == doctest::Approx(10));
    CHECK(w["b9"].y == doctest::Approx(20));
}

TEST_CASE("paginate: exactly a page full, and nothing") {
    auto pages = paginate({}, boxes(8), geometry());
    CHECK(pages.size() == 1);
    auto one = paginate({}, boxes(9), geometry());
    CHECK(one.size() == 2);
    auto empty = paginate({}, {}, geometry());
    REQUIRE(empty.size() == 1);  // an article always has a page
    CHECK(empty[0].items.empty());
}

TEST_CASE("paginate: items keep their offsets inside the box") {
    FlowBox b = box("top", 20);
    b.items.push_back(DestItem{"inner", 5, 12});
    b.items.push_back(RuleItem{3, 15, 40, 1, {}});
    auto pages = paginate({}, {box("first"), b}, geometry());
    REQUIRE(pages.size() == 1);
    auto w = where(pages);
    CHECK(w["top"].y == doctest::Approx(20));
    CHECK(w["inner"].x == doctest::Approx(15));
    CHECK(w["inner"].y == doctest::Approx(32));
    const RuleItem* rule = nullptr;
    for (const auto& it : pages[0].items)
        if (const auto* r = std::get_if<RuleItem>(&it)) rule = r;
    REQUIRE(rule);
    CHECK(rule->x == doctest::Approx(13));
    CHECK(rule->y == doctest::Approx(35));
    CHECK(rule->width == doctest::Approx(40));
}

TEST_CASE("paginate: a keepWithNext chain moves to the next page together") {
    std::vector<FlowBox> body = boxes(6);
    body.push_back(kept("h"));    // a heading
    body.push_back(kept("p0"));   // a paragraph's first two lines (no orphan)
    body.push_back(box("p1"));
    body.push_back(box("p2"));
    auto pages = paginate({}, body, geometry());
    REQUIRE(pages.size() == 2);
    CHECK(namesOn(pages[0]) == Names{"b0", "b1", "b2", "b3", "b4", "b5"});
    CHECK(namesOn(pages[1]) == Names{"h", "p0", "p1", "p2"});
    auto w = where(pages);
    CHECK(w["h"].y == doctest::Approx(10));
    CHECK(w["p0"].y == doctest::Approx(20));
    CHECK(w["p1"].y == doctest::Approx(30));
}

TEST_CASE("paginate: a chain that fits stays, a box after it may break") {
    std::vector<FlowBox> body = boxes(5);
    body.push_back(kept("h"));
    body.push_back(kept("p0"));
    body.push_back(box("p1"));
    body.push_back(box("p2"));
    auto pages = paginate({}, body, geometry());
    REQUIRE(pages.size() == 2);
    CHECK(namesOn(pages[0]) == Names{"b0", "b1", "b2", "b3", "b4", "h", "p0", "p1"});
    CHECK(namesOn(pages[1]) == Names{"p2"});
}

TEST_CASE("paginate: a kept group taller than a column breaks rather than looping") {
    std::vector<FlowBox> body = {box("a")};
    for (int i = 0; i < 12; ++i) body.push_back(kept("k" + std::to_string(i)));
    body.push_back(box("z"));
    auto pages = paginate({}, body, geometry());
    auto w = where(pages);
    REQUIRE(w.size() == 14);
    CHECK(w["a"].page == 1);
    CHECK(w["k0"].page == 2);  // the group first moves to a fresh page
    CHECK(w["k0"].y == doctest::Approx(10));
    CHECK(w["k7"].page == 2);
    CHECK(w["k8"].page == 3);
    CHECK(w["z"].page == 3);
}

TEST_CASE("paginate: a float that fits stays at its anchor") {
    std::vector<FlowBox> body = {box("b0"), box("b1"), floating("F", 20), box("b2")};
    auto pages = paginate({}, body, geometry());
    REQUIRE(pages.size() == 1);
    CHECK(namesOn(pages[0]) == Names{"b0", "b1", "F", "b2"});
    auto w = where(pages);
    CHECK(w["F"].y == doctest::Approx(30));
    CHECK(w["b2"].y == doctest::Approx(50));
}

TEST_CASE("paginate: a float that does not fit goes to the next page; later boxes fill this one") {
    std::vector<FlowBox> body = boxes(6);
    body.push_back(floating("F", 30));
    body.push_back(box("c0"));
    body.push_back(box("c1"));
    body.push_back(box("c2"));
    auto pages = paginate({}, body, geometry());
    REQUIRE(pages.size() == 2);
    CHECK(namesOn(pages[0]) == Names{"b0", "b1", "b2", "b3", "b4", "b5", "c0", "c1"});
    CHECK(namesOn(pages[1]) == Names{"F", "c2"});
    auto w = where(pages);
    CHECK(w["c0"].y == doctest::Approx(70));
    CHECK(w["c1"].y == doctest::Approx(80));
    CHECK(w["F"].page == 2);
    CHECK(w["F"].y == doctest::Approx(10));
    CHECK(w["c2"].y == doctest::Approx(40));
}

TEST_CASE("paginate: a float at the very end that does not fit gets its own page") {
    std::vector<FlowBox> body = boxes(7);
    body.push_back(floating("F", 30));
    auto pages = paginate({}, body, geometry());
    REQUIRE(pages.size() == 2);
    CHECK(namesOn(pages[1]) == Names{"F"});
    CHECK(where(pages)["F"].y == doctest::Approx(10));
}

TEST_CASE("paginate: a float taller than a column is placed at a page top, and pagination ends") {
    std::vector<FlowBox> body = {box("a"), floating("F", 200), box("b")};
    auto pages = paginate({}, body, geometry());
    REQUIRE(pages.size() == 2);
    CHECK(namesOn(pages[0]) == Names{"a", "b"});
    CHECK(namesOn(pages[1]) == Names{"F"});
}

TEST_CASE("paginate: a float never lands between boxes joined by keepWithNext") {
    SUBCASE("anchored inside the chain, fitting") {
        std::vector<FlowBox> body = boxes(3);
        body.push_back(kept("h"));
        body.push_back(floating("F", 10));
        body.push_back(box("p"));
        auto pages = paginate({}, body, geometry());
        REQUIRE(pages.size() == 1);
        auto w = where(pages);
        REQUIRE(w.size() == 6);
        CHECK(w["p"].y == doctest::Approx(w["h"].y + 10));
        CHECK(w["F"].y >= w["p"].y + 10 - 1e-9);
    }
    SUBCASE("anchored inside the chain, the chain moving to the next page") {
        std::vector<FlowBox> body = boxes(7);
        body.push_back(kept("h"));
        body.push_back(floating("F", 10));
        body.push_back(box("p"));
        auto pages = paginate({}, body, geometry());
        auto w = where(pages);
        REQUIRE(w.size() == 10);
        CHECK(w["h"].page == 2);
        CHECK(w["p"].page == 2);
        CHECK(w["p"].y == doctest::Approx(w["h"].y + 10));
        CHECK_FALSE((w["F"].page == 2 && w["F"].y > w["h"].y && w["F"].y < w["p"].y));
        CHECK_FALSE((w["F"].page == 1 && w["F"].y > w["b6"].y));  // not after the chain's old place either
    }
    SUBCASE("a pending float and a chain") {
        std::vector<FlowBox> body = boxes(6);
        body.push_back(floating("F", 25));  // does not fit after b5
        body.push_back(kept("h"));
        body.push_back(kept("p0"));
        body.push_back(box("p1"));
        auto pages = paginate({}, body, geometry());
        auto w = where(pages);
        REQUIRE(w.size() == 10);
        CHECK(w["h"].page == w["p0"].page);
        CHECK(w["p0"].page == w["p1"].page);
        CHECK(w["p0"].y == doctest::Approx(w["h"].y + 10));
        CHECK(w["p1"].y == doctest::Approx(w["p0"].y + 10));
        CHECK(w["F"].page == 2);
        CHECK(w["F"].y == doctest::Approx(10));
    }
}

TEST_CASE("paginate: space between boxes collapses; none at a page top") {
    std::vector<FlowBox> body;
    for (int i = 0; i < 6; ++i) {
        FlowBox b = box("s" + std::to_string(i));
        b.spaceBefore = 5;
        body.push_back(b);
    }
    auto pages = paginate({}, body, geometry());
    auto w = where(pages);
    CHECK(w["s0"].y == doctest::Approx(10));  // the first box of the page: no space before
    CHECK(w["s1"].y == doctest::Approx(25));
    CHECK(w["s4"].y == doctest::Approx(70));  // ends at 80: exactly the column
    CHECK(w["s5"].page == 2);
    CHECK(w["s5"].y == doctest::Approx(10));  // space before dropped at the top of page 2

    FlowBox a = box("a");
    a.spaceAfter = 8;
    FlowBox b = box("b");
    b.spaceBefore = 5;
    FlowBox c = box("c");
    c.spaceBefore = 12;
    auto p2 = paginate({}, {a, b, c}, geometry());
    auto w2 = where(p2);
    CHECK(w2["b"].y == doctest::Approx(28));  // max(8, 5)
    CHECK(w2["c"].y == doctest::Approx(50));  // max(0, 12)
}

TEST_CASE("paginate: space counts when deciding whether a box fits") {
    std::vector<FlowBox> body = boxes(7);
    FlowBox last = box("last");
    last.spaceBefore = 5;  // 70 + 5 + 10 > 80
    body.push_back(last);
    auto w = where(paginate({}, body, geometry()));
    CHECK(w["last"].page == 2);
    CHECK(w["last"].y == doctest::Approx(10));
}

TEST_CASE("paginate: two columns fill the left column, then the right") {
    auto pages = paginate({}, boxes(20), geometry(2));
    REQUIRE(pages.size() == 2);
    auto w = where(pages);
    // Column width (190 - 10) / 2 = 90: left column at x 10, right column at x 110.
    for (int i = 0; i < 8; ++i) {
        CAPTURE(i);
        CHECK(w["b" + std::to_string(i)].page == 1);
        CHECK(w["b" + std::to_string(i)].x == doctest::Approx(10));
        CHECK(w["b" + std::to_string(i)].y == doctest::Approx(10 + 10 * i));
    }
    for (int i = 8; i < 16; ++i) {
        CAPTURE(i);
        CHECK(w["b" + std::to_string(i)].page == 1);
        CHECK(w["b" + std::to_string(i)].x == doctest::Approx(110));
        CHECK(w["b" + std::to_string(i)].y == doctest::Approx(10 + 10 * (i - 8)));
    }
    CHECK(w["b16"].page == 2);
    CHECK(w["b16"].x == doctest::Approx(10));
    CHECK(w["b16"].y == doctest::Approx(10));
}

TEST_CASE("paginate: in two columns a float that does not fit goes to the top of the next column") {
    std::vector<FlowBox> body = boxes(7);
    body.push_back(floating("F", 20));
    for (int i = 0; i < 3; ++i) body.push_back(box("c" + std::to_string(i)));
    auto pages = paginate({}, body, geometry(2));
    REQUIRE(pages.size() == 1);
    auto w = where(pages);
    REQUIRE(w.size() == 11);
    CHECK(w["c0"].x == doctest::Approx(10));  // fills the left column
    CHECK(w["c0"].y == doctest::Approx(80));
    CHECK(w["F"].x == doctest::Approx(110));
    CHECK(w["F"].y == doctest::Approx(10));
    CHECK(w["c1"].x == doctest::Approx(110));
    CHECK(w["c1"].y == doctest::Approx(30));
}

TEST_CASE("paginate: a head spans the columns at the top of page 1; columns start below it") {
    FlowBox title = box("title", 15);
    title.spaceAfter = 5;
    FlowBox byline = box("byline", 10);
    byline.spaceBefore = 3;
    byline.spaceAfter = 5;
    auto pages = paginate({title, byline}, boxes(20), geometry(2));
    auto w = where(pages);
    CHECK(w["title"].page == 1);
    CHECK(w["title"].x == doctest::Approx(10));
    CHECK(w["title"].y == doctest::Approx(10));
    CHECK(w["byline"].y == doctest::Approx(30));  // 10 + 15 + max(5, 3)
    // The head ends at 40; the body starts after the head's space after: 45.
    CHECK(w["b0"].page == 1);
    CHECK(w["b0"].x == doctest::Approx(10));
    CHECK(w["b0"].y == doctest::Approx(45));
    // Column height below the head is 90 - 40 = 50: the left column holds b0..b3 (45..85).
    CHECK(w["b3"].x == doctest::Approx(10));
    CHECK(w["b3"].y == doctest::Approx(75));
    CHECK(w["b4"].page == 1);
    CHECK(w["b4"].x == doctest::Approx(110));
    CHECK(w["b4"].y == doctest::Approx(40));  // the right column starts right below the head
    // Page 2's columns start at the top margin.
    int firstOnPage2 = -1;
    for (int i = 0; i < 20 && firstOnPage2 < 0; ++i)
        if (w["b" + std::to_string(i)].page == 2) firstOnPage2 = i;
    REQUIRE(firstOnPage2 > 0);
    CHECK(w["b" + std::to_string(firstOnPage2)].y == doctest::Approx(10));
    CHECK(w["b" + std::to_string(firstOnPage2)].x == doctest::Approx(10));
}

TEST_CASE("paginate: facing pages mirror the margins") {
    PageGeometry g = geometry();
    g.facing = true;
    g.margin = style::Margins{10, 10, 20, 10};  // top, bottom, inner, outer
    auto pages = paginate({}, boxes(20), g);
    REQUIRE(pages.size() == 3);
    auto w = where(pages);
    CHECK(w["b0"].x == doctest::Approx(20));   // page 1 is recto: inner margin on the left
    CHECK(w["b8"].x == doctest::Approx(10));   // page 2 is verso
    CHECK(w["b16"].x == doctest::Approx(20));  // page 3 recto again
    CHECK(g.contentLeft(0) == 20);
    CHECK(g.contentLeft(1) == 10);
    g.facing = false;
    CHECK(g.contentLeft(1) == 20);
}

TEST_CASE("PageGeometry and translate") {
    PageGeometry g = geometry(2);
    CHECK(g.contentWidth() == doctest::Approx(190));
    CHECK(g.contentHeight() == doctest::Approx(80));
    CHECK(g.columnWidth() == doctest::Approx(90));

    std::vector<FrameItem> items = {DestItem{"d", 1, 2}, RuleItem{3, 4, 10, 1, {}, {}}, TextItem{nullptr, 5, 6, {}, {}},
                                    ImageItem{"x.png", 7, 8, 9, 9, {}}};
    translate(items, 10, 100);
    CHECK(std::get<DestItem>(items[0]).x == 11);
    CHECK(std::get<DestItem>(items[0]).y == 102);
    CHECK(std::get<RuleItem>(items[1]).x == 13);
    CHECK(std::get<RuleItem>(items[1]).y == 104);
    CHECK(std::get<TextItem>(items[2]).x == 15);
    CHECK(std::get<TextItem>(items[2]).baseline == 106);
    CHECK(std::get<ImageItem>(items[3]).x == 17);
    CHECK(std::get<ImageItem>(items[3]).y == 108);
    CHECK(std::get<ImageItem>(items[3]).width == 9);
}

TEST_CASE("a column does not end in a hyphenated line when the line can go over") {
    using namespace inkstone::layout;
    PageGeometry g;
    g.width = 200;
    g.height = 35;  // three 10 pt boxes fit
    g.margin = {0, 0, 0, 0};
    auto box = [](const std::string& name, bool hyphen) {
        FlowBox b;
        b.height = 10;
        b.hyphenated = hyphen;
        b.items.push_back(DestItem{name, 0, 0});
        return b;
    };
    auto pageOf = [](const std::vector<Page>& pages, const std::string& name) {
        for (size_t p = 0; p < pages.size(); ++p)
            for (const auto& it : pages[p].items)
                if (auto* d = std::get_if<DestItem>(&it); d && d->name == name) return static_cast<int>(p);
        return -1;
    };
    std::vector<FlowBox> body{box("A", false), box("B", false), box("C", true), box("D", false)};
    auto pages = paginate({}, body, g);
    REQUIRE(pages.size() == 2);
    CHECK(pageOf(pages, "B") == 0);
    CHECK(pageOf(pages, "C") == 1);  // moved over: page 1 would have ended in "C-"
    CHECK(pageOf(pages, "D") == 1);

    // Without the hyphen the page is filled.
    body[2].hyphenated = false;
    pages = paginate({}, body, g);
    CHECK(pageOf(pages, "C") == 0);

    // Not when the line must stay (a break before it is not allowed: orphan rule).
    body[2].hyphenated = true;
    body[1].keepWithNext = true;
    pages = paginate({}, body, g);
    CHECK(pageOf(pages, "C") == 0);
}

TEST_CASE("balanced columns: the last page's columns end level, the page count stays") {
    PageGeometry g = geometry(2);  // columns of 80 pt
    // 23 boxes of 10 pt: page 1 takes 16, the last page 7 (7 in column 1 before balancing).
    auto body = boxes(23, "b", 10);
    auto plain = paginate({}, body, g);
    REQUIRE(plain.size() == 2);
    auto at = where(plain);
    CHECK(at["b22"].x == doctest::Approx(10));  // all of the last page in its first column
    g.balanceLastPage = true;
    auto balanced = paginate({}, body, g);
    REQUIRE(balanced.size() == 2);
    at = where(balanced);
    int left = 0, right = 0;
    for (int i = 16; i < 23; ++i) (at["b" + std::to_string(i)].x < 100 ? left : right)++;
    CHECK(left == 4);  // 4 + 3: the columns differ by at most one box
    CHECK(right == 3);
    for (int i = 0; i < 16; ++i) CHECK(at["b" + std::to_string(i)].page == 1);  // earlier pages untouched
    // One column: nothing to balance.
    PageGeometry one = geometry(1);
    one.balanceLastPage = true;
    CHECK(paginate({}, body, one).size() == paginate({}, body, geometry(1)).size());
    // Kept groups stay whole: pairs of kept boxes split across columns only between pairs.
    auto kept = boxes(23, "k", 10);
    for (size_t i = 0; i < kept.size(); i += 2) kept[i].keepWithNext = true;
    auto k = where(paginate({}, kept, g));
    for (int i = 16; i + 1 < 23; i += 2) CHECK(k["k" + std::to_string(i)].x == k["k" + std::to_string(i + 1)].x);
}

// ---- the flow's regions: insertions and foot notes (compose, then build) ----------------------

namespace {

FlowBox inserted(const std::string& name, double height, Placement where) {
    FlowBox b = box(name, height);
    b.placement = where;
    return b;
}

FlowBox withNote(FlowBox b, const std::string& note, double height) {
    b.notes.push_back(box(note, height));
    return b;
}

PageGeometry withFoot(int columns = 1) {
    PageGeometry g = geometry(columns);
    g.footSeparator = box("sep", 5);  // a 5pt rule-and-space above the notes
    return g;
}

}  // namespace

TEST_CASE("flow: a top insertion that no longer fits waits for the next column's top; the text goes on") {
    // 80pt columns. Six lines, then a 40pt figure anchored after line 6: 60 + 40 > 80, so it
    // waits; lines 7 and 8 still fill this column, and the figure heads the next one.
    auto body = boxes(6, "a");
    body.push_back(inserted("fig", 40, Placement::Top));
    for (auto& b : boxes(4, "b")) body.push_back(b);
    const PageGeometry g = geometry(2);
    const FlowPlan plan = compose({}, body, g);
    REQUIRE(plan.regions.size() == 2);
    CHECK(plan.regions[0].tops.empty());
    CHECK(plan.regions[0].body.size() == 8);  // a0-a5, b0, b1
    CHECK(plan.regions[1].tops == std::vector<size_t>{6});
    CHECK(plan.regions[1].body.size() == 2);
    auto w = where(build(plan, {}, body, g));
    CHECK(w["fig"].page == 1);
    CHECK(w["fig"].x == doctest::Approx(110));  // the second column
    CHECK(w["fig"].y == doctest::Approx(10));   // at its top
    CHECK(w["b1"].x == doctest::Approx(10));
    CHECK(w["b1"].y == doctest::Approx(80));    // the first column's last line
    CHECK(w["b2"].y == doctest::Approx(50));    // under the figure
}

TEST_CASE("flow: a top insertion that fits goes to the top of its own column, above text already there") {
    auto body = boxes(2, "a");
    body.push_back(inserted("fig", 30, Placement::Top));
    for (auto& b : boxes(2, "b")) body.push_back(b);
    auto w = where(paginate({}, body, geometry()));
    CHECK(w["fig"].y == doctest::Approx(10));
    CHECK(w["a0"].y == doctest::Approx(40));
    CHECK(w["b1"].y == doctest::Approx(70));
}

TEST_CASE("flow: insertions keep their order; bottom insertions sit above the foot notes") {
    // Two top figures: the first does not fit this column, so the second waits behind it even
    // though it would fit.
    auto body = boxes(5, "a");
    body.push_back(inserted("big", 50, Placement::Top));
    body.push_back(inserted("small", 10, Placement::Top));
    body.push_back(boxes(1, "z")[0]);
    const FlowPlan plan = compose({}, body, geometry());
    REQUIRE(plan.regions.size() == 2);
    CHECK(plan.regions[0].tops.empty());
    CHECK(plan.regions[1].tops == std::vector<size_t>{5, 6});
    // A bottom insertion and a note in one column: the note at the very bottom, under its
    // separator; the insertion just above the foot area.
    std::vector<FlowBox> b2 = boxes(2, "c");
    b2[1] = withNote(b2[1], "n1", 10);
    b2.push_back(inserted("low", 20, Placement::Bottom));
    auto w = where(paginate({}, b2, withFoot()));
    CHECK(w["n1"].y == doctest::Approx(80));   // 90 - 10
    CHECK(w["sep"].y == doctest::Approx(75));  // 80 - 5
    CHECK(w["low"].y == doctest::Approx(55));  // 75 - 20
    CHECK(w["c1"].y == doctest::Approx(20));
}

TEST_CASE("flow: the foot area grows with each note and pushes a line over") {
    // 80pt: lines of 10pt. Line a2 refers to a 20pt note (+5pt separator): a0-a2 and the foot take
    // 55pt. Line a4 refers to a 15pt note: 5 lines + 5 + 20 + 15 = 90 > 80, so a4 goes over with its
    // note, and a3 ends the column.
    auto body = boxes(8, "a");
    body[2] = withNote(body[2], "n2", 20);
    body[4] = withNote(body[4], "n4", 15);
    const FlowPlan plan = compose({}, body, withFoot());
    REQUIRE(plan.regions.size() == 2);
    CHECK(plan.regions[0].body.size() == 4);
    REQUIRE(plan.regions[0].notes.size() == 1);
    CHECK(plan.regions[0].notes[0].box == 2);
    REQUIRE(plan.regions[1].notes.size() == 1);
    CHECK(plan.regions[1].notes[0].box == 4);
    auto w = where(build(plan, {}, body, withFoot()));
    CHECK(w["a4"].page == 2);
    CHECK(w["n4"].page == 2);
    CHECK(w["n2"].page == 1);
    CHECK(w["n2"].y == doctest::Approx(70));  // 90 - 20
}

TEST_CASE("flow: keeps still hold when a note pushes a kept line over") {
    // a3 keeps with a4; a4's 30pt note does not fit on this page with both: both go over.
    auto body = boxes(8, "a");
    body[3] = kept("a3");
    body[4] = withNote(body[4], "n4", 30);
    auto pages = paginate({}, body, withFoot());
    auto w = where(pages);
    CHECK(w["a3"].page == 2);
    CHECK(w["a4"].page == 2);
    CHECK(w["n4"].page == 2);
    CHECK(namesOn(pages[0]) == Names{"a0", "a1", "a2"});
}

TEST_CASE("flow: a hyphenated line taken back to go over takes its notes along") {
    // Seven lines; a6 is hyphenated and refers to a note; the kept pair a7-a8 does not fit. a6 goes
    // over with the pair, and its note with it.
    auto body = boxes(10, "a");
    body[6].hyphenated = true;
    body[6] = withNote(body[6], "n6", 5);
    body[7] = kept("a7");
    const FlowPlan plan = compose({}, body, withFoot());
    REQUIRE(plan.regions.size() == 2);
    CHECK(plan.regions[0].body.size() == 6);
    CHECK(plan.regions[0].notes.empty());
    REQUIRE(plan.regions[1].notes.size() == 1);
    CHECK(plan.regions[1].notes[0].box == 6);
}

TEST_CASE("flow: a continued table's header row is set again at the top of the next column, as an artifact") {
    // 80pt columns: the header and seven 10pt rows fill page 1; the rest follow the header again.
    auto header = std::make_shared<FlowBox>(kept("head"));
    header->items.push_back(RuleItem{0, 0, 10, 1, {}, {-1, Artifact::Rule}});
    std::vector<FlowBox> body{*header};
    for (int i = 0; i < 10; ++i) {
        FlowBox r = box("r" + std::to_string(i));
        r.items.push_back(RuleItem{0, 0, 10, 1, {}, {7, Artifact::None}});  // a row's own item, with its node
        r.repeatAtTop = header;
        body.push_back(r);
    }
    const FlowPlan plan = compose({}, body, geometry());
    REQUIRE(plan.regions.size() == 2);
    CHECK_FALSE(plan.regions[0].body.front().repeat);
    REQUIRE(plan.regions[1].body.size() == 4);  // the header again, then r7-r9
    CHECK(plan.regions[1].body[0].repeat);
    auto pages = build(plan, {}, body, geometry());
    CHECK(namesOn(pages[0]) == Names{"head", "r0", "r1", "r2", "r3", "r4", "r5", "r6"});
    CHECK(namesOn(pages[1]) == Names{"head", "r7", "r8", "r9"});
    // The repeated header's items are artifacts; the rows keep their nodes.
    int repeated = 0, own = 0;
    for (const auto& item : pages[1].items)
        if (auto* r = std::get_if<RuleItem>(&item)) {
            repeated += r->tag.artifact == Artifact::Rule && r->y < 11;
            own += r->tag.node == 7;
        }
    CHECK(repeated == 1);
    CHECK(own == 3);
    // A table that fits is not given a second header.
    std::vector<FlowBox> small{*header};
    for (int i = 0; i < 3; ++i) {
        FlowBox r = box("s" + std::to_string(i));
        r.repeatAtTop = header;
        small.push_back(r);
    }
    CHECK(namesOn(paginate({}, small, geometry())[0]) == Names{"head", "s0", "s1", "s2"});
}

// ---- floating figures, spanning boxes, continued notes (issue 13) --------------------------------

TEST_CASE("flow: a figure that does not fit where it is anchored heads the next page; the text fills the space left") {
    // Five lines, a 40pt figure (floats like a pull quote), three lines: 50 + 40 > 80, so the
    // figure waits and the three lines fill page 1 to its foot.
    auto body = boxes(5, "a");
    body.push_back(floating("fig", 40));
    for (auto& b : boxes(3, "b")) body.push_back(b);
    for (auto& b : boxes(2, "c")) body.push_back(b);
    auto pages = paginate({}, body, geometry());
    auto w = where(pages);
    CHECK(namesOn(pages[0]) == Names{"a0", "a1", "a2", "a3", "a4", "b0", "b1", "b2"});
    CHECK(w["fig"].page == 2);
    CHECK(w["fig"].y == doctest::Approx(10));
    CHECK(w["c0"].y == doctest::Approx(50));
    // Two figures keep their order even when the second would fit earlier.
    auto two = boxes(5, "a");
    two.push_back(floating("big", 40));
    two.push_back(floating("small", 10));
    for (auto& b : boxes(6, "b")) two.push_back(b);
    auto w2 = where(paginate({}, two, geometry()));
    CHECK(w2["big"].page == 2);
    CHECK(w2["small"].page == 2);
    CHECK(w2["small"].y > w2["big"].y);
}

TEST_CASE("flow: a spanning box goes across the columns at the top of the next page, or of this one before any column") {
    FlowBox wide = box("wide", 30);
    wide.span = true;
    wide.placement = Placement::Top;
    // Anchored after three lines of the first column: page 2's top, both columns start under it.
    auto body = boxes(3, "a");
    body.push_back(wide);
    for (auto& b : boxes(20, "b")) body.push_back(b);
    const PageGeometry g = geometry(2);
    const FlowPlan plan = compose({}, body, g);
    REQUIRE(plan.spans.size() == 1);
    CHECK(plan.spans[0].page == 1);
    auto w = where(build(plan, {}, body, g));
    CHECK(w["wide"].page == 2);
    CHECK(w["wide"].x == doctest::Approx(10));
    CHECK(w["wide"].y == doctest::Approx(10));
    for (const Region& r : plan.regions)
        if (r.page == 1) CHECK(r.top == doctest::Approx(40));
    // Anchored before anything: on page 1 itself.
    std::vector<FlowBox> first{wide};
    for (auto& b : boxes(4, "c")) first.push_back(b);
    auto w1 = where(paginate({}, first, g));
    CHECK(w1["wide"].page == 1);
    CHECK(w1["c0"].y == doctest::Approx(40));
    // A spanning box's notes go to the foot of the page's first column.
    FlowBox noted = wide;
    noted.notes.push_back(box("wn", 10));
    std::vector<FlowBox> withNotes = boxes(3, "d");
    withNotes.push_back(noted);
    for (auto& b : boxes(20, "e")) withNotes.push_back(b);
    PageGeometry gf = g;
    gf.footSeparator = box("sep", 5);
    auto wn = where(paginate({}, withNotes, gf));
    CHECK(wn["wn"].page == 2);
    CHECK(wn["wn"].x == doctest::Approx(10));
    CHECK(wn["wn"].y == doctest::Approx(80));
    // So do a top insertion's (a figure whose caption has a note).
    FlowBox top = inserted("top", 20, Placement::Top);
    top.notes.push_back(box("tn", 10));
    std::vector<FlowBox> one = boxes(2, "f");
    one.push_back(top);
    auto wt = where(paginate({}, one, withFoot()));
    CHECK(wt["tn"].page == 1);
    CHECK(wt["tn"].y == doctest::Approx(80));
    // In one column it is an insertion like any other.
    auto w3 = where(paginate({}, body, geometry(1)));
    CHECK(w3["wide"].page == 1);
}

TEST_CASE("flow: a long note breaks after a line that does not keep, the rest heads the next foot under the continued rule") {
    // a2 refers to a note of six 10pt lines (breaks allowed after its 2nd, 3rd and 4th lines).
    // Three body lines + separator 5 + six note lines = 95 > 80: the note breaks after its 4th
    // line (30 + 5 + 40 = 75); a2 stays with the first four.
    auto body = boxes(10, "a");
    FlowBox& ref = body[2];
    for (int i = 0; i < 6; ++i) {
        FlowBox n = box("n" + std::to_string(i));
        n.keepWithNext = i < 1 || i > 3;  // widows and orphans, as a paragraph's lines
        if (i == 5) n.keepWithNext = false;
        ref.notes.push_back(n);
    }
    PageGeometry g = withFoot();
    g.continuedSeparator = box("cont", 5);
    const FlowPlan plan = compose({}, body, g);
    auto pages = build(plan, {}, body, g);
    auto w = where(pages);
    CHECK(w["a2"].page == 1);
    CHECK(w["n0"].page == 1);
    CHECK(w["n3"].page == 1);
    CHECK(w["n4"].page == 2);
    CHECK(w["n5"].page == 2);
    CHECK(w["n4"].y > w["a9"].y);  // at the foot, under the body
    CHECK(w["cont"].page == 2);
    CHECK(w.count("sep") == 1);
    CHECK(w["cont"].y == doctest::Approx(w["n4"].y - 5));
    // A note that may not break there (n3 keeps with n4) does not: the split moves up to n2.
    body[2].notes[3].keepWithNext = true;
    auto w2 = where(paginate({}, body, g));
    CHECK(w2["n2"].page == 1);
    CHECK(w2["n3"].page == 2);
    // Nothing overflows the foot.
    for (const auto& [name, at] : w) CHECK(at.y <= 90.01);
}
