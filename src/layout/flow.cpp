#include "layout/flow.h"

#include <algorithm>
#include <deque>
#include <optional>

namespace inkstone::layout {

void translate(std::vector<FrameItem>& items, double dx, double dy) {
    for (auto& it : items) {
        std::visit([&](auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, TextItem>) {
                v.x += dx;
                v.baseline += dy;
            } else if constexpr (std::is_same_v<T, GroupItem>) {
                v.transform[4] += dx;
                v.transform[5] += dy;
            } else {
                v.x += dx;
                v.y += dy;
            }
        }, static_cast<std::variant<TextItem, RuleItem, ImageItem, DestItem, GroupItem>&>(it));
    }
}

double PageGeometry::contentLeft(int pageIndex) const {
    // Page 1 is recto: inner margin on the left (on the right when bound on the right). Verso
    // pages mirror in facing-page styles.
    return leftHand(pageIndex) ? margin.outer : margin.inner;
}

namespace {

// Decides the regions (compose()): the state of the column being filled, and the boxes waiting
// for a column (floats and insertions that did not fit where they were anchored).
class Composer {
public:
    Composer(const std::vector<FlowBox>& body, const PageGeometry& g, long capPage, double cap)
        : body_(body), g_(g), capPage_(capPage), cap_(cap) {}

    FlowPlan run(const std::vector<FlowBox>& head) {
        newPage();
        // The head spans all columns at the top of the first page.
        double headY = 0, lastAfter = 0;
        for (size_t i = 0; i < head.size(); ++i) {
            headY += (i == 0 ? 0 : std::max(lastAfter, head[i].spaceBefore)) + head[i].height;
            lastAfter = head[i].spaceAfter;
        }
        if (!head.empty()) {
            colTop_ = g_.margin.top + headY;
            pendingGap_ = lastAfter;
            atTop_ = false;
            openRegion();
        }
        // Boxes in the flow, and the others with the flow box they stand before.
        std::vector<size_t> main;
        std::vector<std::pair<size_t, size_t>> anchored;
        for (size_t b = 0; b < body_.size(); ++b) {
            if (body_[b].placement == Placement::Flow) main.push_back(b);
            else anchored.emplace_back(main.size(), b);
        }
        size_t nextAnchored = 0;
        size_t i = 0;
        while (i < main.size()) {
            while (nextAnchored < anchored.size() && anchored[nextAnchored].first <= i) wait(anchored[nextAnchored++].second);
            placeWaiting();
            if (body_[main[i]].barrier) flushWaiting();
            size_t j = i;  // the kept group is main[i..j]
            while (j + 1 < main.size() && body_[main[j]].keepWithNext) ++j;
            double h = 0;
            std::vector<const FlowBox*> notes;
            for (size_t k = i; k <= j; ++k) {
                const FlowBox& b = body_[main[k]];
                h += (k == i ? 0 : std::max(body_[main[k - 1]].spaceAfter, b.spaceBefore)) + b.height;
                for (const FlowBox& n : b.notes) notes.push_back(&n);
            }
            h += repeatHeight(body_[main[i]]);
            if (!carry_.empty()) notes.clear();  // they follow the carried notes to the next foot
            size_t noteLines = notes.size();
            bool fit = fits(body_[main[i]], h, notes);
            // Notes that do not fit whole may break (after a line that does not keep with the next):
            // as many lines as fit stay with their references, the rest go on.
            for (size_t k = notes.size(); !fit && k-- > 1;) {
                if (notes[k - 1]->keepWithNext) continue;
                const std::vector<const FlowBox*> part(notes.begin(), notes.begin() + static_cast<std::ptrdiff_t>(k));
                if (fits(body_[main[i]], h, part)) {
                    fit = true;
                    noteLines = k;
                }
            }
            if (fit) {
                for (size_t k = i; k <= j; ++k) {
                    const size_t own = body_[main[k]].notes.size();
                    append(main[k], std::min(own, noteLines));
                    noteLines -= std::min(own, noteLines);
                }
            } else if (!atTop_) {
                // A column should not end in a hyphen: when its last line is hyphenated and a break
                // is allowed before that line, the line goes over with the rest.
                const Last moved = last_;
                const bool moveDown = moved.entry && body_[region().body[*moved.entry].box].hyphenated && moved.breakBefore;
                size_t movedBox = 0;
                if (moveDown) movedBox = takeBackLast();
                nextColumn();
                if (moveDown) append(movedBox);
                continue;  // retry the group at the top of the next column
            } else {
                // Taller than a whole column: break inside the group, box by box.
                for (size_t k = i; k <= j; ++k) {
                    std::vector<const FlowBox*> own;
                    for (const FlowBox& n : body_[main[k]].notes) own.push_back(&n);
                    if (!carry_.empty()) own.clear();
                    if (!fits(body_[main[k]], body_[main[k]].height + repeatHeight(body_[main[k]]), own) && !atTop_)
                        nextColumn();
                    append(main[k], notesThatFit(body_[main[k]]));
                }
            }
            i = j + 1;
        }
        while (nextAnchored < anchored.size()) wait(anchored[nextAnchored++].second);
        placeWaiting();
        flushWaiting();
        while (!carry_.empty()) nextColumn();
        plan_.pages = page_ + 1;
        return std::move(plan_);
    }

private:
    Region& region() { return plan_.regions.back(); }
    const Region& region() const { return plan_.regions.back(); }

