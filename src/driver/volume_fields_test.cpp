#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "inkstone/inkstone.h"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>{});
}

std::string volumeLayout(const std::string& manifest, const fs::path& out) {
    inkstone::CompileRequest r;
    r.manifest = manifest;
    r.output = out.string();
    r.format = inkstone::OutputFormat::Layout;
    r.jobs = 2;
    inkstone::DiagnosticSink sink(false);
    inkstone::compileVolume(r, sink);
    return slurp(out);
}

}  // namespace

TEST_CASE("readVolumeFields and volumeManifest: the sample volume read, written elsewhere, compiles the same") {
    const std::string samples = std::string(INKSTONE_DATA_DIR) + "/samples";
    const inkstone::VolumeFields v = inkstone::readVolumeFields(samples + "/volume.yaml");
    CHECK(v.title == "Policy Review · 政策评论");
    CHECK(v.issue == "2026 Q1");
    CHECK(v.date == "2026-03-31");
    CHECK(v.cover == "cover.png");
    REQUIRE(v.sections.size() == 3);
    CHECK(v.sections[1].articles[0] == "zh-hans-digital-*.md");  // a pattern stays a pattern

    // Written back as it was read, it reads the same.
    const fs::path tmp = fs::temp_directory_path() / ("inkstone-volume-fields-" + std::to_string(::getpid()));
    fs::create_directories(tmp);
    std::ofstream(tmp / "same.yaml") << inkstone::volumeManifest(v);
    const inkstone::VolumeFields again = inkstone::readVolumeFields((tmp / "same.yaml").string());
    CHECK(again.title == v.title);
    CHECK(again.subtitle == v.subtitle);
    CHECK(again.publisher == v.publisher);
    CHECK(again.style == v.style);
    REQUIRE(again.sections.size() == v.sections.size());
    for (size_t i = 0; i < v.sections.size(); ++i) {
        CHECK(again.sections[i].title == v.sections[i].title);
        CHECK(again.sections[i].articles == v.sections[i].articles);
    }

    // In another folder, with its paths made absolute: the same volume.
    inkstone::VolumeFields moved = v;
    moved.cover = samples + "/" + v.cover;
    for (auto& s : moved.sections)
        for (auto& a : s.articles) a = samples + "/" + a;
    std::ofstream(tmp / "moved.yaml") << inkstone::volumeManifest(moved);
    CHECK(volumeLayout((tmp / "moved.yaml").string(), tmp / "b.txt") == volumeLayout(samples + "/volume.yaml", tmp / "a.txt"));

    // Values YAML would read otherwise are quoted.
    inkstone::VolumeFields odd;
    odd.title = "yes: no # [not a list]";
    odd.issue = "2026";
    odd.sections.push_back({"- dash", {"a b.md", "*.md"}});
    std::ofstream(tmp / "odd.yaml") << inkstone::volumeManifest(odd);
    const inkstone::VolumeFields o = inkstone::readVolumeFields((tmp / "odd.yaml").string());
    CHECK(o.title == odd.title);
    CHECK(o.issue == "2026");
    REQUIRE(o.sections.size() == 1);
    CHECK(o.sections[0].title == "- dash");
    CHECK(o.sections[0].articles == odd.sections[0].articles);

    std::ofstream(tmp / "bad.yaml") << "title: x\nsections: 3\n";
    try {
        inkstone::readVolumeFields((tmp / "bad.yaml").string());
        FAIL("accepted");
    } catch (const inkstone::UserError& e) {
        CHECK(e.diagnostic().pos.line == 2);
    }
    fs::remove_all(tmp);
}
