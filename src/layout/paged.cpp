#include "layout/paged.h"

#include "base/utf8.h"

namespace inkstone::layout {

const char* roleName(Role r) {
    switch (r) {
        case Role::Document: return "Document";
        case Role::Part: return "Part";
        case Role::Art: return "Art";
        case Role::Sect: return "Sect";
        case Role::TOC: return "TOC";
        case Role::TOCI: return "TOCI";
        case Role::H1: return "H1";
        case Role::H2: return "H2";
        case Role::H3: return "H3";
        case Role::H4: return "H4";
        case Role::H5: return "H5";
        case Role::H6: return "H6";
        case Role::P: return "P";
        case Role::BlockQuote: return "BlockQuote";
        case Role::Code: return "Code";
        case Role::L: return "L";
        case Role::LI: return "LI";
        case Role::Lbl: return "Lbl";
        case Role::LBody: return "LBody";
        case Role::Table: return "Table";
        case Role::THead: return "THead";
        case Role::TBody: return "TBody";
        case Role::TR: return "TR";
        case Role::TH: return "TH";
        case Role::TD: return "TD";
        case Role::Figure: return "Figure";
        case Role::Caption: return "Caption";
        case Role::Note: return "Note";
        case Role::Reference: return "Reference";
        case Role::Link: return "Link";
    }
    return "?";
}

const char* artifactName(Artifact a) {
    switch (a) {
        case Artifact::None: return "none";
        case Artifact::RunningHead: return "running-head";
        case Artifact::Folio: return "folio";
        case Artifact::Rule: return "rule";
        case Artifact::Leader: return "leader";
        case Artifact::Ornament: return "ornament";
        case Artifact::Repeated: return "repeated";
    }
    return "?";
}

void markArtifacts(std::vector<FrameItem>& items, Artifact a) {
    auto mark = [&](ItemTag& t) { t = ItemTag{-1, a}; };
    for (FrameItem& item : items) {
        if (auto* t = std::get_if<TextItem>(&item)) {
            mark(t->tag);
            t->runTags.clear();
        } else if (auto* r = std::get_if<RuleItem>(&item)) {
            if (r->tag.artifact == Artifact::None) mark(r->tag);
        } else if (auto* im = std::get_if<ImageItem>(&item)) {
            mark(im->tag);
        } else if (auto* g = std::get_if<GroupItem>(&item)) {
            mark(g->tag);
            markArtifacts(g->items, a);
        }
    }
}

void offsetNodes(std::vector<FrameItem>& items, int offset) {
    auto shift = [&](ItemTag& t) {
        if (t.node >= 0) t.node += offset;
    };
    for (FrameItem& item : items) {
        if (auto* t = std::get_if<TextItem>(&item)) {
            shift(t->tag);
            for (RunTag& r : t->runTags)
                if (r.node >= 0) r.node += offset;
        } else if (auto* r = std::get_if<RuleItem>(&item)) {
            shift(r->tag);
        } else if (auto* im = std::get_if<ImageItem>(&item)) {
            shift(im->tag);
        } else if (auto* g = std::get_if<GroupItem>(&item)) {
            shift(g->tag);
            offsetNodes(g->items, offset);
        }
    }
}

std::optional<Lang> runLanguage(std::string_view text, const Lang& spanLang, const Lang& nodeLang) {
    bool han = false, latin = false;
    for (size_t i = 0; i < text.size() && !han;) {
        const char32_t c = decodeUtf8(text, i);
        if (isHan(c)) han = true;
        else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7))
            latin = true;
    }
    std::optional<Lang> lang;
    if (han) lang = spanLang.chinese() ? spanLang : Lang(Lang::Script::Hans);
    else if (latin) lang = Lang();
    else lang = spanLang;  // punctuation and digits: the span's (a marked span's, or the node's)
    if (lang && *lang == nodeLang) lang.reset();
    return lang;
}

void resolveRoles(std::vector<FrameItem>& items, const std::vector<StructNode>& structure) {
    auto role = [&](int node, Role& r) {
        if (node >= 0 && static_cast<size_t>(node) < structure.size()) r = structure[static_cast<size_t>(node)].role;
    };
    for (FrameItem& item : items) {
        if (auto* t = std::get_if<TextItem>(&item)) {
            role(t->tag.node, t->tag.role);
            for (RunTag& r : t->runTags) role(r.node, r.role);
        } else if (auto* r = std::get_if<RuleItem>(&item)) {
            role(r->tag.node, r->tag.role);
        } else if (auto* im = std::get_if<ImageItem>(&item)) {
            role(im->tag.node, im->tag.role);
        } else if (auto* g = std::get_if<GroupItem>(&item)) {
            role(g->tag.node, g->tag.role);
            resolveRoles(g->items, structure);
        }
    }
}

int appendNodes(std::vector<StructNode>& structure, const std::vector<StructNode>& nodes, int parent) {
    const int offset = static_cast<int>(structure.size());
    for (StructNode n : nodes) {
        n.parent = n.parent < 0 ? parent : n.parent + offset;
        structure.push_back(std::move(n));
    }
    return offset;
}

}  // namespace inkstone::layout
