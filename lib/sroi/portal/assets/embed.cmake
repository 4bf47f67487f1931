# SPDX-License-Identifier: EUPL-1.2
# Writes OUT, a C++ file holding each asset of DIR (portal.css, offer.js) as a string constant,
# so that the portal serves them from the program and never from a folder that could change.
set(body "// Generated from lib/sroi/portal/assets by embed.cmake: do not edit.\n")
string(APPEND body "#include \"sroi/portal/assets.hpp\"\n\nnamespace sroi::portal {\n")
foreach(pair "kPortalCss;portal.css" "kOfferScript;offer.js")
  list(GET pair 0 name)
  list(GET pair 1 file)
  file(READ "${DIR}/${file}" text)
  string(FIND "${text}" ")sroi_asset\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} holds the raw string's end marker")
  endif()
  string(APPEND body "extern const char ${name}[] = R\"sroi_asset(${text})sroi_asset\";\n")
endforeach()
string(APPEND body "}  // namespace sroi::portal\n")
file(WRITE "${OUT}.new" "${body}")
file(COPY_FILE "${OUT}.new" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.new")
