// Bad input is normal input: garbage, truncations and byte flips through every topology reader.
#include <doctest/doctest.h>

#include <random>

#include "parse/gplink_value.hpp"
#include "parse/topology_reader.hpp"
#include "growth_check.hpp"
#include "test_topology_support.hpp"

using namespace gpolint;

namespace {

std::string read_data(const std::string& name) {
    std::string error;
    auto bytes = read_file_bytes(std::string(GPOLINT_TEST_DATA) + "/data/topology/" + name, error);
    REQUIRE(bytes.has_value());
    return *bytes;
}

// Runs every reader; returns how many diagnostics they produced.
size_t read_everything(std::string_view bytes) {
    auto source = decode_text(intern_path("garbage"), bytes);
    Diagnostics diagnostics;
    model::Topology topology;
    parse::read_ldif(source, topology, diagnostics);
    parse::read_topology_file(source, topology, diagnostics);
    (void)parse::parse_gplink(bytes);
    std::vector<model::Gpo> gpos;
    parse::finish_topology(topology, gpos, {}, diagnostics);
    for (const auto& som : topology.soms)
        if (som.parent >= 0) CHECK(som.parent < topology.find(som.dn));  // parents before children, always
    return diagnostics.all().size();
}

}  // namespace

TEST_CASE("garbage: 40 hostile inputs in a row do not crash the readers") {
    std::mt19937 random(20261122);  // fixed seed: the same inputs every run
    auto valid = read_data("worked-example.ldf");
    std::vector<std::string> inputs;
    for (int i = 0; i < 10; ++i) {  // random bytes, with and without line structure
        std::string bytes(static_cast<size_t>(random() % 4096), '\0');
        for (auto& b : bytes) b = static_cast<char>(random() % 4 == 0 ? "\n\r :"[random() % 4] : random());
        inputs.push_back(bytes);
    }
    for (int i = 0; i < 10; ++i) inputs.push_back(valid.substr(0, random() % valid.size()));  // truncations
    for (int i = 0; i < 10; ++i) {  // byte flips in a valid export
        auto flipped = valid;
        for (int k = 0; k < 20; ++k) flipped[random() % flipped.size()] = static_cast<char>(random());
        inputs.push_back(flipped);
    }
    inputs.push_back(std::string("\xFF\xFE", 2) + "d\0n\0:\0 \0D\0C\0=\0x\0");  // UTF-16LE
    inputs.push_back(std::string(5000, ' '));
    inputs.push_back(std::string(5000, '\n'));
    inputs.push_back("dn:: " + std::string(3000, '='));
    inputs.push_back("dn: " + std::string(3000, ',') + "OU=x");
    inputs.push_back("domain " + std::string(3000, '.'));
    inputs.push_back("domain a.b\nou " + std::string(3000, '/'));
    inputs.push_back("gPLink: " + std::string(3000, '['));
    inputs.push_back(std::string("dn: OU=a\0b,DC=x\n", 17));
    inputs.push_back("domain x.y\n\"\n" + std::string(100, '"'));
    REQUIRE(inputs.size() == 40);
    size_t total = 0;
    for (const auto& input : inputs) total += read_everything(input);
    CHECK(total > 0);  // garbage is reported, not silently accepted
}

TEST_CASE("garbage: huge inputs stay linear") {
    // Each shape at n and 10n: a quadratic reader would take a hundred times longer, a linear one ten.
    auto shapes = [](int n) {
        std::string many_lines, deep_dn = "dn: ", long_gplink = "dn: OU=a,DC=x\ngPLink: ",
                                folded = "dn: OU=a,DC=x\ngPLink: [";
        for (int i = 0; i < n; ++i) many_lines += "=bad line\n";
        for (int i = 0; i < n / 5; ++i) deep_dn += "OU=x,";
        deep_dn += "DC=y\nobjectClass: organizationalUnit\n";
        for (int i = 0; i < n; ++i) long_gplink += "[bad]";
        for (int i = 0; i < n; ++i) folded += "\n x";
        return std::vector<std::string>{many_lines, deep_dn, long_gplink, folded};
    };
    auto small = shapes(10000), large = shapes(100000);
    for (size_t i = 0; i < small.size(); ++i) {
        INFO("input shape #" << i);
        size_t diagnostics = 0;
        double t_small = test::best_thread_cpu_seconds([&] { diagnostics = read_everything(small[i]); });
        CHECK(diagnostics > 0);
        double t_large = test::best_thread_cpu_seconds([&] { diagnostics = read_everything(large[i]); });
        CHECK(diagnostics > 0);
        INFO("small " << t_small << " s, large " << t_large << " s");
        CHECK(test::grows_linearly(t_small, t_large));
    }
}
