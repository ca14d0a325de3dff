#include "parse/manifest_xml.hpp"

namespace gpolint::parse {

std::vector<BackupInstance> read_manifest_xml(const XmlFile& file, Diagnostics& diagnostics) {
    std::vector<BackupInstance> instances;
    const auto* root = file.root();
    if (local_name(root) != "Backups") {
        diagnostics.error("GPL001", file.location_of(root), "manifest.xml has no Backups root element");
        return instances;
    }
    for_each_child(root, "BackupInst", [&](const tinyxml2::XMLElement* e) {
        instances.push_back(read_backup_instance(file, e));
    });
    return instances;
}

}  // namespace gpolint::parse
