// Template edits on small UTF-8 texts: idempotence, empty lists, duplicates, keys a template lacks.
#include <doctest/doctest.h>

#include <string>

#include "core/source.hpp"
#include "core/diagnostic.hpp"
#include "fix/template_edit.hpp"
#include "parse/inf_reader.hpp"

using namespace gpolint;

namespace {

const fix::FixAction kAddVm{"GPL101", true, fix::ActionKind::Add, "privilege:SeServiceLogonRight", "", "*S-1-5-83-0"};
const fix::FixAction kReplaceVm{"GPL103", true, fix::ActionKind::Replace, "privilege:SeServiceLogonRight",
                                "NT VIRTUAL MACHINE\\Virtual Machines", "*S-1-5-83-0"};

fix::EditPlan plan(const std::string& text, const fix::FixAction& action) {
    SourceText source = decode_text(intern_path("edit.inf"), text);
    return fix::plan_template_edit(source, action, action.key);
}

std::string fixed(const std::string& text, const fix::FixAction& action) {
    auto p = plan(text, action);
    REQUIRE(p.outcome == fix::EditOutcome::Edited);
    return fix::apply_edit(text, p.edit);
}

size_t template_errors(const SourceText& source) {
    Diagnostics diagnostics;
    parse::read_security_template(source, diagnostics);
    return diagnostics.count(Severity::Error);
}

}  // namespace

TEST_CASE("autofix add: appends the principal and is done once it is there") {
    std::string text = "[Privilege Rights]\nSeServiceLogonRight = *S-1-5-20  ; keep me\n";
    std::string once = fixed(text, kAddVm);
    CHECK(once == "[Privilege Rights]\nSeServiceLogonRight = *S-1-5-20,*S-1-5-83-0  ; keep me\n");
    CHECK(plan(once, kAddVm).outcome == fix::EditOutcome::AlreadyDone);
    auto p = plan(text, kAddVm);
    CHECK(p.edit.line == 2);
    CHECK(p.edit.description == "added *S-1-5-83-0 to SeServiceLogonRight");
}

TEST_CASE("autofix add: a right granted to no one gets the principal as its whole list") {
    CHECK(fixed("[Privilege Rights]\nSeServiceLogonRight =\n", kAddVm) ==
          "[Privilege Rights]\nSeServiceLogonRight = *S-1-5-83-0\n");
}

TEST_CASE("autofix add: case-insensitive key and principal without final newline") {
    std::string text = "[Privilege Rights]\nseservicelogonright = *s-1-5-83-0";
    CHECK(plan(text, kAddVm).outcome == fix::EditOutcome::AlreadyDone);
    CHECK(fixed("[Privilege Rights]\nSESERVICELOGONRIGHT=*S-1-5-20", kAddVm) ==
          "[Privilege Rights]\nSESERVICELOGONRIGHT=*S-1-5-20,*S-1-5-83-0");
}

TEST_CASE("autofix: a key the template does not define is not added") {
    CHECK(plan("[Privilege Rights]\nSeBatchLogonRight = *S-1-5-20\n", kAddVm).outcome ==
          fix::EditOutcome::NotInTemplate);
    CHECK(plan("", kAddVm).outcome == fix::EditOutcome::NotInTemplate);
}

TEST_CASE("autofix replace: the name becomes the SID or is removed when the SID is listed") {
    CHECK(fixed("[Privilege Rights]\nSeServiceLogonRight = NT VIRTUAL MACHINE\\Virtual Machines,*S-1-5-20\n", kReplaceVm) ==
          "[Privilege Rights]\nSeServiceLogonRight = *S-1-5-83-0,*S-1-5-20\n");
    CHECK(fixed("[Privilege Rights]\nSeServiceLogonRight = \"NT VIRTUAL MACHINE\\Virtual Machines\"\n", kReplaceVm) ==
          "[Privilege Rights]\nSeServiceLogonRight = *S-1-5-83-0\n");
    CHECK(fixed("[Privilege Rights]\nSeServiceLogonRight = *S-1-5-83-0,NT VIRTUAL MACHINE\\Virtual Machines\n",
                kReplaceVm) == "[Privilege Rights]\nSeServiceLogonRight = *S-1-5-83-0\n");
    CHECK(fixed("[Privilege Rights]\nSeServiceLogonRight = NT VIRTUAL MACHINE\\Virtual Machines, *S-1-5-83-0\n",
                kReplaceVm) == "[Privilege Rights]\nSeServiceLogonRight = *S-1-5-83-0\n");
    CHECK(plan("[Privilege Rights]\nSeServiceLogonRight = *S-1-5-20\n", kReplaceVm).outcome ==
          fix::EditOutcome::AlreadyDone);
}