    // Heights of the region's parts, as build() stacks them.
    double topsHeight() const {
        double h = 0;
        for (size_t b : region().tops) h += body_[b].height + body_[b].spaceAfter;
        return h;
    }
    double bottomsHeight() const {
        double h = 0;
        for (size_t b : region().bottoms) h += body_[b].spaceBefore + body_[b].height;
        return h;
    }
    // The foot area with `extra` notes added.
    double footHeight(const std::vector<const FlowBox*>& extra = {}) const {
        std::vector<const FlowBox*> all;
        for (const Region::Note& n : region().notes) all.push_back(&body_[n.box].notes[n.note]);
        all.insert(all.end(), extra.begin(), extra.end());
        if (all.empty()) return 0;
        double h = g_.footSeparator.height;
        for (size_t k = 0; k < all.size(); ++k)
            h += (k == 0 ? 0 : std::max(all[k - 1]->spaceAfter, all[k]->spaceBefore)) + all[k]->height;
        return h;
    }
    double gapBefore(const FlowBox& b) const { return atTop_ ? 0 : std::max(pendingGap_, b.spaceBefore); }
    // Whether `height` of body starting with `first` (and its notes) still fits the region.
    bool fits(const FlowBox& first, double height, const std::vector<const FlowBox*>& notes = {}) const {
        return topsHeight() + y_ + gapBefore(first) + height + bottomsHeight() + footHeight(notes) <= region().height + 0.01;
    }

    // What a box's repeated header adds when the box would start the column's body.
    double repeatHeight(const FlowBox& b) const {
        if (!atTop_ || !b.repeatAtTop) return 0;
        return b.repeatAtTop->height + std::max(b.repeatAtTop->spaceAfter, b.spaceBefore);
    }

    // How many of a box's note lines fit the region with it (a box set regardless: the rest go on).
    size_t notesThatFit(const FlowBox& box) const {
        if (!carry_.empty()) return 0;
        std::vector<const FlowBox*> lines;
        for (const FlowBox& n : box.notes) lines.push_back(&n);
        while (!lines.empty() && !fits(box, box.height + repeatHeight(box), lines)) lines.pop_back();
        return lines.size();
    }

