#include "rules/rule.hpp"

#include "model/setting.hpp"
#include "rules/text.hpp"

namespace gpolint::rules {

namespace {

void collect_keys(const Expr& expr, std::vector<std::string>& keys) {
    auto add = [&keys](const std::string& key) {
        if (key.empty()) return;
        for (const auto& known : keys)
            if (known == key) return;
        keys.push_back(key);
    };
    add(expr.key);
    add(expr.key2);
    for (const auto& child : expr.children) collect_keys(child, keys);
}

// Replaces the `each` variable (when there is one) and case-folds every key for lookups.
void prepare(Expr& expr, const std::string& variable, const std::string& key) {
    if (!variable.empty() && expr.key == variable) expr.key = key;
    if (!variable.empty() && expr.key2 == variable) expr.key2 = key;
    expr.key = model::fold_case(expr.key);
    expr.key2 = model::fold_case(expr.key2);
    for (auto& child : expr.children) prepare(child, variable, key);
}

}  // namespace

std::vector<std::string> keys_of(const Expr& expr) {
    std::vector<std::string> keys;
    collect_keys(expr, keys);
    return keys;
}

std::vector<Instance> instantiate(const Rule& rule) {
    std::vector<Instance> out;
    if (!rule.when) return out;
    auto make = [&rule](const std::string& variable, const std::string& key) {
        Instance instance;
        instance.rule = &rule;
        instance.when = *rule.when;
        instance.message = rule.message;
        instance.fix = rule.fix;
        instance.at = rule.at;
        prepare(instance.when, variable, key);
        if (!variable.empty()) {
            if (instance.at == variable) instance.at = key;
            std::string placeholder = "{" + variable + "}";
            instance.message = replace_all(instance.message, placeholder, key);
            instance.fix = replace_all(instance.fix, placeholder, key);
            instance.message = replace_all(instance.message, ":" + variable + "}", ":" + key + "}");
            instance.fix = replace_all(instance.fix, ":" + variable + "}", ":" + key + "}");
        }
        instance.keys = keys_of(instance.when);
        if (instance.at.empty() && !instance.keys.empty()) instance.at = instance.keys.front();
        instance.at = model::fold_case(instance.at);
        return instance;
    };
    if (rule.each_variable.empty()) {
        out.push_back(make({}, {}));
    } else {
        for (const auto& key : rule.each_keys) out.push_back(make(rule.each_variable, key));
    }
    return out;
}

}  // namespace gpolint::rules
