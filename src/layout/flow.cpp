#include "layout/flow.h"

#include <algorithm>

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
    // Page 1 is recto: inner margin on the left. Verso pages mirror in facing-page styles.
    if (facing && pageIndex % 2 == 1) return margin.outer;
    return margin.inner;
}

namespace {

class Paginator {
public:
    // `capPage` >= 0: on that page, no column is filled beyond `cap` points (balancing).
    explicit Paginator(const PageGeometry& g, long capPage = -1, double cap = 0) : g_(g), capPage_(capPage), cap_(cap) {}

    std::vector<Page> run(const std::vector<FlowBox>& head, const std::vector<FlowBox>& body) {
        newPage();
        // The head spans all columns at the top of the first page.
        double headY = 0;
        double lastAfter = 0;
        for (size_t i = 0; i < head.size(); ++i) {
            const FlowBox& b = head[i];
            double gap = i == 0 ? 0 : std::max(lastAfter, b.spaceBefore);
            place(b, g_.contentLeft(0), g_.margin.top + headY + gap);
            headY += gap + b.height;
            lastAfter = b.spaceAfter;
        }
        if (!head.empty()) {
            colTop_ = g_.margin.top + headY;
            pendingGap_ = lastAfter;
            atTop_ = false;
        }

        // Floats leave the main sequence and remember the main box they stand before.
        std::vector<const FlowBox*> main;
        std::vector<std::pair<size_t, const FlowBox*>> floats;
        for (const FlowBox& b : body) {
            if (b.isFloat) floats.emplace_back(main.size(), &b);
            else main.push_back(&b);
        }
        size_t nextFloat = 0;
        size_t i = 0;
        while (i < main.size()) {
            while (nextFloat < floats.size() && floats[nextFloat].first <= i) pending_.push_back(floats[nextFloat++].second);
            placePendingFloatsHere();
            size_t j = i;  // the kept group is main[i..j]
            while (j + 1 < main.size() && main[j]->keepWithNext) ++j;
            double h = 0;
            for (size_t k = i; k <= j; ++k) h += (k == i ? 0 : std::max(main[k - 1]->spaceAfter, main[k]->spaceBefore)) + main[k]->height;
            if (fits(*main[i], h)) {
                for (size_t k = i; k <= j; ++k) append(*main[k]);
            } else if (!atTop_) {
                // A column should not end in a hyphen: when its last line is hyphenated and a break
                // is allowed before that line, the line goes over with the rest.
                const Placed moved = last_;
                const bool moveDown = moved.box && moved.box->hyphenated && moved.breakBefore;
                if (moveDown) {
                    auto& items = pages_.back().items;
                    items.erase(items.begin() + static_cast<std::ptrdiff_t>(moved.firstItem), items.end());
                    y_ = moved.y;
                    pendingGap_ = moved.pendingGap;
                }
                nextColumn();
                if (moveDown) append(*moved.box);
                continue;  // retry the group at the top of the next column
            } else {
                // Taller than a whole column: break inside the group, box by box.
                for (size_t k = i; k <= j; ++k) {
                    if (!fits(*main[k], main[k]->height) && !atTop_) nextColumn();
                    append(*main[k]);
                }
            }
            i = j + 1;
        }
        while (nextFloat < floats.size()) pending_.push_back(floats[nextFloat++].second);
        placePendingFloatsHere();
        while (!pending_.empty()) {
            nextColumn();
            placePendingFloatsHere();
        }
        return std::move(pages_);
    }

private:
    double columnHeight() const {
        const double full = g_.margin.top + g_.contentHeight() - colTop_;
        return static_cast<long>(pages_.size()) - 1 == capPage_ ? std::min(full, cap_) : full;
    }
    double gapBefore(const FlowBox& b) const { return atTop_ ? 0 : std::max(pendingGap_, b.spaceBefore); }
    bool fits(const FlowBox& first, double height) const {
        return y_ + gapBefore(first) + height <= columnHeight() + 0.01;
    }
    void place(const FlowBox& b, double x, double y) {
        std::vector<FrameItem> items = b.items;
        translate(items, x, y);
        auto& dst = pages_.back().items;
        dst.insert(dst.end(), std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
    }
    void append(const FlowBox& b) {
        last_ = Placed{&b, pages_.back().items.size(), y_, pendingGap_,
                       !atTop_ && last_.box && !last_.box->keepWithNext && !b.isFloat && !last_.box->isFloat};
        double gap = gapBefore(b);
        double x = g_.contentLeft(static_cast<int>(pages_.size()) - 1) + col_ * (g_.columnWidth() + g_.columnGap);
        place(b, x, colTop_ + y_ + gap);
        y_ += gap + b.height;
        pendingGap_ = b.spaceAfter;
        atTop_ = false;
    }
    void placePendingFloatsHere() {
        while (!pending_.empty()) {
            const FlowBox& f = *pending_.front();
            if (!atTop_ && !fits(f, f.height)) return;
            append(f);
            pending_.erase(pending_.begin());
        }
    }
    void newPage() {
        last_ = {};
        Page p;
        p.width = g_.width;
        p.height = g_.height;
        pages_.push_back(std::move(p));
        col_ = 0;
        colTop_ = g_.margin.top;
        y_ = 0;
        atTop_ = true;
        pendingGap_ = 0;
    }
    void nextColumn() {
        last_ = {};
        if (col_ + 1 < g_.columns) {
            ++col_;
            y_ = 0;
            atTop_ = true;
            pendingGap_ = 0;
        } else {
            newPage();
        }
        placePendingFloatsHere();
    }

    // The box placed last in the current column, and how to take it back.
    struct Placed {
        const FlowBox* box = nullptr;
        size_t firstItem = 0;      // its first item in the page's item list
        double y = 0, pendingGap = 0;  // the column state before it
        bool breakBefore = false;  // a column break is allowed before it
    };

    const PageGeometry& g_;
    long capPage_ = -1;
    double cap_ = 0;
    Placed last_;
    std::vector<Page> pages_;
    std::vector<const FlowBox*> pending_;
    int col_ = 0;
    double colTop_ = 0;
    double y_ = 0;
    double pendingGap_ = 0;
    bool atTop_ = true;
};

}  // namespace

std::vector<Page> paginate(const std::vector<FlowBox>& head, const std::vector<FlowBox>& body, const PageGeometry& g) {
    std::vector<Page> pages = Paginator(g).run(head, body);
    if (!g.balanceLastPage || g.columns < 2 || pages.empty()) return pages;
    // Balance the last page's columns: the lowest column height (to 1 pt) that still lays the
    // article out on as many pages. Every rule of the paginator holds at any height, so the
    // balanced page is one it could have made.
    const long last = static_cast<long>(pages.size()) - 1;
    double lo = 0, hi = g.contentHeight();
    std::vector<Page> best;
    while (hi - lo > 1.0) {
        const double mid = (lo + hi) / 2;
        std::vector<Page> trial = Paginator(g, last, mid).run(head, body);
        if (trial.size() == pages.size()) {
            hi = mid;
            best = std::move(trial);
        } else {
            lo = mid;
        }
    }
    return best.empty() ? pages : best;
}

}  // namespace inkstone::layout
