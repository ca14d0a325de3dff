#include "findings/line_file_parser.hpp"

namespace gpolint::findings {

std::string unquote(std::string_view word) {
    if (word.size() < 2 || word.front() != '"' || word.back() != '"') return std::string(word);
    word = word.substr(1, word.size() - 2);
    std::string out;
    out.reserve(word.size());
    for (size_t i = 0; i < word.size(); ++i) {
        if (word[i] == '\\' && i + 1 < word.size()) ++i;
        out.push_back(word[i]);
    }
    return out;
}

}  // namespace gpolint::findings
