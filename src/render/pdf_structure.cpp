#include "render/pdf_structure.h"

#include <algorithm>
#include <limits>
#include <map>

namespace inkstone::render::pdf {
using layout::Artifact;
using layout::Role;

namespace {

// An artifact's kind (14.8.2.2): page furniture and repeated rows are pagination artifacts;
// rules, leaders and ornaments are layout, written as the plain `/Artifact BMC` (the type is
// optional; every table rule has one).
bool pagination(Artifact a) { return a == Artifact::RunningHead || a == Artifact::Folio || a == Artifact::Repeated; }

}  // namespace

// A sequence that began inside a text object goes on only while that text object does, and only
// for text (other content ends the text object).
bool PageTags::continues(bool text) {
    if (open_ && cs_.markedDepth() == 0) open_ = false;  // ended with its text object
    return open_ && (text || !text_);
}

void PageTags::content(int node, Role role, const std::optional<Lang>& lang, bool text) {
    if (!enabled_) return;
    if (node < 0) return artifact(Artifact::Ornament, text);
    if (continues(text) && node_ == node && lang_ == lang) return;
    close();
    if (text) cs_.beginText();  // the run's sequence inside the text object
    std::string props = "<</MCID " + std::to_string(mcids.size());
    if (lang) props += " /Lang " + textString(lang->tag());
    cs_.beginMarked(std::string("/") + layout::roleName(role), props + ">>", text);
    mcids.push_back(node);
    open_ = true, node_ = node, lang_ = lang, artifact_ = Artifact::None, text_ = text && cs_.markedText();
}

void PageTags::softHyphen(int node) {
    if (!enabled_ || node < 0) return;
    close();
    cs_.beginText();
    // A Span: poppler reads /ActualText only there.
    cs_.beginMarked("/Span", "<</MCID " + std::to_string(mcids.size()) + " /ActualText <FEFF00AD>>>", true);
    mcids.push_back(node);
    open_ = true, node_ = -2, lang_.reset(), artifact_ = Artifact::None;  // nothing else joins it
    text_ = cs_.markedText();
}

void PageTags::artifact(Artifact a, bool text) {
    if (!enabled_) return;
    if (continues(text) && node_ == -1 && pagination(artifact_) == pagination(a)) return;
    close();
    if (text) cs_.beginText();
    if (pagination(a)) cs_.beginMarked("/Artifact", "<</Type /Pagination>>", text);
    else cs_.beginMarked("/Artifact", "", text);
    open_ = true, node_ = -1, lang_.reset(), artifact_ = a, text_ = text && cs_.markedText();
}

void PageTags::close() {
    if (!open_) return;
    if (cs_.markedDepth() > 0) cs_.endMarked();
    open_ = false;
}

namespace {

struct Content {
    size_t seq;  // position in the document's drawing order
    int page;    // index into the pages
    int mcid;
};

struct Element {
    std::vector<int> children;   // nodes, in index (reading) order
    std::vector<Content> own;    // its marked content, in drawing order
    std::vector<const TaggedPage::Annotation*> annots;
    std::vector<int> annotPages;
    size_t first = std::numeric_limits<size_t>::max();  // the first content of its subtree
    bool kept = false;
    int object = 0;
};

bool tablePart(Role r) {
    return r == Role::Table || r == Role::THead || r == Role::TBody || r == Role::TR || r == Role::TH || r == Role::TD;
}

}  // namespace

std::string writeStructure(ObjectFile& file, const std::vector<layout::StructNode>& structure, const std::string& lang,
                           const std::vector<TaggedPage>& pages) {
    // Node n of the tree is structure[n]; one more, a Document holding the roots, unless the
    // structure has a single Document root of its own.
    const int n = static_cast<int>(structure.size());
    std::vector<int> roots;
    for (int i = 0; i < n; ++i) {
        const int p = structure[static_cast<size_t>(i)].parent;
        if (p < 0 || p >= n || p == i) roots.push_back(i);
    }
    const bool ownRoot = roots.size() == 1 && structure[static_cast<size_t>(roots[0])].role == Role::Document;
    const int doc = ownRoot ? roots[0] : n;
    std::vector<Element> el(static_cast<size_t>(n) + 1);
    auto at = [&](int i) -> Element& { return el[static_cast<size_t>(i)]; };
    auto parentOf = [&](int i) {
        if (i == n) return -1;
        const int p = structure[static_cast<size_t>(i)].parent;
        return p < 0 || p >= n || p == i ? (i == doc ? -1 : doc) : p;
    };
    for (int i = 0; i < n; ++i)
        if (const int p = parentOf(i); p >= 0) at(p).children.push_back(i);

    // Contents in drawing order; a node's first content, its subtree's first (children come after
    // their parent in the list, so one backward pass gives every subtree's).
    size_t seq = 0;
    for (size_t p = 0; p < pages.size(); ++p) {
        const TaggedPage& page = pages[p];
        for (size_t m = 0; m < page.mcids.size(); ++m) {
            const int node = page.mcids[m];
            if (node < 0 || node >= n) continue;
            at(node).own.push_back({seq, static_cast<int>(p), static_cast<int>(m)});
            at(node).first = std::min(at(node).first, seq);
            ++seq;
        }
        for (const auto& a : page.annotations)
            if (a.node >= 0 && a.node < n) {
                at(a.node).annots.push_back(&a);
                at(a.node).annotPages.push_back(static_cast<int>(p));
                at(a.node).first = std::min(at(a.node).first, seq);
            }
    }
    // Bottom-up (a child's index is above its parent's, except the Document made here).
    std::vector<int> order;  // depth first, parents before children
    {
        std::vector<int> stack{doc};
        while (!stack.empty()) {
            const int i = stack.back();
            stack.pop_back();
            order.push_back(i);
            const auto& c = at(i).children;
            for (auto it = c.rbegin(); it != c.rend(); ++it) stack.push_back(*it);
        }
    }
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        Element& e = at(*it);
        bool any = !e.own.empty() || !e.annots.empty();
        for (int c : e.children) {
            e.first = std::min(e.first, at(c).first);
            any = any || at(c).kept;
        }
        // Elements with nothing drawn are left out, except a table's rows and cells (a table
        // keeps its grid) and the root.
        e.kept = any || *it == doc || (*it < n && tablePart(structure[static_cast<size_t>(*it)].role));
    }
    for (int i : order)
        if (at(i).kept) at(i).object = file.reserve();

