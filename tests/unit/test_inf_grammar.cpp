// The template line grammar on its own: which lines match each section shape, and where an error
// points (1-based column of the decoded line).
#include <doctest/doctest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include <string>

#include "grammar/inf.hpp"
#include "parse/inf_line.hpp"

using namespace gpolint;
using parse::inf::LineShape;

TEST_CASE("inf grammar: analyze finds no infinite loops") {
    namespace g = grammar::inf;
    CHECK(tao::pegtl::analyze<g::key_value_line>() == 0);
    CHECK(tao::pegtl::analyze<g::registry_value_line>() == 0);
    CHECK(tao::pegtl::analyze<g::object_line>() == 0);
    CHECK(tao::pegtl::analyze<g::raw_line>() == 0);
}

namespace {

struct GrammarCase {
    LineShape shape;
    const char* line;
    int error_column;  // 0 = the line matches
};

// Every row was worked out by hand from FORMATS.md §1.3–1.5.
const GrammarCase kCases[] = {
    // Blank lines, comments, headers (any shape).
    {LineShape::KeyValue, "", 0},
    {LineShape::KeyValue, "   \t", 0},
    {LineShape::KeyValue, "; a comment", 0},
    {LineShape::Object, "  ; indented comment", 0},
    {LineShape::RegistryValue, "[Privilege Rights]", 0},
    {LineShape::KeyValue, "[Privilege Rights] ; trailing comment", 0},
    {LineShape::KeyValue, "[Privilege Rights", 18},   // missing ']' at the end of the line
    {LineShape::KeyValue, "[]", 2},                   // empty name
    {LineShape::KeyValue, "[A] x", 5},                // text after the header
    // Key = value lines.
    {LineShape::KeyValue, "MinimumPasswordLength = 14", 0},
    {LineShape::KeyValue, "MinimumPasswordLength=14", 0},
    {LineShape::KeyValue, "LockoutDuration = -1", 0},
    {LineShape::KeyValue, "NewGuestName = \"Visitor\"", 0},
    {LineShape::KeyValue, "SeTcbPrivilege =", 0},
    {LineShape::KeyValue, "SeTcbPrivilege = ", 0},
    {LineShape::KeyValue, "SeX = *S-1-5-32-544, *S-1-5-20 ,Guest", 0},
    {LineShape::KeyValue, "SeX = ADD YOUR DOMAIN ADMINS,NT VIRTUAL MACHINE\\Virtual Machines", 0},
    {LineShape::KeyValue, "SeX = *S-1-5-32-544 ; granted to admins", 0},
    {LineShape::KeyValue, "ADD YOUR GROUP__Members = a", 0},
    {LineShape::KeyValue, "Key = a;b", 0},                   // ';' inside an unquoted value is data
    {LineShape::KeyValue, "Key = \"a,b;c\"", 0},
    {LineShape::KeyValue, "Key", 4},                         // no '='
    {LineShape::KeyValue, "= 1", 1},                         // no key
    {LineShape::KeyValue, "Key = \"open", 12},               // unterminated quote: at the end
    {LineShape::KeyValue, "Key = \"a\"b", 10},               // text after a closing quote
    {LineShape::KeyValue, "Key = a\"b", 8},                  // quote inside an unquoted value
    // [Registry Values]
    {LineShape::RegistryValue, "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash=4,1", 0},
    {LineShape::RegistryValue, "MACHINE\\Software\\X\\LegalNoticeCaption=1,\"\"", 0},
    {LineShape::RegistryValue, "MACHINE\\Software\\X\\RestrictRemoteSAM=1,\"O:BAG:BAD:(A;;RC;;;BA)\"", 0},
    {LineShape::RegistryValue, "MACHINE\\Software\\X\\NullSessionPipes=7,", 0},
    {LineShape::RegistryValue, "MACHINE\\Software\\X\\Paths=7,System\\A,Software\\B C", 0},
    {LineShape::RegistryValue, "MACHINE\\Software\\a=b\\Name=4,1", 0},  // '=' inside the path
    {LineShape::RegistryValue, "\"MACHINE\\Software\\X\\Name\"=4,1", 0},
    {LineShape::RegistryValue, "MACHINE\\Software\\X\\Name=1,a=b", 0},
    {LineShape::RegistryValue, "MACHINE\\Software\\X\\Name", 24},       // no "=<type>,": at the end
    {LineShape::RegistryValue, "MACHINE\\Software\\X\\Name=4", 26},     // "=4" with no comma is still name
    {LineShape::RegistryValue, "MACHINE\\X\\Name=1,\"a", 20},          // unterminated quote
    // Object sections.
    {LineShape::Object, "\"AppIDSvc\",2,\"\"", 0},
    {LineShape::Object, "\"Spooler\",4,\"D:AR(A;;CCLCSWRPWPDTLOCRRC;;;SY)(A;;RPWPCR;;;BA)\"", 0},
    {LineShape::Object, "\"%SystemRoot%\\system32\",2,\"D:PAR(A;OICI;FA;;;BA)\"", 0},
    {LineShape::Object, "Spooler,4,", 0},
    {LineShape::Object, "\"Spooler\" , 4 , \"\"", 0},
    {LineShape::Object, "\"Spooler\"", 10},                       // no ','
    {LineShape::Object, "\"Spooler\",x,\"\"", 11},                // mode not a number
    {LineShape::Object, "Spooler = 4", 12},  // key/value where an object belongs: "expected ','" at the end
    // Unknown sections take anything.
    {LineShape::Raw, "Description=anything \"goes\" here", 0},
    {LineShape::Raw, "just text", 0},
};

}  // namespace

