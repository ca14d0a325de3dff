// libFuzzer target for the XML readers: one input goes through the loader and every GPO XML reader
// (Backup.xml, bkupInfo.xml, manifest.xml, gpreport.xml, Preferences), whatever its root element.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/diagnostic.hpp"
#include "model/gpo.hpp"
#include "parse/backup_xml.hpp"
#include "parse/gpreport.hpp"
#include "parse/manifest_xml.hpp"
#include "parse/preferences.hpp"
#include "parse/xml_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace gpolint;
    Diagnostics diagnostics;
    auto xml = parse::load_xml(intern_path("fuzz/file.xml"), std::string_view(reinterpret_cast<const char*>(data), size),
                               diagnostics);
    if (!xml) {
        if (diagnostics.count(Severity::Error) != 1) __builtin_trap();  // a rejected file is exactly one GPL001
        return 0;
    }
    model::Gpo gpo;
    parse::read_backup_xml(*xml, gpo, diagnostics);
    parse::read_bkupinfo_xml(*xml, gpo, diagnostics);
    parse::merge_report(parse::read_gpreport_xml(*xml, diagnostics), gpo, false);
    parse::read_manifest_xml(*xml, diagnostics);
    parse::read_preferences_xml(*xml, false, diagnostics);
    return 0;
}
