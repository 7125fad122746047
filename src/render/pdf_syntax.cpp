#include "render/pdf_syntax.h"

#include <future>

#include <glib.h>
#include <libdeflate.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace inkstone::render::pdf {

void num(std::string& out, double v, int decimals) {
    static const long long scales[] = {1, 10, 100, 1000, 10000, 100000};
    const long long scale = scales[std::clamp(decimals, 0, 5)];
    long long q = std::llround(v * static_cast<double>(scale));
    if (q == 0) {
        out += '0';
        return;
    }
    if (q < 0) {
        out += '-';
        q = -q;
    }
    char buf[32];
    int n = 0;
    long long ip = q / scale, fp = q % scale;
    do {
        buf[n++] = static_cast<char>('0' + ip % 10);
        ip /= 10;
    } while (ip);
    while (n) out += buf[--n];
    if (fp) {
        char frac[8];
        int d = decimals;
        for (int i = d - 1; i >= 0; --i, fp /= 10) frac[i] = static_cast<char>('0' + fp % 10);
        while (d > 0 && frac[d - 1] == '0') --d;
        out += '.';
        out.append(frac, static_cast<size_t>(d));
    }
}

void nums(std::string& out, std::initializer_list<double> values, int decimals) {
    bool first = true;
    for (double v : values) {
        if (!first) out += ' ';
        num(out, v, decimals);
        first = false;
    }
}

void hex4(std::string& out, unsigned v) {
    static const char* digits = "0123456789ABCDEF";
    out += digits[(v >> 12) & 15];
    out += digits[(v >> 8) & 15];
    out += digits[(v >> 4) & 15];
    out += digits[v & 15];
}

std::string textString(const std::string& utf8) {
    bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
    if (ascii) {
        std::string out = "(";
        for (char c : utf8) {
            if (c == '(' || c == ')' || c == '\\') out += '\\';
            out += c;
        }
        return out + ")";
    }
    std::string out = "<FEFF";
    glong n = 0;
    gunichar2* u16 = g_utf8_to_utf16(utf8.c_str(), static_cast<glong>(utf8.size()), nullptr, &n, nullptr);
    for (glong i = 0; u16 && i < n; ++i) hex4(out, u16[i]);
    g_free(u16);
    return out + ">";
}

std::string date(const std::string& d) {
    if (d.size() < 19) return {};
    return "D:" + d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2) + d.substr(11, 2) + d.substr(14, 2) + d.substr(17, 2) + "Z";
}

std::string resourceName(const std::string& prefix, const std::string& key) {
    uint64_t h = 1469598103934665603ull;
    for (char c : key) h = (h ^ static_cast<uint8_t>(c)) * 1099511628211ull;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s%012llx", prefix.c_str(), static_cast<unsigned long long>(h & 0xFFFFFFFFFFFFull));
    return buf;
}

// libdeflate is about three times zlib's speed at the same level; compression was a quarter of a
// volume's CPU with zlib.
std::string deflate(const std::string& in, int level) {
    struct Compressors {
        libdeflate_compressor* c[13] = {};
        ~Compressors() {
            for (auto* p : c)
                if (p) libdeflate_free_compressor(p);
        }
    };
    thread_local Compressors cs;
    level = std::clamp(level, 1, 12);
    if (!cs.c[level]) cs.c[level] = libdeflate_alloc_compressor(level);
    libdeflate_compressor* c = cs.c[level];
    if (!c) return {};
    std::string out(libdeflate_zlib_compress_bound(c, in.size()), '\0');
    const size_t n = libdeflate_zlib_compress(c, in.data(), in.size(), out.data(), out.size());
    out.resize(n);
    return out;
}

int ObjectFile::reserve() {
    offsets_.push_back(0);
    return static_cast<int>(offsets_.size()) - 1;
}

void ObjectFile::object(int n, const std::string& body) {
    offsets_[static_cast<size_t>(n)] = out_.size();
    out_ += std::to_string(n) + " 0 obj\n" + body + "\nendobj\n";
}

