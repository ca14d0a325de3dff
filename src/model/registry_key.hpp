#pragma once
// Registry setting keys built from a hive and a key path taken literally (defined in setting.cpp, next
// to registry_key_text, which also reads hive prefixes such as "MACHINE\").
#include <string>
#include <string_view>

namespace gpolint::model {

// registry:<root>\<key_path>\<value_name>, the key path as it is: registry.pol keys are relative to their
// half's hive, whatever their first component says ("MACHINE\X" in User\registry.pol is HKCU\MACHINE\X).
std::string registry_key_under(std::string_view root, std::string_view key_path, std::string_view value_name);

}  // namespace gpolint::model
