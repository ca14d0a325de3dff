#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "findings/config.hpp"
#include "findings_test_support.hpp"
#include "grammar/config.hpp"

using namespace gpolint;
using gpolint::testing::source_of;

namespace {
findings::Config parse(std::string_view text, std::vector<Diagnostic>& diagnostics) {
    return findings::parse_config(source_of("/cfg/repo/.gpolint", text), diagnostics);
}
}  // namespace

TEST_CASE("config: paths are resolved against the file's folder, exclude globs are kept as written") {
    std::vector<Diagnostic> diagnostics;
    auto config = parse("paths = policies, \"ad exports/contoso.ldf\"\nexclude = archive, old/*.inf\n", diagnostics);
    CHECK(diagnostics.empty());
    CHECK(config.paths == std::vector<std::string>{"/cfg/repo/policies", "/cfg/repo/ad exports/contoso.ldf"});
    CHECK(config.exclude == std::vector<std::string>{"archive", "old/*.inf"});
}

TEST_CASE("config: the project root is the nearest folder with .gpolint or .git") {
    namespace fs = std::filesystem;
    fs::path root = fs::temp_directory_path() / ("gpolint-project-root-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "repo" / ".git");
    fs::create_directories(root / "repo" / "sub" / "deeper");
    fs::create_directories(root / "repo" / "configured" / "inner");
    std::ofstream(root / "repo" / "configured" / ".gpolint") << "fail-on = error\n";
    CHECK(findings::find_project_root((root / "repo" / "sub" / "deeper").string()) == (root / "repo").string());
    CHECK(findings::find_project_root((root / "repo" / "configured" / "inner").string()) ==
          (root / "repo" / "configured").string());
    fs::remove_all(root);
}

TEST_CASE("config grammar: no infinite loops or empty repetitions") {
    CHECK(tao::pegtl::analyze<grammar::config::file>(1) == 0);
}

TEST_CASE("config: every key, sections, comments, quoting and CRLF") {
    std::vector<Diagnostic> diagnostics;
    auto config = parse("# gpolint settings\r\n"
                        "select = GPL1xx, GPL201   # the seed rules\r\n"
                        "ignore=GPL204\r\n"
                        "fail-on = error\r\n"
                        "topology = ad/contoso.topology\r\n"
                        "suppressions = \"policy exceptions/suppressions.txt\"\r\n"
                        "baseline = /abs/baseline.json\r\n"
                        "rules = ../policies\r\n"
                        "\r\n"
                        "[severity]\r\n"
                        "GPL204 = warning\r\n"
                        "gpl703 = off\r\n"
                        "  [ roles ]\r\n"
                        "\"OU=HyperV,OU=Servers,DC=contoso,DC=com\" = hyperv, cluster\r\n",
                        diagnostics);
    CHECK(diagnostics.empty());
    CHECK(config.select == std::vector<std::string>{"GPL1", "GPL201"});
    CHECK(config.ignore == std::vector<std::string>{"GPL204", "GPL703"});
    CHECK(config.fail_on == findings::FailOn::Error);
    CHECK(config.topology == std::vector<std::string>{"/cfg/repo/ad/contoso.topology"});
    CHECK(config.suppressions == "/cfg/repo/policy exceptions/suppressions.txt");
    CHECK(config.baseline == "/abs/baseline.json");
    CHECK(config.rules == "/cfg/policies");
    REQUIRE(config.severity.count("GPL204") == 1);
    CHECK(config.severity.at("GPL204") == Severity::Warning);
    REQUIRE(config.roles.size() == 2);
    CHECK(config.roles[0] == std::pair<std::string, std::string>{"OU=HyperV,OU=Servers,DC=contoso,DC=com", "hyperv"});
    CHECK(config.roles[1].second == "cluster");
}

TEST_CASE("config: errors at file:line:col, and the rest of the file still counts") {
    struct Case {
        const char* text;
        uint32_t line, column;
        const char* message_part;
    };
    const Case cases[] = {
        {"fail-on = warning\ncolour = always\n", 2, 1, "unknown key 'colour'"},
        {"select = GPL101\nfail-on = sometimes\n", 2, 11, "fail-on must be error, warning, note or never"},
        {"ignore = GPL1, XYZ9\n", 1, 16, "'XYZ9' is not a rule ID"},
        {"fail-on warning\n", 1, 9, "expected '=' after the key"},
        {"fail-on =\n", 1, 10, "expected a value after '='"},
        {"topology = \"a b\n", 1, 16, "unterminated string"},
        {"[severity\n", 1, 10, "expected ']'"},
        {"[colors]\nred = 1\n", 1, 2, "unknown section [colors]"},
        {"[severity]\nGPL1xx = error\n", 2, 1, "is not a rule ID like GPL101"},
        {"[severity]\nGPL101 = loud\n", 2, 10, "severity must be error, warning, note or off"},
        {"fail-on = error\nFAIL-ON = note\n", 2, 1, "already set on line 1"},
        {"fail-on = error note\n", 1, 17, "unexpected text after the value"},
        {"= x\n", 1, 1, "expected 'key = value'"},
        {"baseline = a, b\n", 1, 15, "takes one path"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        std::vector<Diagnostic> diagnostics;
        parse(c.text, diagnostics);
        REQUIRE(diagnostics.size() == 1);
        CHECK(diagnostics[0].severity == Severity::Error);
        CHECK(diagnostics[0].location.line == c.line);
        CHECK(diagnostics[0].location.column == c.column);
        CHECK(diagnostics[0].message.find(c.message_part) != std::string::npos);
    }
    std::vector<Diagnostic> diagnostics;
    auto config = parse("bogus line here\nfail-on = note\n", diagnostics);
    CHECK(diagnostics.size() == 1);
    CHECK(config.fail_on == findings::FailOn::Note);
}

TEST_CASE("config: garbage, UTF-16 and a missing final newline never crash") {
    std::vector<Diagnostic> diagnostics;
    parse(std::string("\0\xFF\xFE[\x01\"\r\r\n=", 11), diagnostics);
    CHECK_FALSE(diagnostics.empty());
    diagnostics.clear();
    auto utf16 = decode_text(intern_path("/c/.gpolint"), std::string("\xFF\xFE" "f\0a\0i\0l\0-\0o\0n\0=\0n\0o\0t\0e\0", 26));
    auto config = findings::parse_config(utf16, diagnostics);
    CHECK(diagnostics.empty());
    CHECK(config.fail_on == findings::FailOn::Note);
    std::string long_line(300000, 'a');
    diagnostics.clear();
    parse(long_line, diagnostics);
    CHECK(diagnostics.size() == 1);
}

TEST_CASE("config: rule patterns and families") {
    CHECK(findings::is_rule_pattern("GPL101"));
    CHECK(findings::is_rule_pattern("gpl1xx"));
    CHECK(findings::is_rule_pattern("GPL1"));
    CHECK_FALSE(findings::is_rule_pattern("GPL"));
    CHECK_FALSE(findings::is_rule_pattern("GPL1x1"));
    CHECK_FALSE(findings::is_rule_pattern("GPL10000"));
    CHECK(findings::rule_prefix("gpl1xx") == "GPL1");
    CHECK(findings::rule_prefix("GPL101") == "GPL101");
    CHECK(findings::rule_matches("GPL1xx", "GPL104"));
    CHECK(findings::rule_matches("gpl101", "GPL101"));
    CHECK_FALSE(findings::rule_matches("GPL1xx", "GPL204"));
    CHECK_FALSE(findings::rule_matches("GPL101", "GPL102"));
}

TEST_CASE("config: .gpolint is found upward from the current directory") {
    namespace fs = std::filesystem;
    fs::path root = fs::temp_directory_path() / ("gpolint-config-find-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root / "a" / "b");
    auto before = findings::find_config((root / "a" / "b").string());
    CHECK(before.value_or("") != (root / ".gpolint").string());
    std::ofstream(root / ".gpolint") << "fail-on = note\n";
    auto found = findings::find_config((root / "a" / "b").string());
    REQUIRE(found.has_value());
    CHECK(*found == (root / ".gpolint").string());
    fs::remove_all(root);
}
