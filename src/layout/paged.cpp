#include "layout/paged.h"

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
            t->runNodes.clear();
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
            for (int& n : t->runNodes)
                if (n >= 0) n += offset;
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

int appendNodes(std::vector<StructNode>& structure, const std::vector<StructNode>& nodes, int parent) {
    const int offset = static_cast<int>(structure.size());
    for (StructNode n : nodes) {
        n.parent = n.parent < 0 ? parent : n.parent + offset;
        structure.push_back(std::move(n));
    }
    return offset;
}

}  // namespace inkstone::layout
