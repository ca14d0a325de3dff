// The check service (src/check/) without the CLI: what `gpolint check` computes, called as a library.
#include <doctest/doctest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "check/check.hpp"
#include "core/parallel.hpp"
#include "rules/loader.hpp"

using namespace gpolint;
namespace fs = std::filesystem;

namespace {

const std::string kHyperVOu = "OU=HyperV,OU=Servers,DC=contoso,DC=com";
const std::string kHyperVGpo = "{5C1E2A10-7B7E-4E0B-9C6A-1D2E3F405161}";

const std::vector<rules::Rule>& policies() {
    static const auto rules = [] {
        Diagnostics diagnostics;
        auto loaded = rules::load_rules(rules::default_rules_dir(), diagnostics);
        REQUIRE(diagnostics.count(Severity::Error) == 0);
        return loaded;
    }();
    return rules;
}

check::Request hyperv_request(unsigned threads = 0) {
    check::Request request;
    request.paths = {(fs::path(GPOLINT_EXAMPLES) / "hyperv-outage").string()};
    request.rules = &policies();
    request.rules_dir = rules::default_rules_dir();
    request.settings.threads = threads;
    return request;
}

std::string hyperv_template() {
    return (fs::path(GPOLINT_EXAMPLES) / "hyperv-outage/policies" / kHyperVGpo /
            "Machine/Microsoft/Windows NT/SecEdit/GptTmpl.inf").string();
}

// Everything a report shows of the findings, one line per finding and note.
std::string listing(const std::vector<Diagnostic>& findings) {
    std::ostringstream out;
    for (const auto& d : findings) {
        out << d.location.file.str() << ':' << d.location.line << ':' << d.location.column << ' ' << to_string(d.severity)
            << ' ' << d.rule_id << ' ' << d.som.value_or("-") << ' ' << d.message << '\n';
        for (const auto& note : d.notes) out << "  note " << note.message << '\n';
    }
    return out.str();
}

const Diagnostic* first_of(const std::vector<Diagnostic>& findings, const std::string& rule) {
    for (const auto& d : findings)
        if (d.rule_id == rule) return &d;
    return nullptr;
}

}  // namespace

TEST_CASE("check service: the hyperv example gives GPL101 on the Hyper-V OU, at the template that wins") {
    auto result = check::run(hyperv_request());
    CHECK(result.fatal.empty());
    CHECK(result.exit_code == 1);
    const auto* gpl101 = first_of(result.report.findings, "GPL101");
    REQUIRE(gpl101 != nullptr);
    CHECK(gpl101->som == kHyperVOu);
    CHECK(gpl101->location.file.str() == hyperv_template());
    CHECK(gpl101->location.line == 10);
    CHECK(result.report.gpos == 3);
    CHECK(result.report.soms == 3);
    CHECK_FALSE(result.report.rules.empty());
    // The report model is filled, not the lint stage's list: conclude moved the findings on.
    CHECK(result.findings.empty());
}

TEST_CASE("check service: lint alone returns the sorted findings before suppressions") {
    auto result = check::lint(hyperv_request());
    CHECK(first_of(result.findings, "GPL101") != nullptr);
    CHECK(result.report.findings.empty());
    CHECK(std::is_sorted(result.findings.begin(), result.findings.end(), diagnostic_order));
}

TEST_CASE("check service: --changed keeps only the findings that touch a changed file") {
    auto all = check::run(hyperv_request());
    auto request = hyperv_request();
    request.changed = {hyperv_template()};
    auto changed = check::run(request);
    REQUIRE_FALSE(changed.report.findings.empty());
    CHECK(changed.report.findings.size() < all.report.findings.size());  // GPL704 is about the other GPO only
    for (const auto& d : changed.report.findings) CHECK(d.location.file.str() == hyperv_template());
    CHECK(changed.exit_code == 1);

    request.changed = {(fs::path(GPOLINT_EXAMPLES) / "hyperv-outage/domain.topology").string() + ".none"};
    auto untouched = check::run(request);
    CHECK(untouched.report.findings.empty());
    CHECK(untouched.exit_code == 0);
}

TEST_CASE("check service: one thread and two give identical findings, and --jobs 1 starts no thread") {
    const size_t before = threads_started();
    auto one = check::run(hyperv_request(1));
    CHECK(threads_started() == before);
    auto two = check::run(hyperv_request(2));
    CHECK(threads_started() > before);  // the counter sees the threads the second run started
    CHECK(listing(one.report.findings) == listing(two.report.findings));
    CHECK_FALSE(listing(one.report.findings).empty());
}

TEST_CASE("check service: the HTML views come back with each SOM's processing order") {
    auto request = hyperv_request(2);
    request.views = true;
    auto result = check::run(request);
    REQUIRE(result.report.soms_view.size() == 3);
    const report::SomView* ou = nullptr;
    for (const auto& view : result.report.soms_view)
        if (view.dn == kHyperVOu) ou = &view;
    REQUIRE(ou != nullptr);
    REQUIRE(ou->order.size() >= 2);
    CHECK(ou->order.back().enforced);  // the enforced domain GPO applies last and wins
    CHECK(result.report.gpos_view.size() == 3);
    CHECK_FALSE(result.report.inputs_view.empty());
    CHECK(check::run(hyperv_request()).report.soms_view.empty());  // only asked for by the HTML report
}

TEST_CASE("sort_diagnostics honours its thread count") {
    std::vector<Diagnostic> many(20000);
    for (size_t i = 0; i < many.size(); ++i) {
        many[i].rule_id = "GPL101";
        many[i].location.line = static_cast<uint32_t>(many.size() - i);
    }
    auto copy = many;
    const size_t before = threads_started();
    sort_diagnostics(many, 1);
    CHECK(threads_started() == before);
    sort_diagnostics(copy, 2);
    CHECK(threads_started() == before + 1);
    CHECK(many.front().location.line == 1);
    CHECK(copy.front().location.line == 1);
}