TEST_CASE("inf grammar: line table") {
    for (const auto& c : kCases) {
        std::string text = std::string("x\r\n") + c.line;  // a first line so offsets are not all zero
        parse::inf::LineParts parts;
        parse::inf::LineError error;
        bool ok = parse::inf::parse_line(text, 3, text.size() - 3, c.shape, parts, error);
        INFO("line: " << std::string(c.line));
        if (c.error_column == 0) {
            CHECK_MESSAGE(ok, error.message);
        } else {
            REQUIRE_FALSE(ok);
            CHECK(error.offset - 3 + 1 == static_cast<size_t>(c.error_column));
            CHECK_FALSE(error.message.empty());
        }
    }
}

TEST_CASE("inf grammar: parts of a registry value line") {
    std::string text = "MACHINE\\Software\\a=b\\Name=7,x, \"y,z\" ,";
    parse::inf::LineParts parts;
    parse::inf::LineError error;
    REQUIRE(parse::inf::parse_line(text, 0, text.size(), LineShape::RegistryValue, parts, error));
    CHECK(parse::inf::text_of(text, parts.key.span) == "MACHINE\\Software\\a=b\\Name");
    REQUIRE(parts.type_code);
    CHECK(parse::inf::text_of(text, *parts.type_code) == "7");
    REQUIRE(parts.items.size() == 3);
    CHECK(parse::inf::unquoted(text, parts.items[0]) == "x");
    CHECK(parse::inf::unquoted(text, parts.items[1]) == "y,z");
    CHECK(parts.items[1].quoted);
    CHECK(parse::inf::unquoted(text, parts.items[2]).empty());
}

TEST_CASE("inf grammar: a comment after whitespace is not part of the value") {
    std::string text = "SeX = a b ;c d";
    parse::inf::LineParts parts;
    parse::inf::LineError error;
    REQUIRE(parse::inf::parse_line(text, 0, text.size(), LineShape::KeyValue, parts, error));
    REQUIRE(parts.items.size() == 1);
    CHECK(parse::inf::unquoted(text, parts.items[0]) == "a b");
    REQUIRE(parts.comment);
    CHECK(parse::inf::text_of(text, *parts.comment) == ";c d");
}