    // The parent tree: each page's MCIDs to their elements, each annotation to its element.
    std::string nums;
    for (size_t p = 0; p < pages.size(); ++p) {
        const TaggedPage& page = pages[p];
        if (!page.mcids.empty()) {
            std::string arr = "[";
            for (int node : page.mcids) arr += " " + ObjectFile::ref(at(node >= 0 && node < n ? node : doc).object);
            const int obj = file.reserve();
            file.packed(obj, arr + " ]");
            nums += " " + std::to_string(p) + " " + ObjectFile::ref(obj);
        }
    }
    int nextKey = static_cast<int>(pages.size());
    std::vector<std::pair<int, int>> annotKeys;  // key, element
    for (const TaggedPage& page : pages)
        for (const auto& a : page.annotations) {
            annotKeys.emplace_back(a.key, at(a.node >= 0 && a.node < n ? a.node : doc).object);
            nextKey = std::max(nextKey, a.key + 1);
        }
    std::sort(annotKeys.begin(), annotKeys.end());
    for (const auto& [key, obj] : annotKeys) nums += " " + std::to_string(key) + " " + ObjectFile::ref(obj);

    // The elements.
    std::map<std::string, int> ids;  // note IDs -> element
    const int treeRoot = file.reserve();
    for (int i : order) {
        Element& e = at(i);
        if (!e.kept) continue;
        const Role role = i == n ? Role::Document : structure[static_cast<size_t>(i)].role;
        const int parent = parentOf(i);
        // Kids: its children where their first content falls among its own (a link inside a
        // paragraph), in reading order; annotations last.
        std::string k;
        int pg = e.own.empty() ? (e.annots.empty() ? -1 : e.annotPages[0]) : e.own[0].page;
        size_t o = 0;
        size_t key = 0;  // a child without content keeps its place after the one before
        auto mcr = [&](const Content& c) {
            if (c.page == pg) k += " " + std::to_string(c.mcid);
            else
                k += " <</Type /MCR /Pg " + ObjectFile::ref(pages[static_cast<size_t>(c.page)].object) + " /MCID " +
                     std::to_string(c.mcid) + ">>";
        };
        for (int c : e.children) {
            if (!at(c).kept) continue;
            if (at(c).first != std::numeric_limits<size_t>::max()) key = std::max(key, at(c).first);
            while (o < e.own.size() && e.own[o].seq < key) mcr(e.own[o++]);
            k += " " + ObjectFile::ref(at(c).object);
        }
        while (o < e.own.size()) mcr(e.own[o++]);
        for (size_t a = 0; a < e.annots.size(); ++a) {
            k += " <</Type /OBJR /Obj " + ObjectFile::ref(e.annots[a]->object);
            if (e.annotPages[a] != pg) k += " /Pg " + ObjectFile::ref(pages[static_cast<size_t>(e.annotPages[a])].object);
            k += ">>";
        }

        std::string d = "<</S /";
        d += layout::roleName(role);
        d += " /P " + ObjectFile::ref(parent < 0 ? treeRoot : at(parent).object);
        if (pg >= 0) d += " /Pg " + ObjectFile::ref(pages[static_cast<size_t>(pg)].object);
        if (i < n) {
            const layout::StructNode& node = structure[static_cast<size_t>(i)];
            const std::string mine = node.lang.tag();
            const std::string theirs = parent < 0 || parent == n ? lang : structure[static_cast<size_t>(parent)].lang.tag();
            if (mine != theirs) d += " /Lang " + textString(mine);
            if (role == Role::Figure) d += " /Alt " + textString(node.alt);
            if (role == Role::Note) {
                const std::string id = "note-" + std::to_string(i);
                d += " /ID " + textString(id);
                ids[id] = e.object;
            }
            if (role == Role::TH) {
                // Column headers in the table's head, row headers elsewhere.
                bool head = false;
                for (int a = parent; a >= 0 && a < n && !head; a = structure[static_cast<size_t>(a)].parent)
                    head = structure[static_cast<size_t>(a)].role == Role::THead;
                d += std::string(" /A << /O /Table /Scope /") + (head ? "Column" : "Row") + " >>";
            }
        }
        // (/Type /StructElem is optional: 14.7.2; a single kid needs no array.)
        const bool single = !k.empty() && k.find(' ', 1) == std::string::npos;
        file.packed(e.object, d + (single ? " /K" + k + ">>" : " /K [" + k + " ]>>"));
    }

    std::string root = "<< /Type /StructTreeRoot /K " + ObjectFile::ref(at(doc).object);
    const int parentTree = file.reserve();
    file.packed(parentTree, "<< /Nums [" + nums + " ] >>");
    root += " /ParentTree " + ObjectFile::ref(parentTree) + " /ParentTreeNextKey " + std::to_string(nextKey);
    if (!ids.empty()) {
        std::string names;
        for (const auto& [id, obj] : ids) names += " " + textString(id) + " " + ObjectFile::ref(obj);
        const int idTree = file.reserve();
        file.packed(idTree, "<< /Names [" + names + " ] >>");
        root += " /IDTree " + ObjectFile::ref(idTree);
    }
    file.packed(treeRoot, root + " >>");
    file.flushPacked();  // compressed while the caller goes on
    return " /StructTreeRoot " + ObjectFile::ref(treeRoot) + " /MarkInfo << /Marked true >>";
}

}  // namespace inkstone::render::pdf
