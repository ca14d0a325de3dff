#include "rules/rule_parser.hpp"

#include <map>
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/limit_depth.hpp>

#include "grammar/rules.hpp"
#include "grammar/rules_errors.hpp"
#include "rules/text.hpp"

namespace gpolint::rules {

namespace {

namespace g = grammar::rules;
namespace pegtl = tao::pegtl;

struct DirectiveUse {
    int count = 0;
    Location first;
};

// Everything the actions collect; each directive or atom action consumes the pieces it needs.
struct Builder {
    Builder(const SourceText& s, Diagnostics& d) : source(s), diagnostics(d) {}
    const SourceText& source;
    Diagnostics& diagnostics;
    std::vector<Rule> rules;
    Rule current;
    std::map<std::string, DirectiveUse> uses;
    std::vector<std::string> strings;
    std::vector<std::string> keys;
    std::vector<Literal> literals;
    std::vector<std::string> principals;
    std::vector<Expr> stack;
    Op pending_op = Op::Compare;
    Cmp pending_cmp = Cmp::Eq;
    Severity pending_level = Severity::Warning;
    std::string pending_role;
    bool pending_negated = false;
    bool severity_override = false;
    ScopeKind pending_scope = ScopeKind::Som;

    template <typename Input>
    Location at(const Input& in) const {
        return source.location_of(in.position().byte);
    }
    void use(const std::string& directive, Location where) {
        auto& u = uses[directive];
        if (u.count++ == 0) u.first = where;
        static const char* const kSingle[] = {"severity", "title", "scope", "per-gpo", "each", "when", "at",
                                              "message", "rationale", "fix", "autofix", "builtin", "optional"};
        for (const char* single : kSingle)
            if (directive == single && u.count == 2)
                diagnostics.error(kRuleFileErrorId, where,
                                  "duplicate directive '" + directive + "' in rule " + current.id);
    }
    std::string take_text() {
        std::string joined;
        for (const auto& s : strings) {
            if (!joined.empty()) joined += ' ';
            joined += s;
        }
        strings.clear();
        return joined;
    }
    Expr pop() {
        Expr e = std::move(stack.back());
        stack.pop_back();
        return e;
    }
    void combine(Op op) {
        Expr right = pop();
        Expr left = pop();
        if (left.op == op) {
            left.children.push_back(std::move(right));
            stack.push_back(std::move(left));
            return;
        }
        Expr node;
        node.op = op;
        node.children.push_back(std::move(left));
        node.children.push_back(std::move(right));
        stack.push_back(std::move(node));
    }
    void finish_rule();
};

void Builder::finish_rule() {
    size_t errors_before = diagnostics.all().size();
    auto missing = [&](const char* directive) {
        diagnostics.error(kRuleFileErrorId, current.location,
                          std::string("rule ") + current.id + " lacks the required directive '" + directive + "'");
    };
    for (const char* required : {"severity", "title", "scope", "message", "rationale", "fix", "see"})
        if (!uses.count(required)) missing(required);
    bool has_when = uses.count("when") != 0;
    if (!has_when && !current.builtin) missing("when");
    if (has_when && current.builtin)
        diagnostics.error(kRuleFileErrorId, uses["builtin"].first,
                          "rule " + current.id + " has both 'when' and 'builtin'");
    if (!current.builtin) {
        if (!uses.count("bad")) missing("bad");
        if (!uses.count("good")) missing("good");
    }
    if (current.per_gpo && current.scope.kind == ScopeKind::Gpo)
        diagnostics.error(kRuleFileErrorId, uses["per-gpo"].first,
                          "rule " + current.id + ": 'per-gpo' only applies to som and domain scopes");
    if (current.when && current.each_variable.empty())
        for (const auto& key : keys_of(*current.when))
            if (!key.empty() && key.front() == '$')
                diagnostics.error(kRuleFileErrorId, uses["when"].first,
                                  "rule " + current.id + " uses " + key + " without an 'each' directive");
    if (diagnostics.all().size() == errors_before) rules.push_back(std::move(current));
    current = Rule{};
    uses.clear();
}

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<g::expect_rule_id> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        b.current = Rule{};
        b.uses.clear();
        b.current.id = in.string();
        b.current.location = b.at(in);
    }
};
template <>
struct action<g::expect_slug> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) { b.current.slug = in.string(); }
};
template <>
struct action<g::rule_block> {
    template <typename Input>
    static void apply(const Input&, Builder& b) { b.finish_rule(); }
};

// ---- pieces --------------------------------------------------------------------------------------
struct push_string {
    template <typename Input>
    static void apply(const Input& in, Builder& b) { b.strings.push_back(unquote(in.string())); }
};
template <> struct action<g::text_piece> : push_string {};
template <> struct action<g::expect_text> : push_string {};