    // Sets box `b` in the body with its first `noteLines` note lines in the foot; its other note
    // lines wait for the next column's foot.
    void append(size_t b, size_t noteLines = static_cast<size_t>(-1)) {
        const FlowBox& box = body_[b];
        if (atTop_ && box.repeatAtTop) {
            // A continued table: its header first (not a place to break: last_ is not moved).
            region().body.push_back(Region::Entry{b, 0, true});
            y_ += box.repeatAtTop->height;
            pendingGap_ = box.repeatAtTop->spaceAfter;
            atTop_ = false;
        }
        const bool isFloat = box.placement != Placement::Flow;
        const bool lastFloat = last_.entry && body_[region().body[*last_.entry].box].placement != Placement::Flow;
        const bool lastKeeps = last_.entry && body_[region().body[*last_.entry].box].keepWithNext;
        last_ = Last{region().body.size(), y_, pendingGap_, !atTop_ && last_.entry && !lastKeeps && !isFloat && !lastFloat};
        const double gap = gapBefore(box);
        region().body.push_back(Region::Entry{b, gap});
        addNotes(b, noteLines);
        y_ += gap + box.height;
        pendingGap_ = box.spaceAfter;
        atTop_ = false;
    }
    // Takes the last body box back out of the region (with its notes); returns it.
    size_t takeBackLast() {
        Region& r = region();
        const size_t b = r.body.back().box;
        r.body.pop_back();
        while (!r.notes.empty() && r.notes.back().box == b) r.notes.pop_back();
        while (!carry_.empty() && carry_.back().box == b) carry_.pop_back();
        y_ = last_.y;
        pendingGap_ = last_.pendingGap;
        last_ = {};
        return b;
    }

    void wait(size_t b) {
        if (body_[b].span && g_.columns > 1) {
            spans_.push_back(b);
            // Where no column of the page has begun (nothing but spans above: the head leaves
            // atTop_ false), the page's top is still free.
            const Region& r = region();
            if (col_ == 0 && atTop_ && r.tops.empty() && r.bottoms.empty() && r.notes.empty()) {
                placeSpans(false);
                openRegion();
                takeCarried();
            }
            return;
        }
        switch (body_[b].placement) {
            case Placement::Top: tops_.push_back(b); break;
            case Placement::Bottom: bottoms_.push_back(b); break;
            default: floats_.push_back(b); break;
        }
    }
    // Places what waits, in order, as far as it fits: floats in the body here; insertions at the
    // region's top or bottom.
    void placeWaiting() {
        while (!floats_.empty()) {
            const FlowBox& f = body_[floats_.front()];
            if (!atTop_ && !fits(f, f.height)) break;
            append(floats_.front());
            floats_.pop_front();
        }
        for (auto* queue : {&tops_, &bottoms_}) {
            while (!queue->empty()) {
                const FlowBox& f = body_[queue->front()];
                const double need = f.spaceBefore + f.height + f.spaceAfter;
                std::vector<const FlowBox*> notes;
                if (carry_.empty())
                    for (const FlowBox& n : f.notes) notes.push_back(&n);
                if (topsHeight() + y_ + bottomsHeight() + footHeight(notes) + need > region().height + 0.01) break;
                (queue == &tops_ ? region().tops : region().bottoms).push_back(queue->front());
                addNotes(queue->front());
                queue->pop_front();
            }
        }
    }
    // Goes on column by column until every waiting box is placed.
    void flushWaiting() {
        while (!floats_.empty() || !tops_.empty() || !bottoms_.empty() || !spans_.empty()) {
            const size_t before = floats_.size() + tops_.size() + bottoms_.size() + spans_.size();
            nextColumn();
            // A region that takes nothing must still take the first waiting box (taller than a
            // column): placed alone, so that composing ends.
            if (floats_.size() + tops_.size() + bottoms_.size() + spans_.size() == before) forceFirstWaiting();
        }
    }
    // A box's first `limit` note lines to this region's foot (while no notes wait for the next
    // one: order), the others after the waiting ones.
    void addNotes(size_t b, size_t limit = static_cast<size_t>(-1)) {
        for (size_t n = 0; n < body_[b].notes.size(); ++n) {
            if (n < limit && carry_.empty()) region().notes.push_back(Region::Note{b, n});
            else carry_.push_back(Region::Note{b, n, true});
        }
    }
    void forceFirstWaiting() {
        if (!floats_.empty()) {
            append(floats_.front());
            floats_.pop_front();
        } else if (!tops_.empty()) {
            region().tops.push_back(tops_.front());
            addNotes(tops_.front());
            tops_.pop_front();
        } else if (!bottoms_.empty()) {
            region().bottoms.push_back(bottoms_.front());
            addNotes(bottoms_.front());
            bottoms_.pop_front();
        }
    }

