// The general defences against hostile or huge input: the bounded file reader, the per-file
// diagnostic cap, escaping of control characters on output, and line:column lookups on huge lines.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "core/diagnostic.hpp"
#include "core/printable.hpp"
#include "core/source.hpp"
#include "test_fix_support.hpp"

using namespace gpolint;
using gpolint::testing::ScratchDir;
using gpolint::testing::write_bytes;

TEST_CASE("escape_controls shows control characters and keeps the rest") {
    CHECK(escape_controls("plain GptTmpl.inf") == "plain GptTmpl.inf");
    CHECK(escape_controls("\x1b]0;PWNED\x07\x1b[2J") == "\\x1b]0;PWNED\\x07\\x1b[2J");
    CHECK(escape_controls("evil\n::add-mask::SECRET\r") == "evil\\n::add-mask::SECRET\\r");
    CHECK(escape_controls("tab\tkept") == "tab\tkept");
    CHECK(escape_controls("caf\xC3\xA9 \xE2\x82\xAC") == "caf\xC3\xA9 \xE2\x82\xAC");  // UTF-8 is kept
    CHECK(escape_controls("C1 \xC2\x9B" "31m") == "C1 \\u009b31m");                   // 8-bit CSI
    CHECK(escape_controls("raw \x9B byte") == "raw \\x9b byte");                      // not UTF-8
    CHECK(escape_controls(std::string("nul\0del\x7F", 8)) == "nul\\x00del\\x7f");
    CHECK_FALSE(needs_escaping("C:\\Windows\\SYSVOL"));
}

TEST_CASE("a capped Diagnostics keeps 100 per file and rule and says once how many it left out") {
    Diagnostics diagnostics;
    diagnostics.cap_per_file_and_rule();
    PathRef a = intern_path("a.csv"), b = intern_path("b.csv");
    for (int i = 0; i < 250; ++i) diagnostics.error("GPL001", Location{a, static_cast<uint32_t>(i + 1), 1, 0}, "bad row");
    for (int i = 0; i < 50; ++i) diagnostics.warning("GPL004", Location{a, 1, 1, 0}, "odd type");
    for (int i = 0; i < 101; ++i) diagnostics.error("GPL001", Location{b, 1, 1, 0}, "bad row");
    auto all = diagnostics.take();
    size_t a_errors = 0, a_warnings = 0, b_errors = 0;
    std::vector<std::string> notes;
    for (const auto& d : all) {
        if (d.severity == Severity::Note) notes.push_back(d.location.file.str() + " " + d.message);
        else if (d.location.file == a) (d.rule_id == "GPL001" ? a_errors : a_warnings) += 1;
        else b_errors += 1;
    }
    CHECK(a_errors == 100);
    CHECK(a_warnings == 50);
    CHECK(b_errors == 100);
    REQUIRE(notes.size() == 2);
    CHECK(notes[0].find("a.csv 150 more GPL001 diagnostics in this file not shown") == 0);
    CHECK(notes[1].find("b.csv 1 more GPL001") == 0);
}

TEST_CASE("read_file_bytes refuses FIFOs, devices and files over the cap without blocking") {
    ScratchDir dir;
    std::string error;
    auto fifo = (dir.path() / "x.inf").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK_FALSE(read_file_bytes(fifo, error));  // would block for ever if opened for a blocking read
    CHECK(error.find("not a regular file") != std::string::npos);
    CHECK_FALSE(read_file_bytes("/dev/zero", error));
    CHECK(error.find("not a regular file") != std::string::npos);

    auto sparse = (dir.path() / "huge.ldf").string();
    int fd = ::open(sparse.c_str(), O_CREAT | O_WRONLY, 0600);
    REQUIRE(fd >= 0);
    REQUIRE(::ftruncate(fd, static_cast<off_t>(kMaxInputFileBytes + 1)) == 0);
    ::close(fd);
    CHECK_FALSE(read_file_bytes(sparse, error));
    CHECK(error.find("larger than") != std::string::npos);
    CHECK_FALSE(probe_input_file(sparse, error));

    auto normal = dir.path() / "ok.inf";
    write_bytes(normal, "[Unicode]\n");
    auto bytes = read_file_bytes(normal.string(), error);
    REQUIRE(bytes);
    CHECK(*bytes == "[Unicode]\n");
    CHECK(probe_input_file(normal.string(), error));
}

TEST_CASE("location_of on a line of megabytes gives the same columns as counting characters") {
    // 2-byte characters so that columns and byte offsets differ, and a length that is a multiple of
    // the index block so that the end offset is covered too.
    std::string line;
    while (line.size() < 3 * 1024 * 1024) line += (line.size() % 7 == 0) ? "\xC3\xA9" : "x";
    line.resize(3 * 1024 * 1024);
    if ((static_cast<unsigned char>(line.back()) & 0xE0) == 0xC0) line.back() = 'y';  // no cut character
    std::string text = "first\n" + line;
    text.resize(text.size() - text.size() % 1024);
    SourceText source(intern_path("long.ldf"), text, Encoding::Utf8, {});
    auto naive_column = [&](size_t offset) {
        uint32_t column = 1;
        for (size_t i = 6; i < offset; ++i)
            if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
        return column;
    };
    for (size_t offset : {size_t{6}, size_t{7}, size_t{5000}, size_t{1024 * 1024 + 3}, text.size() - 1, text.size()}) {
        auto location = source.location_of(offset);
        CHECK(location.line == 2);
        CHECK(location.column == naive_column(offset));
    }
    CHECK(source.location_of(3).line == 1);
    CHECK(source.location_of(3).column == 4);
}
