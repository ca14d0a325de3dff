#include "model/topology.hpp"

#include "model/setting.hpp"

namespace gpolint::model {

const char* to_string(SomKind kind) {
    switch (kind) {
        case SomKind::Site: return "site";
        case SomKind::Domain: return "domain";
        case SomKind::OrganizationalUnit: return "ou";
    }
    return "?";
}

std::string normalize_dn(std::string_view dn) {
    std::string out;
    out.reserve(dn.size());
    bool in_value_space = false;
    for (size_t i = 0; i < dn.size(); ++i) {
        char c = dn[i];
        if (c == ' ') {
            // Drop spaces next to separators; keep single spaces inside names.
            char prev = out.empty() ? ',' : out.back();
            size_t j = i;
            while (j < dn.size() && dn[j] == ' ') ++j;
            char next = j < dn.size() ? dn[j] : ',';
            if (prev == ',' || prev == '=' || next == ',' || next == '=') { i = j - 1; continue; }
            in_value_space = true;
        }
        (void)in_value_space;
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
}

std::string parent_dn(std::string_view dn) {
    for (size_t i = 0; i < dn.size(); ++i) {
        if (dn[i] == '\\') { ++i; continue; }
        if (dn[i] == ',') {
            auto rest = dn.substr(i + 1);
            while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
            auto first = fold_case(rest.substr(0, 3));
            if (first == "dc=" && fold_case(dn.substr(0, 3)) == "dc=") return {};  // domain root: no parent
            return std::string(rest);
        }
    }
    return {};
}

std::string canonical_name_to_dn(std::string_view canonical) {
    std::vector<std::string_view> parts;
    size_t start = 0;
    for (size_t i = 0; i <= canonical.size(); ++i) {
        if (i == canonical.size() || canonical[i] == '/') {
            if (i > start) parts.push_back(canonical.substr(start, i - start));
            start = i + 1;
        }
    }
    if (parts.empty()) return {};
    std::string dn;
    for (size_t i = parts.size(); i-- > 1;) {
        dn += "OU=";
        dn += parts[i];
        dn += ',';
    }
    std::string_view domain = parts[0];
    size_t label_start = 0;
    for (size_t i = 0; i <= domain.size(); ++i) {
        if (i == domain.size() || domain[i] == '.') {
            if (label_start > 0 || !dn.empty()) {
                if (dn.empty() || dn.back() != ',') dn += ',';
            }
            dn += "DC=";
            dn += domain.substr(label_start, i - label_start);
            label_start = i + 1;
        }
    }
    return dn;
}

int Topology::find(std::string_view dn) const {
    auto it = index_by_dn.find(normalize_dn(dn));
    return it == index_by_dn.end() ? -1 : it->second;
}

int Topology::find_dn_or_name(std::string_view name) const {
    int som = find(name);
    if (som < 0 && name.find('=') == std::string_view::npos) som = find(canonical_name_to_dn(name));
    return som;
}

int Topology::add_som(Som som) {
    auto key = normalize_dn(som.dn);
    if (auto it = index_by_dn.find(key); it != index_by_dn.end()) return it->second;
    int index = static_cast<int>(soms.size());
    if (som.parent >= 0) soms[static_cast<size_t>(som.parent)].children.push_back(index);
    soms.push_back(std::move(som));
    index_by_dn.emplace(std::move(key), index);
    return index;
}

}  // namespace gpolint::model
