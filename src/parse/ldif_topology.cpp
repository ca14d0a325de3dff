// LDIF records -> SOMs (domain, OUs, sites with gPLink/gPOptions), GPO containers and computers.
#include <algorithm>
#include <set>

#include "grammar/ldif.hpp"
#include "model/setting.hpp"
#include "parse/gplink_value.hpp"
#include "parse/ldif_records.hpp"
#include "parse/topology_reader.hpp"
#include "parse/topology_text.hpp"
#include "parse/topology_tree.hpp"

namespace gpolint::parse {

namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar::ldif;

enum class RecordKind { Domain, OrganizationalUnit, Site, GpoContainer, Computer, ServiceAccount, ExchangeServer, Other };

template <typename Rule>
bool matches_whole(std::string_view text) {
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.data() + text.size(), "");
    return pegtl::parse<pegtl::seq<Rule, pegtl::eof>>(in);
}

template <typename Rule>
struct collect_action : pegtl::nothing<Rule> {};
template <>
struct collect_action<g::extension_cse> {
    template <typename ActionInput>
    static void apply(const ActionInput& in, std::vector<std::string>& out) { out.push_back(canonical_guid(in.string_view())); }
};
template <>
struct collect_action<g::wql_filter_id> : collect_action<g::extension_cse> {};

// The GUIDs a value grammar names (CSEs of gPCMachineExtensionNames, the filter of gPCWQLFilter).
template <typename Rule>
std::optional<std::vector<std::string>> collect_guids(std::string_view text) {
    std::vector<std::string> guids;
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data(), text.data() + text.size(), "");
    if (!pegtl::parse<Rule, collect_action>(in, guids)) return std::nullopt;
    return guids;
}

bool is_site_dn(std::string_view dn) {
    auto sites = model::parent_dn(dn);
    return rdn_type(dn) == "cn" && model::iequals(rdn_value(sites), "Sites") &&
           model::iequals(rdn_value(model::parent_dn(sites)), "Configuration");
}

bool is_gpo_container_dn(std::string_view dn) {
    return rdn_type(dn) == "cn" && matches_whole<grammar::guid>(rdn_value(dn)) &&
           model::iequals(rdn_value(model::parent_dn(dn)), "Policies");
}

class LdifTopologyReader {
public:
    LdifTopologyReader(const SourceText& source, model::Topology& topology, Diagnostics& diagnostics)
        : source_(source), topology_(topology), diagnostics_(diagnostics) {}

    void read(const LdifRecord& record) {
        if (!is_entry(record)) return;
        switch (classify(record)) {
            case RecordKind::Domain: return read_som(record, model::SomKind::Domain);
            case RecordKind::OrganizationalUnit: return read_som(record, model::SomKind::OrganizationalUnit);
            case RecordKind::Site: return read_som(record, model::SomKind::Site);
            case RecordKind::GpoContainer: return read_gpo_container(record);
            case RecordKind::Computer: return read_computer(record);
            case RecordKind::ServiceAccount: return read_service_account(record);
            case RecordKind::ExchangeServer: return read_exchange_server(record);
            case RecordKind::Other: return;
        }
    }

    void finish() { builder_.build(topology_, diagnostics_, true); }

private:
    Location where(size_t offset) const { return source_.location_of(offset); }
    Location where(const LdifAttribute& attribute) const { return where(attribute.line_offset); }

    std::optional<std::string> text(const LdifAttribute* attribute) {
        if (!attribute) return std::nullopt;
        auto value = decode_ldif_value(*attribute, source_, diagnostics_);
        if (!value) return std::nullopt;
        return std::string(trim(value->text));
    }
    std::optional<uint32_t> number(const LdifRecord& record, std::string_view name) {
        const auto* attribute = record.first(name);
        auto value = text(attribute);
        if (!value) return std::nullopt;
        auto parsed = parse_uint32(*value);
        if (!parsed)
            diagnostics_.error("GPL001", where(*attribute),
                               std::string(name) + " '" + excerpt(*value) + "' is not a 32-bit integer; ignored");
        return parsed;
    }

