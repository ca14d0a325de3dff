#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include "core/source.hpp"

using namespace gpolint;

TEST_CASE("decode: UTF-16LE with BOM and CRLF keeps line endings and reports positions") {
    std::string bytes("\xFF\xFE[\0A\0]\0\r\0\n\0x\0=\0""1\0", 18);
    auto source = decode_text(intern_path("t.inf"), bytes);
    CHECK(source.encoding() == Encoding::Utf16LeBom);
    CHECK(source.text() == "[A]\r\nx=1");
    CHECK(source.line_ending() == LineEnding::CRLF);
    CHECK_FALSE(source.has_final_newline());
    CHECK(source.line_count() == 2);
    CHECK(source.line(2) == "x=1");
    auto loc = source.location_of(7);
    CHECK(loc.line == 2);
    CHECK(loc.column == 3);
    CHECK(encode_text(source.text(), source.encoding()) == bytes);
}

TEST_CASE("decode: UTF-16LE without BOM is detected") {
    std::string bytes("[\0V\0]\0\n\0", 8);
    auto source = decode_text(intern_path("t.inf"), bytes);
    CHECK(source.encoding() == Encoding::Utf16LeNoBom);
    CHECK(source.text() == "[V]\n");
}

TEST_CASE("decode: UTF-16BE with BOM, odd byte count is reported not fatal") {
    std::string bytes("\xFE\xFF\0[\0]\0", 7);
    auto source = decode_text(intern_path("t.inf"), bytes);
    CHECK(source.encoding() == Encoding::Utf16BeBom);
    CHECK(source.text() == "[]");
    REQUIRE(source.decode_issues().size() == 1);
    CHECK(source.decode_issues()[0].byte_offset == 6);
}

TEST_CASE("decode: UTF-8 with and without BOM, Windows-1252 fallback round-trips") {
    CHECK(decode_text(intern_path("a"), "\xEF\xBB\xBFx\n").encoding() == Encoding::Utf8Bom);
    CHECK(decode_text(intern_path("a"), "caf\xC3\xA9").text() == "caf\xC3\xA9");
    std::string ansi = "caf\xE9 \x80\x81\r";
    auto source = decode_text(intern_path("a"), ansi);
    CHECK(source.encoding() == Encoding::Windows1252);
    CHECK(source.text() == "caf\xC3\xA9 \xE2\x82\xAC\xC2\x81\r");
    CHECK(source.line_ending() == LineEnding::CR);
    CHECK(encode_text(source.text(), source.encoding()) == ansi);
}

TEST_CASE("decode: columns count code points, mixed endings are flagged") {
    auto source = decode_text(intern_path("a"), "\xC3\xA9\xC3\xA9x\r\ny\n");
    CHECK(source.location_of(4).column == 3);
    CHECK(source.line_ending() == LineEnding::Mixed);
    CHECK(source.has_final_newline());
    CHECK(source.line_count() == 2);
}
