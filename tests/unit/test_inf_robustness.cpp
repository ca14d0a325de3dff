// Bad input is normal input: garbage, truncation, huge lines and huge files must parse to the end,
// without a crash, within bounded (linear) time, with every span inside the text.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "growth_check.hpp"
#include "inf_test_support.hpp"

using namespace gpolint;

namespace {

// One check per parse (not per entry: the large inputs have hundreds of thousands of entries).
void check_spans_inside(const test::ParsedTemplate& p) {
    size_t size = p.source.text().size(), outside = 0;
    for (const auto& s : p.settings) outside += s.location.offset + s.length > size;
    for (const auto& e : p.tmpl.registry_values) outside += e.place.key.end() > size || e.place.value.end() > size;
    for (const auto& d : p.diagnostics) outside += d.location.offset > size;
    CHECK(outside == 0);
}

std::string random_bytes(std::mt19937& rng, size_t size) {
    std::string out(size, '\0');
    for (char& c : out) c = static_cast<char>(rng() & 0xFF);
    return out;
}

// Random text over the characters that matter to the grammar, so the parser's branches are hit.
std::string random_template_text(std::mt19937& rng, size_t size) {
    static const std::string alphabet = "[]=,\";\\ \t\r\nab*S-1579MACHINE_";
    std::string out(size, ' ');
    for (char& c : out) c = alphabet[rng() % alphabet.size()];
    return out;
}

std::string windows_template() {
    return encode_text(
        "[Unicode]\r\nUnicode=yes\r\n[System Access]\r\nMinimumPasswordLength = 14\r\n[Registry Values]\r\n"
        "MACHINE\\System\\CurrentControlSet\\Control\\Lsa\\NoLMHash=4,1\r\n[Privilege Rights]\r\n"
        "SeServiceLogonRight = *S-1-5-20,*S-1-5-83-0\r\n[Service General Setting]\r\n\"Spooler\",4,\"\"\r\n"
        "[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n",
        Encoding::Utf16LeBom);
}

// Lines built to make a backtracking parser rescan what it has read.
std::vector<std::string> pathological_lines(size_t length) {
    auto repeat = [&](std::string_view unit) {
        std::string s;
        while (s.size() < length) s += unit;
        return s;
    };
    return {
        "SeX = " + repeat("a "),               // inner spaces of an unquoted value
        "MACHINE\\" + repeat("="),             // '=' everywhere in a registry name
        "MACHINE\\" + repeat("= 1 "),          // almost a type marker, again and again
        "MACHINE\\X=4," + repeat("1,"),        // a very long item list
        repeat(" ") + "x",                     // leading whitespace
        "Key = \"" + repeat("x"),              // unterminated quote
        "[" + repeat("x"),                     // unterminated header
        repeat(";"),                           // a comment of semicolons
        "a" + repeat(" ") + ";",               // whitespace before a comment
        "\"" + repeat(",") + "\"," + repeat("1"),  // object-ish line
    };
}

std::string in_every_section(const std::string& line) {
    std::string text;
    for (const char* section : {"[System Access]", "[Registry Values]", "[Service General Setting]", "[Foo]"})
        text += std::string(section) + "\r\n" + line + "\r\n";
    return text;
}

}  // namespace

TEST_CASE("robustness: 40 garbage and truncated inputs in a row") {
    std::mt19937 rng(20240501);  // fixed seed: the same inputs on every run
    std::vector<std::string> inputs;
    inputs.emplace_back();                                   // 0-byte file
    inputs.emplace_back("\xFF\xFE");                         // BOM only
    inputs.emplace_back("\xFF");                             // half a BOM
    inputs.emplace_back("\xFE\xFF\x00[\x00", 5);             // UTF-16BE, odd byte count
    std::string real = windows_template();
    for (size_t cut : {3u, 7u, 101u, 222u}) inputs.push_back(real.substr(0, std::min(cut, real.size())));  // truncated
    inputs.push_back(real.substr(1));                        // lost first byte: misaligned UTF-16
    inputs.push_back(real + "x");                            // odd byte count
    for (int i = 0; i < 14; ++i) inputs.push_back(random_bytes(rng, 1 + rng() % 4096));
    for (int i = 0; i < 6; ++i) inputs.push_back("\xFF\xFE" + random_bytes(rng, 1 + rng() % 4096));
    for (int i = 0; i < 8; ++i) inputs.push_back(random_template_text(rng, 1 + rng() % 8192));
    std::string big_line = in_every_section(pathological_lines(300 * 1024)[0]);
    inputs.push_back(big_line);                              // a 300 KB line
    std::string large;
    while (large.size() < 4 * 1024 * 1024) large += random_template_text(rng, 4096) + "\r\n" + "[Privilege Rights]\r\nSeTcbPrivilege = *S-1-5-18\r\n";
    inputs.push_back(large);                                 // a large file built in memory
    REQUIRE(inputs.size() == 40);

    for (size_t i = 0; i < inputs.size(); ++i) {
        INFO("input #" << i << " (" << inputs[i].size() << " bytes)");
        test::ParsedTemplate parsed = test::parse_bytes(inputs[i]);  // a hang is caught by CTest's timeout
        check_spans_inside(parsed);
    }
}

TEST_CASE("robustness: pathological 300 KB lines take linear time") {
    auto small = pathological_lines(30 * 1024);
    auto large = pathological_lines(300 * 1024);
    for (size_t i = 0; i < small.size(); ++i) {
        INFO("pathological line #" << i);
        std::string small_text = in_every_section(small[i]), large_text = in_every_section(large[i]);
        test::ParsedTemplate parsed;
        double t_small = test::best_thread_cpu_seconds([&] { parsed = test::parse_bytes(small_text); });
        double t_large = test::best_thread_cpu_seconds([&] { parsed = test::parse_bytes(large_text); });
        check_spans_inside(parsed);
        INFO("30 KB " << t_small << " s, 300 KB " << t_large << " s");
        CHECK(test::grows_linearly(t_small, t_large));
    }
}

TEST_CASE("robustness: a large real-looking file parses in linear time, every entry kept") {
    auto build = [](size_t entries) {
        std::string text = "[Unicode]\r\nUnicode=yes\r\n[Registry Values]\r\n";
        for (size_t i = 0; i < entries; ++i)
            text += "MACHINE\\Software\\Example\\Value" + std::to_string(i) + "=4," + std::to_string(i) + "\r\n";
        return encode_text(text, Encoding::Utf16LeBom);
    };
    std::string small = build(20000), large = build(200000);  // about 3 MB and 30 MB of UTF-16
    test::ParsedTemplate parsed;
    double t_small = test::best_thread_cpu_seconds([&] { parsed = test::parse_bytes(small); });
    CHECK(parsed.settings.size() == 20000);
    double t_large = test::best_thread_cpu_seconds([&] { parsed = test::parse_bytes(large); }, 1);
    CHECK(parsed.settings.size() == 200000);
    CHECK(parsed.diagnostics.empty());
    CHECK(parsed.setting("registry:HKLM\\Software\\Example\\Value199999")->value.number == 199999);
    // Ten times the input: about ten times the work; quadratic would be a hundred times. Measured ratios
    // run 15-25x, not 10x: a table of 200,000 keys misses the cache where one of 20,000 does not, and
    // the large run also pays for fresh pages. 50x leaves room for a busy CI machine.
    CHECK(test::grows_linearly(t_small, t_large, 50.0, 0.1));
}
