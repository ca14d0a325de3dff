// gpolint rules [ID]: the rule catalogue, or one rule's page.
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/rule_ids.hpp"
#include "cli/rules_common.hpp"
#include "core/json_writer.hpp"
#include "model/setting.hpp"
#include "rules/evaluator.hpp"
#include "rules/loader.hpp"

namespace gpolint::cli {

namespace {

struct RulesArgs {
    std::string id;
    std::string format = "text";
    std::string rules_dir;
};

const char* scope_text(const rules::Rule& rule) {
    switch (rule.scope.kind) {
        case rules::ScopeKind::Gpo: return "gpo";
        case rules::ScopeKind::Som: return "som";
        case rules::ScopeKind::Domain: return "domain";
    }
    return "?";
}

void write_rule_json(JsonWriter& json, const rules::Rule& rule, bool full) {
    json.begin_object(JsonLayout::Inline).member("id", rule.id).member("slug", rule.slug);
    json.member("severity", to_string(rule.severity)).member("title", rule.title).member("scope", scope_text(rule));
    json.member("builtin", rule.builtin);
    if (full) {
        json.member("rationale", rule.rationale).member("fix", rules::render_general(rule.fix));
        json.key("see").begin_array();
        for (const auto& ref : rule.see) json.begin_object().member("label", ref.label).member("url", ref.url).end_object();
        json.end_array();
    }
    json.end_object();
}

void write_rule_text(std::ostream& out, const rules::Rule& rule) {
    out << rule.id << " " << rule.slug << " (" << to_string(rule.severity) << ", scope " << scope_text(rule)
        << (rule.builtin ? ", built-in" : "") << ")\n"
        << rule.title << "\n\n"
        << rule.rationale << "\n\nFix: " << rules::render_general(rule.fix) << "\n";
    for (const auto& ref : rule.see) out << "See: " << ref.label << " <" << ref.url << ">\n";
}

int run_rules(const RulesArgs& args) {
    std::string rules_dir = args.rules_dir.empty() ? rules::default_rules_dir() : args.rules_dir;
    auto loaded = load_rules_or_report(rules_dir, std::cerr);
    if (!loaded) return kExitUsage;
    if (args.id.empty()) {
        if (args.format == "json") {
            std::string text;
            JsonWriter json(text, JsonLayout::Pretty, 1);
            json.begin_array();
            for (const auto& rule : *loaded) write_rule_json(json, rule, false);
            json.end_array();
            std::cout << text;
            return kExitClean;
        }
        for (const auto& rule : *loaded)
            std::cout << rule.id << "  " << std::left << std::setw(8) << to_string(rule.severity) << std::setw(32)
                      << rule.slug << rule.title << "\n";
        return kExitClean;
    }
    for (const auto& rule : *loaded) {
        if (!model::iequals(rule.id, args.id)) continue;
        if (args.format == "json") {
            std::string text;
            JsonWriter json(text);
            write_rule_json(json, rule, true);
            std::cout << text;
            return kExitClean;
        }
        std::ifstream page(rules::docs_dir_for(rules_dir) + "/" + rule.id + ".md");
        if (page) std::cout << page.rdbuf();
        else write_rule_text(std::cout, rule);
        return kExitClean;
    }
    std::cerr << "gpolint: error: no rule " << args.id;
    suggest_rule_ids(args.id, *loaded, std::cerr);
    return kExitUsage;
}

}  // namespace

void add_rules_command(CLI::App& app, int& exit_code) {
    auto args = std::make_shared<RulesArgs>();
    auto* cmd = app.add_subcommand("rules", "List the rules, or show one rule's documentation");
    cmd->add_option("ID", args->id, "A rule ID such as GPL101");
    cmd->add_option("--format", args->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
    cmd->add_option("--rules", args->rules_dir, "Folder of *.rules files (default: ../share/gpolint/policies next to the executable)");
    cmd->callback([args, &exit_code] { exit_code = run_rules(*args); });
}

}  // namespace gpolint::cli
