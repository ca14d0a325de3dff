// libFuzzer target for Backup.xml's security descriptor: the input is the element text, read as hex
// and then, because hex rarely survives mutation, also as the raw bytes of a descriptor.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "parse/security_descriptor.hpp"

namespace {

void check(std::string_view bytes) {
    using namespace gpolint::parse;
    std::string error;
    auto descriptor = read_security_descriptor(bytes, error);
    if (!descriptor) {
        if (error.empty()) __builtin_trap();  // a rejection always says why
        return;
    }
    if (!descriptor->dacl_present && !descriptor->dacl.empty()) __builtin_trap();
    is_security_filtered(*descriptor);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::string error;
    if (auto bytes = gpolint::parse::hex_to_bytes(input, error)) check(*bytes);
    else if (error.empty()) __builtin_trap();
    check(input);
    return 0;
}
