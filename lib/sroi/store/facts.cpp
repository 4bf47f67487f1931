// SPDX-License-Identifier: EUPL-1.2
#include "sroi/store/facts.hpp"

#include <nlohmann/json.hpp>

namespace sroi::store {

std::string facts(std::initializer_list<std::pair<const char*, Fact>> fields) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, f] : fields) {
    switch (f.kind()) {
      case Fact::Kind::Text:
        out[key] = f.text();
        break;
      case Fact::Kind::Number:
        out[key] = f.number();
        break;
      case Fact::Kind::YesNo:
        out[key] = f.number() != 0;
        break;
    }
  }
  return out.dump();
}

std::string json_list(const std::vector<std::string>& ids) { return nlohmann::json(ids).dump(); }

}  // namespace sroi::store
