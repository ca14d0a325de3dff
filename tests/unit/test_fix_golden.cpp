// Each autofix on a UTF-16LE/CRLF and a UTF-8/LF template, compared byte for byte with hand-checked
// files in tests/golden/fix/, and every byte outside the edited line shown to be unchanged.
#include <doctest/doctest.h>

#include <string>

#include "core/source.hpp"
#include "fix/template_edit.hpp"
#include "test_fix_support.hpp"

using namespace gpolint;
using gpolint::testing::file_bytes;

namespace {

const std::string kLsa = "registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\";

struct GoldenCase {
    const char* name;
    fix::FixAction action;
};

const GoldenCase kCases[] = {
    {"gpl101-add", {"GPL101", true, fix::ActionKind::Add, "privilege:SeServiceLogonRight", "", "*S-1-5-83-0"}},
    {"gpl102-add", {"GPL102", true, fix::ActionKind::Add, "privilege:SeCreateSymbolicLinkPrivilege", "", "*S-1-5-83-0"}},
    {"gpl103-replace",
     {"GPL103", true, fix::ActionKind::Replace, "privilege:SeServiceLogonRight", "NT VIRTUAL MACHINE\\Virtual Machines",
      "*S-1-5-83-0"}},
    {"gpl201-set", {"GPL201", false, fix::ActionKind::Set, kLsa + "LmCompatibilityLevel", "", "3"}},
    {"gpl203-set", {"GPL203", false, fix::ActionKind::Set, kLsa + "NoLMHash", "", "1"}},
    {"gpl304-set", {"GPL304", false, fix::ActionKind::Set, "access:ClearTextPassword", "", "0"}},
};

// Raw byte offset of a decoded-text offset (the inputs are clean, so encoding the prefix measures it).
size_t raw_offset(const SourceText& source, size_t text_offset) {
    return encode_text(std::string_view(source.text()).substr(0, text_offset), source.encoding()).size();
}

void check_encoding(const char* input, Encoding expected) {
    std::string path = std::string(GPOLINT_TEST_DATA) + "/data/fix/" + input + ".inf";
    std::string bytes = file_bytes(path);
    REQUIRE_MESSAGE(!bytes.empty(), "missing " << path);
    SourceText source = decode_text(intern_path(path), bytes);
    REQUIRE(source.encoding() == expected);

    for (const auto& c : kCases) {
        CAPTURE(c.name);
        auto plan = fix::plan_template_edit(source, c.action, c.action.key);
        REQUIRE(plan.outcome == fix::EditOutcome::Edited);
        std::string fixed = encode_text(fix::apply_edit(source.text(), plan.edit), source.encoding());
        std::string golden = file_bytes(std::string(GPOLINT_TEST_DATA) + "/golden/fix/" + input + "." + c.name + ".inf");
        REQUIRE(!golden.empty());
        CHECK(fixed == golden);

        // Outside the edited line not one byte moves: same prefix up to the line, same suffix after it.
        std::string_view line = source.line(plan.edit.line);
        size_t line_begin = static_cast<size_t>(line.data() - source.text().data());
        size_t prefix = raw_offset(source, line_begin);
        size_t suffix = bytes.size() - raw_offset(source, line_begin + line.size());
        REQUIRE(fixed.size() >= prefix + suffix);
        CHECK(fixed.compare(0, prefix, bytes, 0, prefix) == 0);
        CHECK(fixed.compare(fixed.size() - suffix, suffix, bytes, bytes.size() - suffix, suffix) == 0);
    }
}

}  // namespace

TEST_CASE("autofix golden: UTF-16LE with BOM and CRLF") { check_encoding("utf16-crlf", Encoding::Utf16LeBom); }

TEST_CASE("autofix golden: UTF-8 with LF") { check_encoding("utf8-lf", Encoding::Utf8); }