    void openRegion() {
        const double full = g_.margin.top + g_.contentHeight() - colTop_;
        const double height = static_cast<long>(page_) == capPage_ ? std::min(full, cap_) : full;
        if (!plan_.regions.empty() && plan_.regions.back().page == page_ && plan_.regions.back().column == col_) {
            plan_.regions.back().top = colTop_;
            plan_.regions.back().height = height;
            return;
        }
        Region r;
        r.page = page_;
        r.column = col_;
        r.top = colTop_;
        r.height = height;
        plan_.regions.push_back(std::move(r));
        takeCarried();
    }
    // Notes continued from the column before head the new foot area; they take at most half the
    // region (the rest goes on again), and at least a line.
    void takeCarried() {
        Region& r = region();
        while (!carry_.empty()) {
            std::vector<const FlowBox*> next{&body_[carry_.front().box].notes[carry_.front().note]};
            if (!r.notes.empty() && footHeight(next) > r.height / 2) break;
            r.notes.push_back(carry_.front());
            carry_.pop_front();
        }
    }
    void newPage() {
        last_ = {};
        if (!plan_.regions.empty()) ++page_;
        col_ = 0;
        colTop_ = g_.margin.top;
        y_ = 0;
        atTop_ = true;
        pendingGap_ = 0;
        placeSpans(true);
        openRegion();
    }
    // Stacks waiting spanning boxes at the top of the page, in order, while they fit; on a fresh
    // page (`force`) the first one goes even when taller than the page, so that composing ends.
    void placeSpans(bool force) {
        const double bottom = g_.margin.top + g_.contentHeight();
        while (!spans_.empty()) {
            const FlowBox& f = body_[spans_.front()];
            const bool first = colTop_ == g_.margin.top;
            if (colTop_ + f.height > bottom + 0.01 && !(force && first)) break;
            plan_.spans.push_back(FlowPlan::Span{page_, spans_.front(), colTop_});
            // Its notes go to the foot of the page's first column (the next region opened).
            for (size_t n = 0; n < f.notes.size(); ++n) carry_.push_back(Region::Note{spans_.front(), n, false});
            colTop_ += f.height + f.spaceAfter;
            spans_.pop_front();
        }
    }
    void nextColumn() {
        last_ = {};
        if (col_ + 1 < g_.columns) {
            ++col_;
            y_ = 0;
            atTop_ = true;
            pendingGap_ = 0;
            openRegion();
        } else {
            newPage();
        }
        placeWaiting();
    }

    // The body box placed last in the region, and the state before it (to take it back).
    struct Last {
        std::optional<size_t> entry;  // index in region().body
        double y = 0, pendingGap = 0;
        bool breakBefore = false;  // a column break is allowed before it
    };