    // ldifde writes "changetype: add" on every exported entry; other change types are edits, not state.
    bool is_entry(const LdifRecord& record) {
        const auto* changetype = record.first("changetype");
        auto value = text(changetype);
        if (!value || model::iequals(*value, "add")) return true;
        diagnostics_.warning("GPL016", where(*changetype),
                             "'changetype: " + excerpt(*value) + "' is a change, not an exported entry; record ignored");
        return false;
    }

    RecordKind classify(const LdifRecord& record) {
        std::set<std::string> classes;
        for (const auto* attribute : record.all("objectClass"))
            if (auto value = text(attribute)) classes.insert(model::fold_case(*value));
        if (!classes.empty()) {
            if (classes.count("grouppolicycontainer")) return RecordKind::GpoContainer;
            // Managed service accounts derive from computer but run on other hosts.
            if (classes.count("msds-groupmanagedserviceaccount") || classes.count("msds-managedserviceaccount"))
                return RecordKind::ServiceAccount;
            if (classes.count("computer")) return RecordKind::Computer;
            if (classes.count("user")) return RecordKind::ServiceAccount;
            if (classes.count("msexchexchangeserver")) return RecordKind::ExchangeServer;
            if (classes.count("organizationalunit")) return RecordKind::OrganizationalUnit;
            if (classes.count("domaindns") || classes.count("domain")) return RecordKind::Domain;
            if (classes.count("site")) return RecordKind::Site;
            return RecordKind::Other;
        }
        // ldapsearch with an attribute list exports no objectClass: judge by the DN and the attributes.
        const auto& dn = record.dn;
        if (is_gpo_container_dn(dn)) return RecordKind::GpoContainer;
        if (rdn_type(dn) == "ou") return RecordKind::OrganizationalUnit;
        if (rdn_type(dn) == "dc") return RecordKind::Domain;
        if (is_site_dn(dn)) return RecordKind::Site;
        if (record.first("servicePrincipalName") || record.first("dNSHostName")) return RecordKind::Computer;
        return RecordKind::Other;
    }

    void read_som(const LdifRecord& record, model::SomKind kind) {
        bool existed = false;
        auto& som = builder_.declare(record.dn, kind, where(record.offset), existed);
        if (existed) {
            diagnostics_.warning("GPL015", where(record.offset),
                                 record.dn + " appears twice in this file; the first record is used");
            return;
        }
        auto links = record.all("gPLink");
        if (links.size() > 1)
            diagnostics_.warning("GPL016", where(*links[1]), "gPLink is single-valued; only the first value is used");
        if (!links.empty()) read_gplink(*links.front(), som);
        if (auto options = number(record, "gPOptions")) som.block_inheritance = (*options & 1u) != 0;
    }

    void read_gplink(const LdifAttribute& attribute, model::Som& som) {
        auto value = decode_ldif_value(attribute, source_, diagnostics_);
        if (!value) return;
        auto parsed = parse_gplink(value->text);
        auto at = [&](size_t offset) { return where(value->source_offset(offset)); };
        // A hostile value can hold millions of bad elements: report the first few, then count the rest.
        constexpr size_t kMaxProblems = 10;
        for (size_t i = 0; i < std::min(parsed.problems.size(), kMaxProblems); ++i)
            diagnostics_.error("GPL001", at(parsed.problems[i].offset), parsed.problems[i].message);
        if (parsed.problems.size() > kMaxProblems)
            diagnostics_.error("GPL001", at(parsed.problems[kMaxProblems].offset),
                               std::to_string(parsed.problems.size() - kMaxProblems) +
                                   " more malformed elements in this gPLink value");
        for (const auto& entry : parsed.links) {
            model::Link link;
            link.gpo_guid = entry.gpo_guid;
            link.disabled = (entry.options & 1u) != 0;
            link.enforced = (entry.options & 2u) != 0;
            link.position = entry.position;
            link.location = at(entry.offset);
            som.links.push_back(std::move(link));
        }
    }

