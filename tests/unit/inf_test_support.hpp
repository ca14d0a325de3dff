#pragma once
// Helpers shared by the template tests: parse a template given as text and look at the diagnostics.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "parse/inf_reader.hpp"

namespace gpolint::test {

struct ParsedTemplate {
    SourceText source;
    model::SecurityTemplate tmpl;
    std::vector<model::Setting> settings;
    std::vector<Diagnostic> diagnostics;

    size_t count(std::string_view rule_id) const {
        return static_cast<size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                 [&](const Diagnostic& d) { return d.rule_id == rule_id; }));
    }
    const Diagnostic* first(std::string_view rule_id) const {
        auto it = std::find_if(diagnostics.begin(), diagnostics.end(),
                               [&](const Diagnostic& d) { return d.rule_id == rule_id; });
        return it == diagnostics.end() ? nullptr : &*it;
    }
    const model::Setting* setting(std::string_view key) const {
        model::SettingKey wanted{std::string(key)};
        auto it = std::find_if(settings.begin(), settings.end(), [&](const model::Setting& s) { return s.key == wanted; });
        return it == settings.end() ? nullptr : &*it;
    }
};

// Parses raw bytes (any encoding) as the file `name`.
inline ParsedTemplate parse_bytes(std::string_view bytes, std::string_view name = "GptTmpl.inf") {
    ParsedTemplate p;
    p.source = decode_text(intern_path(name), bytes);
    Diagnostics diagnostics;
    p.tmpl = parse::read_security_template(p.source, diagnostics);
    p.settings = parse::template_settings(p.tmpl);
    p.diagnostics = diagnostics.take();
    return p;
}

// Parses UTF-8 text with CRLF line ends after encoding it the way Windows writes it (UTF-16LE, BOM),
// so the encoding note GPL005 stays out of the way. `\n` in `text` becomes CRLF.
inline ParsedTemplate parse_template(std::string_view text) {
    std::string crlf;
    for (char c : text) {
        if (c == '\n') crlf += '\r';
        crlf += c;
    }
    return parse_bytes(encode_text(crlf, Encoding::Utf16LeBom));
}

}  // namespace gpolint::test
