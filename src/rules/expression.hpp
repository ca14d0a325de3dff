#pragma once
// The predicate of a rule (`when`), as a small tree. Keys are kept as written; `each` instantiation
// substitutes $variables before evaluation (see instantiate in rule.hpp).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gpolint::rules {

struct Literal {
    std::optional<int64_t> number;  // set for numeric literals
    std::string text;               // the string, or the number as written
};

enum class Op {
    And, Or, Not,
    Defined, Undefined,        // key (may end in '*': any key with that prefix)
    Compare,                   // key cmp literals[0]
    In,                        // key in literals
    Contains,                  // key contains principals[0]
    ContainsAny,               // key contains any principals
    Matches,                   // key matches any of literals (globs with *, case-insensitive)
    HasBits, LacksBits,        // key, literals[0].number
    Role,                      // text = role
    SameGpo                    // key, key2
};
enum class Cmp { Eq, Ne, Lt, Le, Gt, Ge };

struct Expr {
    Op op = Op::Defined;
    Cmp cmp = Cmp::Eq;
    std::string key;
    std::string key2;
    std::string text;
    std::vector<Literal> literals;
    std::vector<std::string> principals;
    std::vector<Expr> children;
};

// Every key the expression names, in order of first appearance (for notes and the default `at`).
std::vector<std::string> keys_of(const Expr& expr);

}  // namespace gpolint::rules