    void read_gpo_container(const LdifRecord& record) {
        model::GpoContainer container;
        container.location = where(record.offset);
        auto cn = text(record.first("cn"));
        std::string guid = cn && matches_whole<grammar::guid>(*cn) ? *cn : std::string(rdn_value(record.dn));
        if (!matches_whole<grammar::guid>(guid)) {
            diagnostics_.error("GPL001", container.location,
                               "groupPolicyContainer " + excerpt(record.dn) + " has no {GUID} name; record ignored");
            return;
        }
        container.guid = canonical_guid(guid);
        if (!seen_containers_.insert(container.guid).second) {
            diagnostics_.warning("GPL015", container.location,
                                 "GPO " + container.guid + " appears twice in this file; the first record is used");
            return;
        }
        if (auto name = text(record.first("displayName"))) container.name = *name;
        container.flags = number(record, "flags");
        container.version = number(record, "versionNumber");
        if (const auto* attribute = record.first("gPCMachineExtensionNames"); auto value = text(attribute)) {
            if (auto cses = collect_guids<g::extension_names>(*value)) container.machine_extensions = std::move(*cses);
            else diagnostics_.warning("GPL001", where(*attribute), "gPCMachineExtensionNames is not [{CSE}{TOOL}…]…; ignored");
        }
        if (const auto* attribute = record.first("gPCWQLFilter"); auto value = text(attribute)) {
            auto id = collect_guids<g::wql_filter>(*value);
            if (id && id->size() == 1) {
                container.wmi_filter = id->front();
            } else if (!value->empty()) {
                diagnostics_.warning("GPL001", where(*attribute),
                                     "gPCWQLFilter is not [domain;{filter ID};flags]; kept as written");
                container.wmi_filter = *value;
            }
        }
        topology_.gpo_containers.push_back(std::move(container));
    }

    void read_computer(const LdifRecord& record) {
        model::Computer computer;
        computer.dn = record.dn;
        computer.location = where(record.offset);
        if (auto value = text(record.first("dNSHostName"))) computer.dns_host_name = *value;
        if (auto value = text(record.first("operatingSystem"))) computer.operating_system = *value;
        for (const auto* attribute : record.all("servicePrincipalName"))
            if (auto value = text(attribute)) computer.service_principal_names.push_back(*value);
        if (auto value = number(record, "userAccountControl")) computer.user_account_control = *value;
        builder_.mention(computer.dn, computer.location);
        topology_.computers.push_back(std::move(computer));
    }

    // Only the SPNs matter: they name the host the service runs on (MSSQLSvc/sql01.contoso.com:1433).
    void read_service_account(const LdifRecord& record) {
        for (const auto* attribute : record.all("servicePrincipalName"))
            if (auto value = text(attribute)) topology_.account_spns.push_back(*value);
    }

    // CN=EX01,CN=Servers,…,CN=Microsoft Exchange,CN=Services,CN=Configuration,…: the server's computer is
    // named by networkAddress ("ncacn_ip_tcp:ex01.contoso.com", "netbios:EX01") or, failing that, the CN.
    // Edge Transport servers (msExchCurrentServerRoles 64) are not domain members.
    void read_exchange_server(const LdifRecord& record) {
        constexpr uint32_t kEdgeTransport = 64;
        if (auto roles = number(record, "msExchCurrentServerRoles"); roles && *roles == kEdgeTransport) return;
        size_t before = topology_.exchange_server_hosts.size();
        for (const auto* attribute : record.all("networkAddress")) {
            auto value = text(attribute);
            if (!value) continue;
            auto colon = value->find(':');
            if (colon != std::string::npos && colon + 1 < value->size())
                topology_.exchange_server_hosts.push_back(value->substr(colon + 1));
        }
        if (topology_.exchange_server_hosts.size() == before)
            topology_.exchange_server_hosts.push_back(std::string(rdn_value(record.dn)));
    }

    const SourceText& source_;
    model::Topology& topology_;
    Diagnostics& diagnostics_;
    SomTreeBuilder builder_;
    std::set<std::string> seen_containers_;
};

}  // namespace

bool looks_like_ldif(std::string_view text) {
    // An export starts with "version: 1" or its first "dn:", after comments (which may be folded).
    auto line = first_line_not(text, [](std::string_view l) { return trim(l).empty() || l[0] == '#' || l[0] == ' '; });
    if (!line) return false;
    auto name = line->substr(0, line->find(':'));
    return name.size() < line->size() && (model::iequals(name, "dn") || model::iequals(name, "version"));
}

void read_ldif(const SourceText& source, model::Topology& topology, Diagnostics& diagnostics) {
    LdifTopologyReader reader(source, topology, diagnostics);
    for (const auto& record : read_ldif_records(source, diagnostics)) reader.read(record);
    reader.finish();
}

}  // namespace gpolint::parse