void ObjectFile::stream(int n, const std::string& dict, const std::string& data, bool compressed) {
    offsets_[static_cast<size_t>(n)] = out_.size();
    out_ += std::to_string(n) + " 0 obj\n<< " + dict + (compressed ? " /Filter /FlateDecode" : "") + " /Length " +
            std::to_string(data.size()) + " >>\nstream\n";
    out_ += data;
    out_ += "\nendstream\nendobj\n";
}

void ObjectFile::packed(int n, const std::string& body) {
    packedAt_.resize(offsets_.size(), {0, 0});
    packedAt_[static_cast<size_t>(n)] = {-1, packedCount_++};  // the stream's number is known when flushed
    packedIndex_ += std::to_string(n) + ' ' + std::to_string(packedBody_.size()) + ' ';
    packedBody_ += body;
    packedBody_ += '\n';
    packedNums_.push_back(n);
    if (packedCount_ == kPackedPerStream) flushPacked();
}

void ObjectFile::flushPacked() {
    if (packedCount_ == 0) return;
    const int stream = reserve();
    packedAt_.resize(offsets_.size(), {0, 0});
    for (int n : packedNums_) packedAt_[static_cast<size_t>(n)].first = stream;
    // Compressed on a thread of its own while the caller goes on (our writer subsets its fonts
    // meanwhile), at level 6: levels 10-12 make a 600-article volume 1.5% smaller for 0.3 s more;
    // written when the file is finished, in the order flushed.
    Pending p;
    p.number = stream;
    p.dict = "/Type /ObjStm /N " + std::to_string(packedCount_) + " /First " + std::to_string(packedIndex_.size());
    p.data = std::async(std::launch::async, [raw = packedIndex_ + packedBody_] { return deflate(raw, 6); });
    pending_.push_back(std::move(p));
    packedIndex_.clear(), packedBody_.clear(), packedNums_.clear();
    packedCount_ = 0;
}

std::string ObjectFile::finish(int catalog, int info) {
    flushPacked();
    for (Pending& p : pending_) this->stream(p.number, p.dict, p.data.get(), true);
    pending_.clear();
    const bool packed = !packedAt_.empty();
    const int xrefStream = packed ? reserve() : 0;
    const size_t xref = out_.size();
    // The same bytes give the same /ID (a hash of every 61st byte and the length).
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < out_.size(); i += 61) h = (h ^ static_cast<uint8_t>(out_[i])) * 16777619u;
    char id[40];
    std::snprintf(id, sizeof id, "%08X%08X%08X%08X", h, h ^ 0x9E3779B9u, static_cast<unsigned>(out_.size()), h * 31u);
    const std::string trailer = "/Size " + std::to_string(offsets_.size()) + " /Root " + ref(catalog) + " /Info " +
                                ref(info) + " /ID [<" + id + "> <" + id + ">]";
    if (packed) {
        // A cross-reference stream (7.5.8): type, offset or object stream, generation or index.
        packedAt_.resize(offsets_.size(), {0, 0});
        offsets_[static_cast<size_t>(xrefStream)] = xref;
        std::string table;
        auto entry = [&](int type, uint64_t a, unsigned b) {
            table += static_cast<char>(type);
            for (int k = 3; k >= 0; --k) table += static_cast<char>((a >> (8 * k)) & 0xFF);
            table += static_cast<char>((b >> 8) & 0xFF);
            table += static_cast<char>(b & 0xFF);
        };
        entry(0, 0, 65535);
        for (size_t n = 1; n < offsets_.size(); ++n) {
            const auto [stream, index] = packedAt_[n];
            if (stream > 0) entry(2, static_cast<uint64_t>(stream), static_cast<unsigned>(index));
            else entry(1, offsets_[n], 0);
        }
        this->stream(xrefStream, "/Type /XRef /W [1 4 2] " + trailer, deflate(table), true);
        out_ += "startxref\n" + std::to_string(xref) + "\n%%EOF\n";
        return std::move(out_);
    }
    out_ += "xref\n0 " + std::to_string(offsets_.size()) + "\n0000000000 65535 f \n";
    char entry[32];
    for (size_t n = 1; n < offsets_.size(); ++n) {
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offsets_[n]);
        out_ += entry;
    }
    out_ += "trailer\n<< " + trailer + " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    return std::move(out_);
}

}  // namespace inkstone::render::pdf
