#include "compare/compare.hpp"

#include <algorithm>
#include <fstream>
#include <set>

#include "resolve/effective.hpp"
#include "rules/evaluator.hpp"

namespace gpolint::compare {

namespace {

// Numbers compare as numbers ("4,1" in a template and a registry.pol DWORD 1 agree), principal and
// multi-string lists as sets, text without regard to case (as Windows reads these values).
std::string comparable_of(const model::Value& value) {
    if (value.number && value.items.empty()) return std::to_string(*value.number);
    if (!value.items.empty()) {
        std::vector<std::string> items;
        for (const auto& item : value.items) items.push_back(model::fold_case(item));
        std::sort(items.begin(), items.end());
        items.erase(std::unique(items.begin(), items.end()), items.end());
        std::string joined;
        for (const auto& item : items) joined += (joined.empty() ? "" : ",") + item;
        return joined;
    }
    return model::fold_case(value.text);
}

bool counts_as_value(model::Operation op) {
    return op == model::Operation::Set || op == model::Operation::SetIfAbsent || op == model::Operation::DeleteValue;
}

SideValue value_of(const model::Setting& setting, const std::string& gpo_name) {
    SideValue value;
    value.present = true;
    if (setting.op == model::Operation::DeleteValue) {
        value.shown = value.comparable = "(deleted)";
    } else {
        value.shown = rules::display_value(setting.value);
        value.comparable = comparable_of(setting.value);
    }
    value.gpos = "'" + gpo_name + "'";
    return value;
}

void add(SettingSet& set, const model::Setting& setting, const std::string& gpo_name) {
    auto& entry = set.entries[setting.key.folded()];
    if (entry.key.empty()) entry.key = setting.key.text();
    SideValue value = value_of(setting, gpo_name);
    // Inside one GPO the later entry of a key wins (template before registry.pol before Preferences).
    if (!entry.by_gpo.empty() && entry.by_gpo.back().first == gpo_name) entry.by_gpo.back().second = value;
    else entry.by_gpo.emplace_back(gpo_name, std::move(value));
}

std::string short_name(std::string_view key) {
    auto colon = key.find(':');
    std::string_view kind = key.substr(0, colon);
    std::string_view rest = colon == std::string_view::npos ? key : key.substr(colon + 1);
    if (kind == "registry") {
        auto slash = rest.rfind('\\');
        if (slash != std::string_view::npos)
            return std::string(rest.substr(slash + 1)) + " (" + std::string(rest.substr(0, slash)) + ")";
    }
    return std::string(rest);
}

}  // namespace

bool SettingNames::load(const std::string& path) {
    std::ifstream file(path);
    if (!file) return false;
    std::string line;
    while (std::getline(file, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line.front() == '#') continue;
        auto tab = line.find('\t');
        if (tab == std::string::npos || tab == 0 || tab + 1 == line.size()) continue;
        add(std::string_view(line).substr(0, tab), line.substr(tab + 1));
    }
    return true;
}

void SettingNames::add(std::string_view key, std::string name) { names_[model::fold_case(key)] = std::move(name); }

std::string SettingNames::name_of(std::string_view key) const {
    auto found = names_.find(model::fold_case(key));
    return found != names_.end() ? found->second : short_name(key);
}

const char* to_string(Status status) {
    switch (status) {
        case Status::Missing: return "missing";
        case Status::Different: return "different";
        case Status::Extra: return "extra";
        case Status::Same: return "same";
    }
    return "?";
}

size_t Comparison::count(Status status) const {
    return static_cast<size_t>(std::count_if(rows.begin(), rows.end(), [&](const Row& r) { return r.status == status; }));
}

SettingSet collect(const std::vector<model::Gpo>& gpos) {
    SettingSet set;
    for (const auto& gpo : gpos)
        for (const auto& setting : gpo.settings)
            if (counts_as_value(setting.op)) add(set, setting, gpo.name);
    return set;
}

SettingSet collect_effective(const model::Topology& topology, const std::vector<model::Gpo>& gpos, int som) {
    SettingSet set;
    const resolve::EffectivePolicy policy = resolve::resolve_som(topology, gpos, som);
    for (const auto& resolved : policy.settings) {
        if (!resolved.winner || resolved.winner_link < 0 || !counts_as_value(resolved.winner->op)) continue;
        const auto* gpo = policy.order[static_cast<size_t>(resolved.winner_link)].gpo;
        add(set, *resolved.winner, gpo ? gpo->name : std::string("?"));
    }
    return set;
}

SideValue merged(const SettingSet::Entry& entry) {
    SideValue out;
    if (entry.by_gpo.empty()) return out;
    out = entry.by_gpo.front().second;
    std::set<std::string> distinct;
    for (const auto& [gpo, value] : entry.by_gpo) distinct.insert(value.comparable);
    out.conflict = distinct.size() > 1;
    out.gpos.clear();
    out.shown.clear();
    if (out.conflict) out.comparable.clear();
    for (const auto& [gpo, value] : entry.by_gpo) {
        out.gpos += (out.gpos.empty() ? "" : ", ") + value.gpos;
        if (out.conflict) {
            out.shown += (out.shown.empty() ? "" : " | ") + value.shown + " (" + value.gpos + ")";
            out.comparable += (out.comparable.empty() ? "" : "|") + value.comparable;
        }
    }
    if (!out.conflict) out.shown = entry.by_gpo.front().second.shown;
    return out;
}

std::vector<Row> compare_sets(const SettingSet& left, const SettingSet& right, const std::string& scope,
                              const SettingNames& names, bool keep_same) {
    std::vector<Row> rows;
    auto l = left.entries.begin(), r = right.entries.begin();
    while (l != left.entries.end() || r != right.entries.end()) {
        Row row;
        row.scope = scope;
        if (r == right.entries.end() || (l != left.entries.end() && l->first < r->first)) {
            row.key = l->second.key;
            row.left = merged(l->second);
            row.status = Status::Missing;
            ++l;
        } else if (l == left.entries.end() || r->first < l->first) {
            row.key = r->second.key;
            row.right = merged(r->second);
            row.status = Status::Extra;
            ++r;
        } else {
            row.key = l->second.key;
            row.left = merged(l->second);
            row.right = merged(r->second);
            row.status = row.left.comparable == row.right.comparable ? Status::Same : Status::Different;
            ++l;
            ++r;
        }
        if (row.status == Status::Same && !keep_same) continue;
        row.name = names.name_of(row.key);
        rows.push_back(std::move(row));
    }
    return rows;
}

Comparison compare(const Side& left, const Side& right, const SettingNames& names, bool per_ou) {
    Comparison out;
    const SettingSet left_set = collect(*left.gpos);
    const SettingSet right_set = collect(*right.gpos);
    out.rows = compare_sets(left_set, right_set, "GPO set", names);
    std::set<std::string> keys;
    for (const auto& [key, entry] : left_set.entries) keys.insert(key);
    for (const auto& [key, entry] : right_set.entries) keys.insert(key);
    out.compared_settings = keys.size();
    if (!per_ou || !right.topology || right.topology->empty()) return out;
    for (size_t i = 0; i < right.topology->soms.size(); ++i) {
        const auto& som = right.topology->soms[i];
        if (som.kind == model::SomKind::Site) continue;
        const int left_som = left.topology && !left.topology->empty() ? left.topology->find(som.dn) : -1;
        const SettingSet left_effective =
            left_som >= 0 ? collect_effective(*left.topology, *left.gpos, left_som) : SettingSet{};
        auto rows = compare_sets(left_som >= 0 ? left_effective : left_set,
                                 collect_effective(*right.topology, *right.gpos, static_cast<int>(i)), som.dn, names);
        std::move(rows.begin(), rows.end(), std::back_inserter(out.rows));
        ++out.compared_soms;
    }
    return out;
}

Matrix settings_matrix(const std::vector<model::Gpo>& gpos, const SettingNames& names) {
    Matrix matrix;
    for (const auto& gpo : gpos) matrix.gpos.push_back(gpo.name);
    std::map<std::string, Matrix::Line> lines;
    std::map<std::string, std::set<std::string>> distinct;
    for (size_t g = 0; g < gpos.size(); ++g) {
        for (const auto& setting : gpos[g].settings) {
            if (!counts_as_value(setting.op)) continue;
            auto& line = lines[setting.key.folded()];
            if (line.key.empty()) {
                line.key = setting.key.text();
                line.values.resize(gpos.size());
            }
            SideValue value = value_of(setting, gpos[g].name);
            line.values[g] = value.shown;
            distinct[setting.key.folded()].insert(value.comparable);
        }
    }
    for (auto& [folded, line] : lines) {
        line.name = names.name_of(line.key);
        line.conflict = distinct[folded].size() > 1;
        matrix.lines.push_back(std::move(line));
    }
    return matrix;
}

}  // namespace gpolint::compare
