// The gpolint topology file (grammar/topology.hpp, docs/topology-file.md) -> SOMs and links.
#include <algorithm>
#include <vector>

#include "grammar/topology.hpp"
#include "model/setting.hpp"
#include "parse/gplink_value.hpp"
#include "parse/topology_control.hpp"
#include "parse/topology_reader.hpp"
#include "parse/topology_text.hpp"
#include "parse/topology_tree.hpp"

namespace gpolint::parse {

namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar::topology;

struct TopologyFileErrors {
    template <typename Rule>
    static constexpr const char* message = g::error_message<Rule>;
};

std::string_view unquote(std::string_view text) {
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') return text.substr(1, text.size() - 2);
    return text;
}

// RFC 4514: characters that must be escaped in an attribute value.
std::string escape_rdn_value(std::string_view value) {
    std::string out;
    for (size_t i = 0; i < value.size(); ++i) {
        char c = value[i];
        bool special = c == ',' || c == '+' || c == '"' || c == '\\' || c == '<' || c == '>' || c == ';' || c == '=' ||
                       (i == 0 && (c == '#' || c == ' ')) || (i + 1 == value.size() && c == ' ');
        if (special) out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

std::string domain_dn(std::string_view dns_name) {
    std::string dn;
    size_t start = 0;
    while (start <= dns_name.size()) {
        size_t dot = std::min(dns_name.find('.', start), dns_name.size());
        if (!dn.empty()) dn += ',';
        dn += "DC=" + std::string(dns_name.substr(start, dot - start));
        start = dot + 1;
    }
    return dn;
}

bool ends_with_dn(std::string_view dn, std::string_view suffix) {
    auto a = model::normalize_dn(dn), b = model::normalize_dn(suffix);
    return a.size() > b.size() && a.compare(a.size() - b.size(), b.size(), b) == 0 && a[a.size() - b.size() - 1] == ',';
}

class TopologyFileState {
public:
    TopologyFileState(const SourceText& source, Diagnostics& diagnostics) : source_(source), diagnostics_(diagnostics) {}

    void syntax_error(const char* at, const char* message) { diagnostics_.error("GPL001", location(at), message); }

    // Every SOM statement starts here, so a statement that fails leaves no SOM for the links below it.
    void som_keyword(const char* at, bool needs_domain) {
        current_ = nullptr;
        if (needs_domain) require_domain(at);
    }
    void domain(const char* at, std::string_view name) {
        if (!domain_dn_.empty()) {
            error(at, "only one domain per topology file (declared at line " + std::to_string(domain_line_) + ")");
            return;
        }
        domain_dn_ = domain_dn(name);
        domain_line_ = location(at).line;
        declare(at, domain_dn_, model::SomKind::Domain);
    }
    void site(const char* at, std::string_view name) {
        if (domain_dn_.empty()) return;
        declare(at, "CN=" + escape_rdn_value(unquote(name)) + ",CN=Sites,CN=Configuration," + domain_dn_,
                model::SomKind::Site);
    }
    void ou(const char* at, std::string_view path) {
        if (domain_dn_.empty()) return;
        path = unquote(path);
        auto dn = path.find('=') != std::string_view::npos ? ou_from_dn(at, path) : ou_from_path(at, path);
        if (!dn.empty()) declare(at, dn, model::SomKind::OrganizationalUnit);
    }
    void block_inheritance() {
        if (current_) current_->block_inheritance = true;
    }
    void role(std::string_view name) {
        if (current_) current_->roles.insert(model::fold_case(name));
    }

    void link_start(const char* at) {
        require_domain(at);
        pending_ = model::Link{};
        pending_.location = location(at);
    }
    void link_guid(std::string_view guid) { pending_.gpo_guid = canonical_guid(guid); }
    void link_name(const char* at, std::string_view quoted) {
        pending_.gpo_name_ref = std::string(unquote(quoted));
        if (trim(pending_.gpo_name_ref).empty()) error(at, "empty GPO name");
    }
    void link_enforced() { pending_.enforced = true; }
    void link_disabled() { pending_.disabled = true; }
    void link_done() {
        // No SOM: the statement that should have declared it was reported already.
        if (current_) current_->links.push_back(std::move(pending_));
    }

    void finish(model::Topology& topology) {
        // Written in link order (GPMC's view: first = link order 1); gPLink order is the reverse.
        for (auto* som : declared_) {
            std::reverse(som->links.begin(), som->links.end());
            for (size_t i = 0; i < som->links.size(); ++i) som->links[i].position = static_cast<uint32_t>(i);
        }
        builder_.build(topology, diagnostics_, true);
    }

private:
    Location location(const char* at) const {
        return source_.location_of(static_cast<size_t>(at - source_.text().data()));
    }
    void error(const char* at, std::string message) { diagnostics_.error("GPL001", location(at), std::move(message)); }

    void require_domain(const char* at) {
        if (!domain_dn_.empty() || reported_missing_domain_) return;
        reported_missing_domain_ = true;
        error(at, "a topology file must start with 'domain NAME' (e.g. domain contoso.com)");
    }

    void declare(const char* at, const std::string& dn, model::SomKind kind) {
        bool existed = false;
        auto& som = builder_.declare(dn, kind, location(at), existed);
        if (existed)
            diagnostics_.warning("GPL015", location(at),
                                 dn + " is already declared at line " + std::to_string(som.location.line) +
                                     "; the links below are added to it");
        else
            declared_.push_back(&som);
        current_ = &som;
    }

    std::string ou_from_path(const char* at, std::string_view path) {
        std::string dn = domain_dn_;
        size_t start = 0;
        while (start <= path.size()) {
            size_t slash = std::min(path.find('/', start), path.size());
            auto name = trim(path.substr(start, slash - start));
            if (name.empty()) {
                error(at, "empty OU name in '" + excerpt(path) + "'");
                return {};
            }
            dn = "OU=" + escape_rdn_value(name) + "," + dn;
            start = slash + 1;
        }
        return dn;
    }
    std::string ou_from_dn(const char* at, std::string_view dn) {
        if (rdn_type(dn) != "ou") {
            error(at, "an ou DN must start with OU=: '" + excerpt(dn) + "'");
            return {};
        }
        if (!ends_with_dn(dn, domain_dn_)) {
            error(at, "'" + excerpt(dn) + "' is not inside the domain " + domain_dn_);
            return {};
        }
        return std::string(dn);
    }

    const SourceText& source_;
    Diagnostics& diagnostics_;
    SomTreeBuilder builder_;
    std::vector<model::Som*> declared_;
    model::Som* current_ = nullptr;
    model::Link pending_;
    std::string domain_dn_;
    uint32_t domain_line_ = 0;
    bool reported_missing_domain_ = false;
};

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <bool NeedsDomain>
struct som_keyword_action {
    template <typename ActionInput>
    static void apply(const ActionInput& in, TopologyFileState& state) { state.som_keyword(in.begin(), NeedsDomain); }
};
template <>
struct action<g::domain_keyword> : som_keyword_action<false> {};
template <>
struct action<g::site_keyword> : som_keyword_action<true> {};
template <>
struct action<g::ou_keyword> : som_keyword_action<true> {};

// Calls State::*Member(at, text) with the matched text.
template <void (TopologyFileState::*Member)(const char*, std::string_view)>
struct text_action {
    template <typename ActionInput>
    static void apply(const ActionInput& in, TopologyFileState& state) { (state.*Member)(in.begin(), in.string_view()); }
};
template <>
struct action<g::domain_name> : text_action<&TopologyFileState::domain> {};
template <>
struct action<g::site_name> : text_action<&TopologyFileState::site> {};
template <>
struct action<g::ou_path> : text_action<&TopologyFileState::ou> {};
template <>
struct action<g::gpo_name> : text_action<&TopologyFileState::link_name> {};

template <>
struct action<g::block_inheritance> {
    static void apply0(TopologyFileState& state) { state.block_inheritance(); }
};
template <>
struct action<g::role_name> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, TopologyFileState& state) { state.role(in.string_view()); }
};
template <>
struct action<g::link_keyword> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, TopologyFileState& state) { state.link_start(in.begin()); }
};
template <>
struct action<g::gpo_guid> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, TopologyFileState& state) { state.link_guid(in.string_view()); }
};
template <>
struct action<g::enforced> {
    static void apply0(TopologyFileState& state) { state.link_enforced(); }
};
template <>
struct action<g::disabled> {
    static void apply0(TopologyFileState& state) { state.link_disabled(); }
};
template <>
struct action<g::link_statement> {
    static void apply0(TopologyFileState& state) { state.link_done(); }
};

}  // namespace

bool looks_like_topology_file(std::string_view text) {
    auto line = first_line_not(text, [](std::string_view l) { return trim(l).empty() || trim(l)[0] == '#'; });
    if (!line) return false;
    auto statement = trim(*line);
    constexpr std::string_view kDomain = "domain";
    return statement.size() > kDomain.size() && model::iequals(statement.substr(0, kDomain.size()), kDomain) &&
           (statement[kDomain.size()] == ' ' || statement[kDomain.size()] == '\t');
}

void read_topology_file(const SourceText& source, model::Topology& topology, Diagnostics& diagnostics) {
    TopologyFileState state(source, diagnostics);
    const auto& text = source.text();
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.data() + text.size(), source.path().str());
    try {
        (void)pegtl::parse<g::file, action, report_and_skip_line<TopologyFileErrors>::control>(in, state);
    } catch (const pegtl::parse_error&) {
        // Every must<> sits inside a try_catch<> per line; nothing should reach here, but never crash.
    }
    state.finish(topology);
}

}  // namespace gpolint::parse