struct push_key {
    template <typename Input>
    static void apply(const Input& in, Builder& b) { b.keys.push_back(unquote(in.string())); }
};
template <> struct action<g::key> : push_key {};
template <> struct action<g::expect_key> : push_key {};

struct push_literal {
    template <typename Input>
    static void apply(const Input& in, Builder& b) { b.literals.push_back(parse_literal(in.string())); }
};
template <> struct action<g::expect_literal> : push_literal {};
template <> struct action<g::expect_pattern> : push_literal {};
template <> struct action<g::expect_number> : push_literal {};

template <>
struct action<g::expect_principal> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) { b.principals.push_back(unquote(in.string())); }
};
template <>
struct action<g::expect_role> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) { b.pending_role = in.string(); }
};
template <>
struct action<g::expect_level> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) { b.pending_level = *parse_severity(in.string()); }
};
template <>
struct action<g::cmp_op> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        std::string op = in.string();
        b.pending_cmp = op == "=" ? Cmp::Eq : op == "!=" ? Cmp::Ne : op == "<" ? Cmp::Lt
                      : op == "<=" ? Cmp::Le : op == ">" ? Cmp::Gt : Cmp::Ge;
    }
};

template <Op op>
struct set_op {
    template <typename Input>
    static void apply(const Input&, Builder& b) { b.pending_op = op; }
};
template <> struct action<g::compare> : set_op<Op::Compare> {};
template <> struct action<g::in_set> : set_op<Op::In> {};
template <> struct action<g::contains_any> : set_op<Op::ContainsAny> {};
template <> struct action<g::contains_one> : set_op<Op::Contains> {};
template <> struct action<g::matches_any> : set_op<Op::Matches> {};
template <> struct action<g::matches_one> : set_op<Op::Matches> {};
template <> struct action<g::has_bits> : set_op<Op::HasBits> {};
template <> struct action<g::lacks_bits> : set_op<Op::LacksBits> {};

// ---- atoms and operators -------------------------------------------------------------------------
// Every nested '(' or 'not' goes through expect_operand: bound the recursion so hostile input gets an
// error instead of a stack overflow.
inline constexpr std::size_t kMaxNesting = 200;
template <>
struct action<g::expect_operand> : pegtl::limit_depth<kMaxNesting> {};

template <Op op>
struct key_test {
    template <typename Input>
    static void apply(const Input&, Builder& b) {
        Expr e;
        e.op = op;
        e.key = b.keys.at(0);
        if (b.keys.size() > 1) e.key2 = b.keys[1];
        b.keys.clear();
        b.stack.push_back(std::move(e));
    }
};
template <> struct action<g::defined_atom> : key_test<Op::Defined> {};
template <> struct action<g::undefined_atom> : key_test<Op::Undefined> {};
template <> struct action<g::same_gpo_atom> : key_test<Op::SameGpo> {};

template <>
struct action<g::key_atom> {
    template <typename Input>
    static void apply(const Input&, Builder& b) {
        Expr e;
        e.op = b.pending_op;
        e.cmp = b.pending_cmp;
        e.key = b.keys.at(0);
        e.literals = std::move(b.literals);
        e.principals = std::move(b.principals);
        b.keys.clear();
        b.literals.clear();
        b.principals.clear();
        b.stack.push_back(std::move(e));
    }
};
template <>
struct action<g::role_atom> {
    template <typename Input>
    static void apply(const Input&, Builder& b) {
        Expr e;
        e.op = Op::Role;
        e.text = std::exchange(b.pending_role, {});
        b.stack.push_back(std::move(e));
    }
};
template <>
struct action<g::not_expr> {
    template <typename Input>
    static void apply(const Input&, Builder& b) {
        Expr e;
        e.op = Op::Not;
        e.children.push_back(b.pop());
        b.stack.push_back(std::move(e));
    }
};
template <>
struct action<g::and_tail> {
    template <typename Input>
    static void apply(const Input&, Builder& b) { b.combine(Op::And); }
};
template <>
struct action<g::or_tail> {
    template <typename Input>
    static void apply(const Input&, Builder& b) { b.combine(Op::Or); }
};

