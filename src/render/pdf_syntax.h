// PDF syntax for our writer: numbers, strings, dates, names of resources, deflate, and a file of
// numbered objects with its cross-reference table (PDF 32000-1, 7.3 and 7.5).
#pragma once

#include <future>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

namespace inkstone::render::pdf {

// A number with up to `decimals` decimals, trailing zeros dropped (printf is a tenth of the time
// of a page otherwise).
void num(std::string& out, double v, int decimals = 3);
// Numbers separated by spaces.
void nums(std::string& out, std::initializer_list<double> values, int decimals = 3);
// Four upper-case hexadecimal digits.
void hex4(std::string& out, unsigned v);

// A text string: literal when plain ASCII, else UTF-16BE with a BOM as a hex string.
std::string textString(const std::string& utf8);
// "D:YYYYMMDDHHmmSSZ" from "YYYY-MM-DDTHH:MM:SS" (UTC); empty when `iso` is shorter.
std::string date(const std::string& iso);
// A resource name ("/F3a9c...") derived from `key`: the same in every part of a document.
std::string resourceName(const std::string& prefix, const std::string& key);

// zlib-format deflate (libdeflate; a compressor per thread and level).
std::string deflate(const std::string& in, int level = 6);
// Page content streams get the fastest level: they are most of a volume's bytes (DESIGN.md).
constexpr int kContentLevel = 1;

// A PDF file being written: objects are numbered first (`reserve`), written in any order.
class ObjectFile {
public:
    int reserve();
    void object(int n, const std::string& body);
    void stream(int n, const std::string& dict, const std::string& data, bool compressed);
    // Object `n` packed with others into a compressed object stream (7.5.7): for the many small
    // objects of a structure tree. A file with packed objects ends with a cross-reference stream.
    // Each full object stream is compressed on a thread of its own from then on.
    void packed(int n, const std::string& body);
    // Closes the open object stream (its compression starts).
    void flushPacked();
    static std::string ref(int n) { return std::to_string(n) + " 0 R"; }
    // The cross-reference table (or stream) and trailer with a deterministic /ID (from the
    // bytes); returns the whole file.
    std::string finish(int catalog, int info);

private:
    static constexpr int kPackedPerStream = 4000;
    struct Pending {  // an object stream being compressed
        int number = 0;
        std::string dict;
        std::future<std::string> data;
    };
    std::vector<Pending> pending_;
    std::string out_ = "%PDF-1.5\n%\xE2\xE3\xCF\xD3\n";
    std::vector<size_t> offsets_{0};  // by object number; 0 unused
    std::vector<std::pair<int, int>> packedAt_;  // by object number: object stream, index (none: 0)
    std::string packedIndex_, packedBody_;       // the open object stream's
    std::vector<int> packedNums_;
    int packedCount_ = 0;
};

}  // namespace inkstone::render::pdf
