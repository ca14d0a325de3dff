#include "parse/xml_document.hpp"

#include <algorithm>
#include <cctype>

#include "model/setting.hpp"

namespace gpolint::parse {

namespace {

std::string_view trim(std::string_view text) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::string_view after_colon(const char* name) {
    std::string_view view = name ? name : "";
    auto colon = view.rfind(':');
    return colon == std::string_view::npos ? view : view.substr(colon + 1);
}

// tinyxml2 reads UTF-8 only and the text is UTF-8 now whatever the file said, so a declaration
// that still says utf-16 would only mislead a later reader of the text. The replacement keeps every
// line break, so tinyxml2's line numbers stay those of the file.
void declare_utf8(std::string& text) {
    if (text.rfind("<?xml", 0) != 0) return;
    auto end = text.find("?>");
    if (end == std::string::npos) return;
    auto key = text.find("encoding", 0);
    if (key == std::string::npos || key > end) return;
    auto open = text.find_first_of("\"'", key);
    if (open == std::string::npos || open > end) return;
    auto close = text.find(text[open], open + 1);
    if (close == std::string::npos || close > end) return;
    text.replace(open + 1, close - open - 1, "UTF-8");
}

}  // namespace

Location XmlFile::location_of(const tinyxml2::XMLElement* element) const {
    Location location{source.path(), 1, 1, 0};
    if (element && element->GetLineNum() > 0) location.line = static_cast<uint32_t>(element->GetLineNum());
    return location;
}

std::unique_ptr<XmlFile> load_xml(PathRef path, std::string_view bytes, Diagnostics& diagnostics) {
    auto file = std::make_unique<XmlFile>();
    file->source = decode_text(path, bytes);
    std::string text = file->source.text();
    declare_utf8(text);
    // tinyxml2 counts only LF as a line break; SourceText also counts a lone CR. Same length, so the
    // line numbers tinyxml2 reports match the decoded text everyone else reports on.
    for (size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) text[i] = '\n';
    if (file->document.Parse(text.data(), text.size()) != tinyxml2::XML_SUCCESS || !file->root()) {
        Location where{path, static_cast<uint32_t>(std::max(1, file->document.ErrorLineNum())), 1, 0};
        std::string message = "malformed XML";
        if (const char* detail = file->document.ErrorStr()) message += std::string(": ") + detail;
        diagnostics.error("GPL001", where, message);
        return nullptr;
    }
    return file;
}

std::string_view local_name(const tinyxml2::XMLElement* element) {
    return element ? after_colon(element->Name()) : std::string_view{};
}

std::string_view local_name(const tinyxml2::XMLAttribute* attribute) {
    return attribute ? after_colon(attribute->Name()) : std::string_view{};
}

const tinyxml2::XMLElement* child(const tinyxml2::XMLElement* parent, std::string_view name) {
    if (!parent) return nullptr;
    for (auto* e = parent->FirstChildElement(); e; e = e->NextSiblingElement())
        if (local_name(e) == name) return e;
    return nullptr;
}

std::string element_text(const tinyxml2::XMLElement* element) {
    if (!element) return {};
    std::string text;
    for (auto* node = element->FirstChild(); node; node = node->NextSibling())
        if (auto* t = node->ToText()) text += t->Value();
    return std::string(trim(text));
}

std::string child_text(const tinyxml2::XMLElement* parent, std::string_view name) {
    return element_text(child(parent, name));
}

std::string attribute(const tinyxml2::XMLElement* element, std::string_view name) {
    if (!element) return {};
    for (auto* a = element->FirstAttribute(); a; a = a->Next())
        if (local_name(a) == name) return a->Value() ? a->Value() : "";
    return {};
}

void for_each_child(const tinyxml2::XMLElement* parent, std::string_view name,
                    const std::function<void(const tinyxml2::XMLElement*)>& visit) {
    if (!parent) return;
    for (auto* e = parent->FirstChildElement(); e; e = e->NextSiblingElement())
        if (local_name(e) == name) visit(e);
}

}  // namespace gpolint::parse
