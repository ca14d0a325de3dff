// gpolint rules [ID]: the rule catalogue, or one rule's page.
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/rule_ids.hpp"
#include "cli/rules_common.hpp"
#include "report/formats.hpp"
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

void write_rule_json(std::ostream& out, const rules::Rule& rule, bool full) {
    using report::json_string;
    out << "{\"id\": " << json_string(rule.id) << ", \"slug\": " << json_string(rule.slug)
        << ", \"severity\": " << json_string(to_string(rule.severity)) << ", \"title\": " << json_string(rule.title)
        << ", \"scope\": " << json_string(scope_text(rule)) << ", \"builtin\": " << (rule.builtin ? "true" : "false");
    if (full) {
        out << ", \"rationale\": " << json_string(rule.rationale) << ", \"fix\": " << json_string(rules::render_general(rule.fix))
            << ", \"see\": [";
        for (size_t i = 0; i < rule.see.size(); ++i)
            out << (i ? ", " : "") << "{\"label\": " << json_string(rule.see[i].label)
                << ", \"url\": " << json_string(rule.see[i].url) << "}";
        out << "]";
    }
    out << "}";
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
            std::cout << "[";
            for (size_t i = 0; i < loaded->size(); ++i) {
                std::cout << (i ? ",\n " : "\n ");
                write_rule_json(std::cout, (*loaded)[i], false);
            }
            std::cout << "\n]\n";
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
            write_rule_json(std::cout, rule, true);
            std::cout << "\n";
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
