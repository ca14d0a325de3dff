#pragma once
// Policy Analyzer's core job, offline: compare two GPO sets (or a set against a reference baseline such
// as a Microsoft or DISA backup folder) per setting, and per OU on the effective policy, and build the
// settings matrix (setting × GPO) of one set. Reporters for these live in report/compare_report.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/gpo.hpp"
#include "model/topology.hpp"

namespace gpolint::compare {

// Friendly names of setting keys ("privilege:SeServiceLogonRight" → "Log on as a service"), read from
// policies/setting-names.tsv; keys not listed get a name built from the key itself.
class SettingNames {
public:
    // Lines "KEY<TAB>NAME"; '#' starts a comment line. Returns false when the file cannot be read.
    bool load(const std::string& path);
    void add(std::string_view key, std::string name);
    std::string name_of(std::string_view key) const;

private:
    std::map<std::string, std::string> names_;  // folded key → name
};

// One side's value of one setting. A side with several GPOs setting the key differently is a conflict:
// the value lists each GPO's.
struct SideValue {
    bool present = false;
    std::string shown;       // as a reader wants to see it
    std::string comparable;  // normalised: numbers as decimals, principal lists sorted and folded
    std::string gpos;        // the GPOs that set it, quoted and comma-separated
    bool conflict = false;
};

enum class Status { Missing, Different, Extra, Same };
const char* to_string(Status status);

struct Row {
    std::string scope;  // "GPO set", or the DN of an OU whose effective policy was compared
    std::string key;    // as written
    std::string name;   // friendly name
    Status status = Status::Same;
    SideValue left, right;
};

struct Comparison {
    std::vector<Row> rows;  // differences only, unless keep_same; by scope (set first), then key
    size_t compared_settings = 0;   // keys looked at in the set comparison
    size_t compared_soms = 0;       // OUs whose effective policy was compared
    size_t count(Status status) const;
};

// A side's settings merged by folded key: every GPO that sets the key and its value.
struct SettingSet {
    struct Entry {
        std::string key;  // as first written
        std::vector<std::pair<std::string, SideValue>> by_gpo;  // GPO name, value
    };
    std::map<std::string, Entry> entries;  // folded key → entry
};

// Every value a GPO sets (deletions show as "(deleted)"; key-only records and bulk deletes are skipped).
SettingSet collect(const std::vector<model::Gpo>& gpos);
// The winners of an OU's effective policy.
SettingSet collect_effective(const model::Topology& topology, const std::vector<model::Gpo>& gpos, int som);

// The side's single value for an entry: the GPOs' values when they agree, else each listed (a conflict).
SideValue merged(const SettingSet::Entry& entry);

// left = reference (baseline, older release), right = the set compared with it. Missing: set on the left
// only; Extra: on the right only; Different: both, values differ after normalising.
std::vector<Row> compare_sets(const SettingSet& left, const SettingSet& right, const std::string& scope,
                              const SettingNames& names, bool keep_same = false);

struct Side {
    const std::vector<model::Gpo>* gpos = nullptr;
    const model::Topology* topology = nullptr;  // may be empty
};

// The set comparison, then, when the right side has a topology, each of its OUs' effective policy
// against the left side (its effective policy at the same DN when the left has that OU, else the left set).
Comparison compare(const Side& left, const Side& right, const SettingNames& names, bool per_ou = true);

// setting × GPO: the value each GPO sets; a row is a conflict when two GPOs set different values.
struct Matrix {
    std::vector<std::string> gpos;  // column headings (GPO names)
    struct Line {
        std::string key, name;
        std::vector<std::string> values;  // one per GPO, empty when that GPO does not set it
        bool conflict = false;
    };
    std::vector<Line> lines;  // by folded key
};
Matrix settings_matrix(const std::vector<model::Gpo>& gpos, const SettingNames& names);

}  // namespace gpolint::compare