TEST_CASE("autofix set: replaces the value only and says what it was") {
    fix::FixAction set{"GPL304", false, fix::ActionKind::Set, "access:ClearTextPassword", "", "0"};
    auto p = plan("[System Access]\r\nClearTextPassword = 1\r\n", set);
    REQUIRE(p.outcome == fix::EditOutcome::Edited);
    CHECK(p.edit.description == "set ClearTextPassword to 0 (was 1)");
    CHECK(fix::apply_edit("[System Access]\r\nClearTextPassword = 1\r\n", p.edit) ==
          "[System Access]\r\nClearTextPassword = 0\r\n");
    CHECK(plan("[System Access]\nClearTextPassword = 0\n", set).outcome == fix::EditOutcome::AlreadyDone);
}

TEST_CASE("autofix: a later duplicate entry is the one edited (it is the one Windows keeps)") {
    std::string text = "[Privilege Rights]\nSeServiceLogonRight = *S-1-5-19\nSeServiceLogonRight = *S-1-5-20\n";
    CHECK(fixed(text, kAddVm) ==
          "[Privilege Rights]\nSeServiceLogonRight = *S-1-5-19\nSeServiceLogonRight = *S-1-5-20,*S-1-5-83-0\n");
}

TEST_CASE("autofix on scrambled templates: edits stay inside one line and a second pass has nothing to do") {
    // Lines of real and broken templates glued at random (fixed seed: reproducible).
    const char* headers[] = {"[Privilege Rights]", "[System Access]", "[Registry Values]", "[Privilege Rights", "["};
    const char* keys[] = {"SeServiceLogonRight", "ClearTextPassword", "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash",
                          "\"SeServiceLogonRight\"", ""};
    const char* separators[] = {" = ", "=", "=4,", " =", ""};
    const char* values[] = {"*S-1-5-20", "NT VIRTUAL MACHINE\\Virtual Machines", "1", "0", "\"", "\xff", "\xc3", " ", ";c", ""};
    const char* endings[] = {"\r\n", "\n", "\r", ""};
    const fix::FixAction actions[] = {
        kAddVm, kReplaceVm, {"GPL304", false, fix::ActionKind::Set, "access:ClearTextPassword", "", "0"},
        {"GPL203", false, fix::ActionKind::Set, "registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash", "", "1"}};
    uint32_t state = 12345;
    auto next = [&state](size_t n) { return state = state * 1103515245u + 12345u, ((state >> 16) & 0x7fffu) % n; };
    size_t edited = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string text;
        for (size_t line = next(8); line > 0; --line) {
            if (next(3) == 0) {
                text += headers[next(std::size(headers))];
            } else {
                text += std::string(keys[next(std::size(keys))]) + separators[next(std::size(separators))];
                for (size_t item = next(4); item > 0; --item)
                    text += std::string(values[next(std::size(values))]) + (item > 1 ? "," : "");
            }
            text += endings[next(std::size(endings))];
        }
        for (const auto& action : actions) {
            SourceText source = decode_text(intern_path("scrambled.inf"), text);
            auto p = fix::plan_template_edit(source, action, action.key);
            if (p.outcome != fix::EditOutcome::Edited) continue;
            ++edited;
            const std::string& decoded = source.text();
            REQUIRE(p.edit.span.end() <= decoded.size());
            CHECK(decoded.substr(p.edit.span.offset, p.edit.span.length).find_first_of("\r\n") == std::string::npos);
            CHECK(p.edit.replacement.find_first_of("\r\n") == std::string::npos);
            std::string once = fix::apply_edit(decoded, p.edit);
            CHECK(plan(once, action).outcome == fix::EditOutcome::AlreadyDone);
        }
    }
    CHECK(edited > 100);  // the generator does reach the edit paths
}

// A DoD banner template: its '","' line now parses, so a fix elsewhere in the file is allowed, and the
// banner goes back to disk byte for byte (UTF-16LE, CRLF, as GPMC writes it).
TEST_CASE("autofix: a template with the DoD banner's quoted commas round-trips byte-exactly") {
    const std::string banner =
        "MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\LegalNoticeText=7,You are accessing a "
        "U.S. Government (USG) Information System (IS) that is provided for USG-authorized use only.,By using this IS "
        "(which includes any device attached to this IS)\",\" you consent to the following conditions:\r\n";
    const std::string before = "[Unicode]\r\nUnicode=yes\r\n[Registry Values]\r\n" + banner +
                               "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash=4,0\r\n"
                               "[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n";
    const std::string after = "[Unicode]\r\nUnicode=yes\r\n[Registry Values]\r\n" + banner +
                              "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash=4,1\r\n"
                              "[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n";
    const std::string bytes = encode_text(before, Encoding::Utf16LeBom);
    SourceText source = decode_text(intern_path("banner.inf"), bytes);
    CHECK(template_errors(source) == 0);  // the banner line is no parse error any more
    const fix::FixAction set{"GPL203", false, fix::ActionKind::Set,
                             "registry:HKLM\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash", "", "1"};
    auto p = fix::plan_template_edit(source, set, set.key);
    REQUIRE(p.outcome == fix::EditOutcome::Edited);
    std::string written = encode_text(fix::apply_edit(source.text(), p.edit), source.encoding());
    CHECK(written == encode_text(after, Encoding::Utf16LeBom));
    CHECK(template_errors(decode_text(intern_path("banner.inf"), written)) == 0);
}