// ---- directives ----------------------------------------------------------------------------------
template <>
struct action<g::severity_override> {
    template <typename Input>
    static void apply(const Input&, Builder& b) { b.severity_override = true; }
};
template <>
struct action<g::d_severity> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        if (b.severity_override) {
            b.current.overrides.push_back({b.pending_level, std::exchange(b.pending_role, {})});
            b.severity_override = false;
            return;
        }
        b.use("severity", b.at(in));
        b.current.severity = b.pending_level;
    }
};
template <ScopeKind kind>
struct set_scope {
    template <typename Input>
    static void apply(const Input&, Builder& b) { b.pending_scope = kind; }
};
template <> struct action<g::scope_gpo> : set_scope<ScopeKind::Gpo> {};
template <> struct action<g::scope_som> : set_scope<ScopeKind::Som> {};
template <> struct action<g::scope_domain> : set_scope<ScopeKind::Domain> {};
template <>
struct action<g::scope_negated> {
    template <typename Input>
    static void apply(const Input&, Builder& b) { b.pending_negated = true; }
};
template <>
struct action<g::d_scope> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        b.use("scope", b.at(in));
        Scope scope;
        scope.kind = b.pending_scope;
        scope.role = std::exchange(b.pending_role, {});
        scope.negated = std::exchange(b.pending_negated, false);
        b.current.scope = scope;
    }
};
template <>
struct action<g::d_per_gpo> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        b.use("per-gpo", b.at(in));
        b.current.per_gpo = PerGpo{b.pending_level, b.take_text()};
    }
};
template <>
struct action<g::expect_variable> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) { b.current.each_variable = in.string(); }
};
struct push_each_key {
    template <typename Input>
    static void apply(const Input& in, Builder& b) { b.current.each_keys.push_back(unquote(in.string())); }
};
template <> struct action<g::expect_each_key> : push_each_key {};
template <>
struct action<g::d_each> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) { b.use("each", b.at(in)); }
};
template <>
struct action<g::d_when> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        b.use("when", b.at(in));
        b.current.when = b.pop();
        b.stack.clear();
    }
};
template <>
struct action<g::d_builtin> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        b.use("builtin", b.at(in));
        b.current.builtin = true;
    }
};
template <>
struct action<g::d_optional> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        b.use("optional", b.at(in));
        b.current.optional = true;
    }
};
template <>
struct action<g::expect_at_key> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        b.use("at", b.at(in));
        b.current.at = unquote(in.string());
    }
};

template <std::string Rule::*Field>
struct text_directive {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        std::string name = in.string().substr(0, in.string().find_first_of(" \t\r\n\""));
        b.use(name, b.at(in));
        b.current.*Field = b.take_text();
    }
};
template <> struct action<g::d_title> : text_directive<&Rule::title> {};
template <> struct action<g::d_message> : text_directive<&Rule::message> {};
template <> struct action<g::d_rationale> : text_directive<&Rule::rationale> {};
template <> struct action<g::d_fix> : text_directive<&Rule::fix> {};

struct see_pair_action {
    template <typename Input>
    static void apply(const Input&, Builder& b) {
        if (b.strings.size() == 2) b.current.see.push_back({b.strings[0], b.strings[1]});
        b.strings.clear();
    }
};
template <> struct action<g::see_pair> : see_pair_action {};
template <> struct action<g::expect_see_pair> : see_pair_action {};
template <>
struct action<g::d_see> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) { b.use("see", b.at(in)); }
};

template <std::vector<std::string> Rule::*Field>
struct example_directive {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        b.use(in.string().substr(0, in.string().find_first_of(" \t")), b.at(in));
        (b.current.*Field).push_back(b.take_text());
    }
};
template <> struct action<g::d_bad> : example_directive<&Rule::bad> {};
template <> struct action<g::d_good> : example_directive<&Rule::good> {};

template <>
struct action<g::expect_autofix_mode> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) {
        b.current.autofix = Autofix{};
        b.current.autofix->safe = in.string() == "safe";
    }
};
template <>
struct action<g::expect_autofix_action> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) { b.current.autofix->action = in.string(); }
};
struct push_autofix_arg {
    template <typename Input>
    static void apply(const Input& in, Builder& b) { b.current.autofix->args.push_back(unquote(in.string())); }
};
template <> struct action<g::autofix_arg> : push_autofix_arg {};
template <> struct action<g::expect_autofix_arg> : push_autofix_arg {};
template <>
struct action<g::d_autofix> {
    template <typename Input>
    static void apply(const Input& in, Builder& b) { b.use("autofix", b.at(in)); }
};

}  // namespace

std::vector<Rule> parse_rules(const SourceText& source, Diagnostics& diagnostics) {
    Builder builder(source, diagnostics);
    pegtl::memory_input input(source.text().data(), source.text().size(), source.path().str());
    try {
        pegtl::parse<g::file, action, pegtl::must_if<g::errors>::control>(input, builder);
    } catch (const pegtl::parse_error& e) {
        size_t byte = e.positions().empty() ? 0 : e.positions().front().byte;
        diagnostics.error(kRuleFileErrorId, source.location_of(byte), std::string(e.message()));
    }
    return std::move(builder.rules);
}

}  // namespace gpolint::rules
