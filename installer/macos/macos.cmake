# macOS: hookdesk.app (Info.plist, icon) with hookdesk-cli and hookdesk-sim inside Contents/MacOS, Qt frameworks
# and plugins copied in by macdeployqt, and a DragNDrop disk image. Included from installer/CMakeLists.txt; runs
# only on the macOS build machine (see .github/workflows/ci.yml).

set(_icns "${CMAKE_CURRENT_SOURCE_DIR}/macos/hookdesk.icns")
target_sources(hookdesk PRIVATE "${_icns}")
set_source_files_properties("${_icns}" TARGET_DIRECTORY hookdesk PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
set_target_properties(hookdesk PROPERTIES
    MACOSX_BUNDLE TRUE
    MACOSX_BUNDLE_INFO_PLIST "${CMAKE_CURRENT_SOURCE_DIR}/macos/Info.plist.in"
    MACOSX_BUNDLE_BUNDLE_NAME "Hookdesk"
    MACOSX_BUNDLE_GUI_IDENTIFIER "${HOOKDESK_APP_ID}"
    MACOSX_BUNDLE_ICON_FILE "hookdesk.icns"
    MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
    MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
    MACOSX_BUNDLE_COPYRIGHT "MIT License, ${HOOKDESK_VENDOR}")

# The CLI and the simulator live beside the GUI inside the bundle, in the build tree too: the tests find all three
# executables in $<TARGET_FILE_DIR:hookdesk>, and macdeployqt fixes their Qt references along with the GUI's.
set(_bundle_macos_dir "$<TARGET_BUNDLE_CONTENT_DIR:hookdesk>/MacOS")
set_target_properties(hookdesk-cli hookdesk-sim PROPERTIES RUNTIME_OUTPUT_DIRECTORY "${_bundle_macos_dir}")

install(TARGETS hookdesk BUNDLE DESTINATION .)
install(TARGETS hookdesk-cli hookdesk-sim RUNTIME DESTINATION "hookdesk.app/Contents/MacOS")

get_target_property(_qmake Qt6::qmake IMPORTED_LOCATION)
get_filename_component(_qt_bin "${_qmake}" DIRECTORY)
find_program(HOOKDESK_MACDEPLOYQT macdeployqt HINTS "${_qt_bin}" REQUIRED)
# After the bundle is installed into CPack's staging folder: copy Qt, QtKeychain, OpenSSL and the plugins in, and
# sign ad hoc so Apple Silicon runs it (a release with a Developer ID signs and notarizes on top of this).
install(CODE "
    set(_app \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/hookdesk.app\")
    execute_process(COMMAND \"${HOOKDESK_MACDEPLOYQT}\" \"\${_app}\"
            \"-executable=\${_app}/Contents/MacOS/hookdesk-cli\"
            \"-executable=\${_app}/Contents/MacOS/hookdesk-sim\"
            -codesign=-
        COMMAND_ERROR_IS_FATAL ANY)
")

set(CPACK_DMG_VOLUME_NAME "Hookdesk ${PROJECT_VERSION}")
set(CPACK_DMG_FORMAT "UDZO")
# The drag target: a link to /Applications next to the app in the disk image window.
set(CPACK_DMG_DISABLE_APPLICATIONS_SYMLINK OFF)
set(CPACK_PACKAGE_ICON "${_icns}")
