# Windows: executable icon and version resource, Qt deployment (windeployqt), OpenSSL 3 and the other DLLs, and
# an NSIS installer (per-machine, Start-menu entry, uninstaller) plus a ZIP that a user without admin rights can
# unpack anywhere. Included from installer/CMakeLists.txt; runs only on the Windows build machine (MSYS2 UCRT64,
# see .github/workflows/ci.yml), because the code base uses GCC/Clang warning flags.

enable_language(RC)
set(HOOKDESK_ICO "${CMAKE_CURRENT_SOURCE_DIR}/windows/hookdesk.ico")
configure_file("${CMAKE_CURRENT_SOURCE_DIR}/windows/hookdesk.rc.in" "${CMAKE_CURRENT_BINARY_DIR}/hookdesk.rc" @ONLY)
target_sources(hookdesk PRIVATE "${CMAKE_CURRENT_BINARY_DIR}/hookdesk.rc")
# No console window behind the GUI.
set_target_properties(hookdesk PROPERTIES WIN32_EXECUTABLE TRUE)

# Every DLL the three executables load at start-up (Qt, QtKeychain, OpenSSL, ICU, the MinGW runtime, ...), found
# next to the toolchain; Windows' own DLLs stay out.
get_filename_component(_toolchain_bin "${CMAKE_CXX_COMPILER}" DIRECTORY)
get_target_property(_qmake Qt6::qmake IMPORTED_LOCATION)
get_filename_component(_qt_bin "${_qmake}" DIRECTORY)
install(TARGETS hookdesk hookdesk-cli hookdesk-sim
    RUNTIME_DEPENDENCIES
        PRE_EXCLUDE_REGEXES "^api-ms-" "^ext-ms-"
        POST_EXCLUDE_REGEXES ".*[Ss][Yy][Ss][Tt][Ee][Mm]32/.*\\.dll"
        DIRECTORIES "${_toolchain_bin}" "${_qt_bin}"
    RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")

# Qt's TLS backend loads OpenSSL at run time, so the linker never sees libssl: ship both OpenSSL 3 DLLs explicitly.
get_filename_component(_openssl_root "${OPENSSL_INCLUDE_DIR}" DIRECTORY)
file(GLOB _openssl_dlls "${_openssl_root}/bin/libcrypto-3*.dll" "${_openssl_root}/bin/libssl-3*.dll")
list(LENGTH _openssl_dlls _openssl_dll_count)
if(NOT _openssl_dll_count EQUAL 2)
    message(FATAL_ERROR "Expected libcrypto-3 and libssl-3 DLLs in ${_openssl_root}/bin, found: ${_openssl_dlls}")
endif()
install(FILES ${_openssl_dlls} DESTINATION "${CMAKE_INSTALL_BINDIR}")

# Plugins (platform, TLS backend, SVG icon engine, styles) are not link dependencies: windeployqt copies them.
find_program(HOOKDESK_WINDEPLOYQT NAMES windeployqt windeployqt6 windeployqt-qt6 HINTS "${_qt_bin}" REQUIRED)
install(CODE "
    set(_bin \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
    execute_process(COMMAND \"${HOOKDESK_WINDEPLOYQT}\" --release --no-translations --no-system-d3d-compiler
            --no-opengl-sw --dir \"\${_bin}\"
            \"\${_bin}/hookdesk.exe\" \"\${_bin}/hookdesk-cli.exe\" \"\${_bin}/hookdesk-sim.exe\"
        COMMAND_ERROR_IS_FATAL ANY)
")

# NSIS: per-machine install under Program Files with a Start-menu entry and an Add/Remove Programs uninstaller.
set(CPACK_NSIS_PACKAGE_NAME "Hookdesk")
set(CPACK_NSIS_DISPLAY_NAME "Hookdesk ${PROJECT_VERSION}")
set(CPACK_NSIS_MUI_ICON "${HOOKDESK_ICO}")
set(CPACK_NSIS_MUI_UNIICON "${HOOKDESK_ICO}")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\hookdesk.exe")
set(CPACK_NSIS_URL_INFO_ABOUT "${HOOKDESK_HOMEPAGE}")
set(CPACK_NSIS_HELP_LINK "${HOOKDESK_HOMEPAGE}")
set(CPACK_NSIS_CONTACT "${CPACK_PACKAGE_CONTACT}")
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_EXECUTABLES_DIRECTORY "bin")
set(CPACK_NSIS_MUI_FINISHPAGE_RUN "hookdesk.exe")
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
# Offers to put bin\ on PATH, so hookdesk-cli works in a terminal.
set(CPACK_NSIS_MODIFY_PATH ON)
