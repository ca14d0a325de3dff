// core/json_writer: the one JSON writer behind every JSON gpolint prints.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "core/json_writer.hpp"
#include "findings_test_support.hpp"

using gpolint::JsonLayout;
using gpolint::JsonWriter;
using gpolint::json_quote;
using gpolint::testing::is_json;

TEST_CASE("json writer: strings are escaped and always valid UTF-8") {
    CHECK(json_quote("a\"b\\c\n\t\x01") == "\"a\\\"b\\\\c\\n\\t\\u0001\"");
    CHECK(json_quote("\r\b\f\x1F\x7F") == "\"\\r\\b\\f\\u001f\\u007f\"");
    CHECK(json_quote(std::string("nul\0in", 6)) == "\"nul\\u0000in\"");
    CHECK(json_quote("caf\xC3\xA9 \xF0\x9F\x98\x80") == "\"caf\xC3\xA9 \xF0\x9F\x98\x80\"");
    CHECK(json_quote("bad\xFF") == "\"bad\xEF\xBF\xBD\"");                                  // not UTF-8: replaced
    CHECK(json_quote("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");        // a surrogate
    CHECK(json_quote("\xC0\xAF") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");                        // overlong '/'
    CHECK(json_quote("cut \xE2\x82") == "\"cut \xEF\xBF\xBD\xEF\xBF\xBD\"");                // truncated at the end
}

TEST_CASE("json writer: numbers, including the extremes of both signs") {
    std::string out;
    JsonWriter json(out, JsonLayout::Compact);
    json.begin_array().value(std::numeric_limits<uint64_t>::max()).value(std::numeric_limits<int64_t>::min());
    json.value(-1).value(0).value(uint32_t{4294967295u}).value(true).value(false).null().end_array();
    CHECK(out == "[18446744073709551615,-9223372036854775808,-1,0,4294967295,true,false,null]\n");
    CHECK(is_json(out));
}

TEST_CASE("json writer: pretty layout indents each member and ends the document with a newline") {
    std::string out;
    JsonWriter json(out);
    json.begin_object().member("n", 1).member("s", "x").key("a").begin_array().value(true).null().end_array();
    json.key("e").begin_object().end_object().key("f").begin_array().end_array().end_object();
    CHECK(out == "{\n  \"n\": 1,\n  \"s\": \"x\",\n  \"a\": [\n    true,\n    null\n  ],\n  \"e\": {},\n  \"f\": []\n}\n");
    CHECK(is_json(out));
}

TEST_CASE("json writer: inline and compact layouts, and a layout chosen per object") {
    std::string inline_text;
    JsonWriter a(inline_text, JsonLayout::Inline);
    a.begin_object().member("k", "v").key("list").begin_array().value(1).value(2).end_array();
    a.key("o").begin_object().member_or_null("name", nullptr).end_object().end_object();
    CHECK(inline_text == "{\"k\": \"v\", \"list\": [1, 2], \"o\": {\"name\": null}}\n");

    std::string compact;
    JsonWriter b(compact, JsonLayout::Compact);
    b.begin_object().member("k", "v").key("list").begin_array().value(1).value(2).end_array().end_object();
    CHECK(compact == "{\"k\":\"v\",\"list\":[1,2]}\n");

    // gpolint's json format: an inline document whose findings array has one finding per line.
    std::string mixed;
    JsonWriter c(mixed, JsonLayout::Inline);
    c.begin_object().member("version", 1).key("findings").begin_array(JsonLayout::Pretty);
    c.begin_object(JsonLayout::Inline).member("rule", "A").key("notes").begin_array().end_array().end_object();
    c.begin_object(JsonLayout::Inline).member("rule", "B").end_object();
    c.end_array().key("summary").begin_object().member("errors", 2).end_object().end_object();
    CHECK(mixed == "{\"version\": 1, \"findings\": [\n  {\"rule\": \"A\", \"notes\": []},\n  {\"rule\": \"B\"}\n], "
                   "\"summary\": {\"errors\": 2}}\n");
    CHECK(is_json(mixed));
}

TEST_CASE("json writer: elements written in pieces elsewhere read as if written in place") {
    auto write = [](JsonWriter& json, int n) { json.begin_object(JsonLayout::Inline).member("n", n).end_object(); };
    std::string whole;
    JsonWriter reference(whole, JsonLayout::Inline);
    reference.begin_object().key("items").begin_array(JsonLayout::Pretty);
    for (int n = 0; n < 3; ++n) write(reference, n);
    reference.end_array().end_object();

    std::string head, first, second;
    JsonWriter json(head, JsonLayout::Inline);
    json.begin_object().key("items").begin_array(JsonLayout::Pretty);
    JsonWriter piece1 = json.continuation(first, false);
    write(piece1, 0);
    write(piece1, 1);
    JsonWriter piece2 = json.continuation(second, true);
    write(piece2, 2);
    std::string text = head + first + second;
    head.clear();
    json.elements_written_elsewhere();
    json.end_array().end_object();
    CHECK(text + head == whole);
    CHECK(whole == "{\"items\": [\n  {\"n\": 0},\n  {\"n\": 1},\n  {\"n\": 2}\n]}\n");
}

TEST_CASE("json writer: a pretty layout may indent by one space") {
    std::string out;
    JsonWriter json(out, JsonLayout::Pretty, 1);
    json.begin_array().begin_object(JsonLayout::Inline).member("id", "GPL101").member("builtin", false).end_object();
    json.begin_object(JsonLayout::Inline).member("id", "GPL102").end_object().end_array();
    CHECK(out == "[\n {\"id\": \"GPL101\", \"builtin\": false},\n {\"id\": \"GPL102\"}\n]\n");
}