    const std::vector<FlowBox>& body_;
    const PageGeometry& g_;
    long capPage_ = -1;
    double cap_ = 0;
    FlowPlan plan_;
    Last last_;
    std::deque<size_t> floats_, tops_, bottoms_;  // waiting for a region
    std::deque<size_t> spans_;                      // waiting for a page top
    std::deque<Region::Note> carry_;                // note lines waiting for the next foot area
    size_t page_ = 0;
    int col_ = 0;
    double colTop_ = 0;
    double y_ = 0;  // the body's height so far
    double pendingGap_ = 0;
    bool atTop_ = true;
};

void place(Page& page, const FlowBox& b, double x, double y) {
    std::vector<FrameItem> items = b.items;
    translate(items, x, y);
    page.items.insert(page.items.end(), std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
}

}  // namespace

FlowPlan compose(const std::vector<FlowBox>& head, const std::vector<FlowBox>& body, const PageGeometry& g, long capPage,
                 double cap) {
    return Composer(body, g, capPage, cap).run(head);
}

std::vector<Page> build(const FlowPlan& plan, const std::vector<FlowBox>& head, const std::vector<FlowBox>& body,
                        const PageGeometry& g) {
    std::vector<Page> pages(plan.pages);
    for (Page& p : pages) {
        p.width = g.width;
        p.height = g.height;
    }
    double y = g.margin.top;
    for (size_t i = 0; i < head.size() && !pages.empty(); ++i) {
        y += i == 0 ? 0 : std::max(head[i - 1].spaceAfter, head[i].spaceBefore);
        place(pages[0], head[i], g.contentLeft(0), y);
        y += head[i].height;
    }
    for (const FlowPlan::Span& sp : plan.spans) place(pages[sp.page], body[sp.box], g.contentLeft(static_cast<int>(sp.page)), sp.y);
    for (const Region& r : plan.regions) {
        Page& page = pages[r.page];
        const double x = g.contentLeft(static_cast<int>(r.page)) + r.column * (g.columnWidth() + g.columnGap);
        double top = r.top;
        for (size_t b : r.tops) {
            place(page, body[b], x, top);
            top += body[b].height + body[b].spaceAfter;
        }
        for (const Region::Entry& e : r.body) {
            top += e.gap;
            if (e.repeat) {
                FlowBox copy = *body[e.box].repeatAtTop;
                markArtifacts(copy.items, Artifact::Repeated);
                place(page, copy, x, top);
                top += copy.height;
                continue;
            }
            place(page, body[e.box], x, top);
            top += body[e.box].height;
        }
        // From the bottom up: the foot area, then the bottom insertions above it.
        std::vector<const FlowBox*> notes;
        for (const Region::Note& n : r.notes) notes.push_back(&body[n.box].notes[n.note]);
        double foot = 0;
        if (!notes.empty()) {
            foot = g.footSeparator.height;
            for (size_t k = 0; k < notes.size(); ++k)
                foot += (k == 0 ? 0 : std::max(notes[k - 1]->spaceAfter, notes[k]->spaceBefore)) + notes[k]->height;
        }
        const double footTop = r.top + r.height - foot;
        double bottom = footTop;
        for (size_t b : r.bottoms) bottom -= body[b].spaceBefore + body[b].height;
        for (size_t b : r.bottoms) {
            bottom += body[b].spaceBefore;
            place(page, body[b], x, bottom);
            bottom += body[b].height;
        }
        if (!notes.empty()) {
            double fy = footTop;
            const bool continued = r.notes.front().continued && !g.continuedSeparator.items.empty();
            place(page, continued ? g.continuedSeparator : g.footSeparator, x, fy);
            fy += g.footSeparator.height;
            for (size_t k = 0; k < notes.size(); ++k) {
                fy += k == 0 ? 0 : std::max(notes[k - 1]->spaceAfter, notes[k]->spaceBefore);
                place(page, *notes[k], x, fy);
                fy += notes[k]->height;
            }
        }
    }
    return pages;
}

std::vector<Page> paginate(const std::vector<FlowBox>& head, const std::vector<FlowBox>& body, const PageGeometry& g) {
    const FlowPlan plan = compose(head, body, g);
    if (!g.balanceLastPage || g.columns < 2 || plan.pages == 0) return build(plan, head, body, g);
    // Balance the last page's columns: the lowest column height (to 1 pt) that still lays the
    // article out on as many pages. Every rule of the composer holds at any height, so the
    // balanced page is one it could have made.
    const long last = static_cast<long>(plan.pages) - 1;
    double lo = 0, hi = g.contentHeight();
    std::optional<FlowPlan> best;
    while (hi - lo > 1.0) {
        const double mid = (lo + hi) / 2;
        FlowPlan trial = compose(head, body, g, last, mid);
        if (trial.pages == plan.pages) {
            hi = mid;
            best = std::move(trial);
        } else {
            lo = mid;
        }
    }
    return build(best ? *best : plan, head, body, g);
}

}  // namespace inkstone::layout
