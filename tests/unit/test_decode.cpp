// The decoder under every encoding a template arrives in, and under damage.
#include <doctest/doctest.h>

#include <string>

#include "core/source.hpp"

using namespace gpolint;

namespace {

SourceText decode(std::string_view bytes) { return decode_text(intern_path("d.inf"), bytes); }

std::string utf16le(std::string_view ascii) {
    std::string out;
    for (char c : ascii) {
        out += c;
        out += '\0';
    }
    return out;
}

}  // namespace

TEST_CASE("decode: empty input") {
    auto s = decode("");
    CHECK(s.text().empty());
    CHECK(s.encoding() == Encoding::Utf8);
    CHECK(s.decode_issues().empty());
    CHECK(s.line_count() == 1);
    CHECK(s.line(1).empty());
    CHECK(s.line(2).empty());
    CHECK(s.location_of(10).line == 1);
}

TEST_CASE("decode: BOM only") {
    auto s = decode("\xFF\xFE");
    CHECK(s.encoding() == Encoding::Utf16LeBom);
    CHECK(s.text().empty());
    CHECK(s.decode_issues().empty());
}

TEST_CASE("decode: UTF-16LE with BOM, non-ASCII and a surrogate pair") {
    // "é" U+00E9, "€" U+20AC, U+1F600 as D83D DE00.
    std::string bytes("\xFF\xFE\xE9\x00\xAC\x20\x3D\xD8\x00\xDE", 10);
    auto s = decode(bytes);
    CHECK(s.text() == "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
    CHECK(s.decode_issues().empty());
    CHECK(s.location_of(s.text().size()).column == 4);
    CHECK(encode_text(s.text(), s.encoding()) == bytes);
}

TEST_CASE("decode: UTF-16 truncated in the middle of a code unit") {
    std::string bytes = "\xFF\xFE" + utf16le("[A]\r\nx=1");
    bytes.pop_back();  // the high byte of the last '1'
    auto s = decode(bytes);
    CHECK(s.text() == "[A]\r\nx=");
    REQUIRE(s.decode_issues().size() == 1);
    CHECK(s.decode_issues()[0].byte_offset == bytes.size() - 1);
    CHECK(s.decode_issues()[0].text_offset == s.text().size());
}

TEST_CASE("decode: UTF-16 truncated in the middle of a surrogate pair") {
    std::string bytes("\xFF\xFEx\x00\x3D\xD8", 6);  // high surrogate, then the file ends
    auto s = decode(bytes);
    CHECK(s.text() == "x\xEF\xBF\xBD");
    REQUIRE(s.decode_issues().size() == 1);
    CHECK(s.decode_issues()[0].byte_offset == 4);
    CHECK(s.decode_issues()[0].text_offset == 1);
}

TEST_CASE("decode: a lone low surrogate is replaced and reported") {
    std::string bytes("\xFF\xFE\x00\xDCy\x00", 6);
    auto s = decode(bytes);
    CHECK(s.text() == "\xEF\xBF\xBDy");
    REQUIRE(s.decode_issues().size() == 1);
    CHECK(s.decode_issues()[0].byte_offset == 2);
}

TEST_CASE("decode: UTF-16BE with BOM round-trips") {
    std::string bytes("\xFE\xFF\x00[\x00X\x00]\x00\r\x00\n", 12);
    auto s = decode(bytes);
    CHECK(s.encoding() == Encoding::Utf16BeBom);
    CHECK(s.text() == "[X]\r\n");
    CHECK(encode_text(s.text(), s.encoding()) == bytes);
}

TEST_CASE("decode: UTF-16LE without BOM, odd byte count") {
    std::string bytes = utf16le("[Version]\r\n") + "Z";
    auto s = decode(bytes);
    CHECK(s.encoding() == Encoding::Utf16LeNoBom);
    CHECK(s.text() == "[Version]\r\n");
    REQUIRE(s.decode_issues().size() == 1);
    CHECK(s.decode_issues()[0].byte_offset == bytes.size() - 1);
}

TEST_CASE("decode: UTF-8 with BOM but broken bytes keeps the valid text") {
    auto s = decode("\xEF\xBB\xBF" "a\xFF" "b\xC3");
    CHECK(s.encoding() == Encoding::Utf8Bom);
    CHECK(s.text() == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
    REQUIRE(s.decode_issues().size() == 2);
    CHECK(s.decode_issues()[0].byte_offset == 4);
    CHECK(s.decode_issues()[0].text_offset == 1);
    CHECK(s.decode_issues()[1].byte_offset == 6);
}

TEST_CASE("decode: Windows-1252 fallback maps every byte") {
    std::string bytes;
    for (int b = 1; b < 256; ++b) bytes += static_cast<char>(b);
    auto s = decode(bytes);
    CHECK(s.encoding() == Encoding::Windows1252);
    CHECK(s.decode_issues().empty());
    CHECK(encode_text(s.text(), s.encoding()) == bytes);
}

TEST_CASE("decode: NUL characters are reported at their raw byte offset") {
    // Windows-1252: "é" is one raw byte but two text bytes, so the raw offset differs from the text one.
    auto ansi = decode(std::string("\xE9x\0y", 4));
    CHECK(ansi.encoding() == Encoding::Windows1252);
    REQUIRE(ansi.decode_issues().size() == 1);
    CHECK(ansi.decode_issues()[0].byte_offset == 2);
    CHECK(ansi.decode_issues()[0].text_offset == 3);

    // UTF-16LE: the NUL code unit is the third one, after the BOM: bytes 6-7.
    auto wide = decode(std::string("\xFF\xFEx\0y\0\0\0z\0", 10));
    REQUIRE(wide.decode_issues().size() == 1);
    CHECK(wide.decode_issues()[0].byte_offset == 6);
    CHECK(wide.decode_issues()[0].text_offset == 2);
}

TEST_CASE("decode: issues are capped for garbage input") {
    std::string bytes = "\xFF\xFE";
    for (int i = 0; i < 5000; ++i) bytes += std::string("\x00\xDC", 2);  // 5000 lone surrogates
    auto s = decode(bytes);
    CHECK(s.decode_issues().size() == 100);
    CHECK(s.text().size() == 5000 * 3);
}

TEST_CASE("decode: lines with CR only, and a final line without newline") {
    auto s = decode("a\rb\r\rc");
    CHECK(s.line_ending() == LineEnding::CR);
    CHECK(s.line_count() == 4);
    CHECK(s.line(1) == "a");
    CHECK(s.line(3).empty());
    CHECK(s.line(4) == "c");
    CHECK_FALSE(s.has_final_newline());
    CHECK(s.location_of(5).line == 4);
}
