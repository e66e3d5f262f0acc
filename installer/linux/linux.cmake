# Linux desktop integration and the DEB/RPM/TGZ settings. Included from installer/CMakeLists.txt.
# Destinations are relative, so the packages put them under /usr and the tarball under its own top folder.

# qt_standard_project_setup() gives installed binaries an $ORIGIN/../lib RUNPATH for bundled libraries; the
# packages bundle none and use the system's Qt, so the binaries get no RUNPATH at all (as Debian policy wants).
set_target_properties(hookdesk hookdesk-cli hookdesk-sim PROPERTIES INSTALL_RPATH "")

set(_resources "${PROJECT_SOURCE_DIR}/resources")
set(_doc_dir "${CMAKE_INSTALL_DATAROOTDIR}/doc/hookdesk")
set(_generated "${CMAKE_CURRENT_BINARY_DIR}/linux")
file(MAKE_DIRECTORY "${_generated}")

# Desktop entry, AppStream metainfo (version, date and notes filled in) and icons.
install(FILES "${_resources}/${HOOKDESK_APP_ID}.desktop" DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/applications")
configure_file("${_resources}/${HOOKDESK_APP_ID}.metainfo.xml.in" "${_generated}/${HOOKDESK_APP_ID}.metainfo.xml"
    @ONLY)
install(FILES "${_generated}/${HOOKDESK_APP_ID}.metainfo.xml" DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/metainfo")

install(FILES "${_resources}/icons/hookdesk.svg"
    DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/scalable/apps"
    RENAME "${HOOKDESK_APP_ID}.svg")
set(HOOKDESK_ICON_SIZES 16 22 24 32 48 64 128 256 512)
foreach(_size IN LISTS HOOKDESK_ICON_SIZES)
    set(_png "${_resources}/icons/hicolor/${_size}x${_size}/apps/${HOOKDESK_APP_ID}.png")
    if(NOT EXISTS "${_png}")
        message(FATAL_ERROR "Missing ${_png}: run installer/render-icons.sh and commit the result.")
    endif()
    install(FILES "${_png}" DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/icons/hicolor/${_size}x${_size}/apps")
endforeach()

# Man page, changelog and license, compressed as Debian policy asks (gzip -n: no timestamp, reproducible).
# Done at configure time so packaging never depends on a build target; editing a source re-runs configure.
find_program(HOOKDESK_GZIP gzip REQUIRED)
function(hookdesk_gzip source target)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${source}")
    execute_process(COMMAND "${HOOKDESK_GZIP}" -9 -n -c "${source}" OUTPUT_FILE "${target}"
        RESULT_VARIABLE _result)
    if(NOT _result EQUAL 0)
        message(FATAL_ERROR "gzip ${source} failed: ${_result}")
    endif()
endfunction()
foreach(_page IN ITEMS hookdesk hookdesk-cli hookdesk-sim)
    hookdesk_gzip("${CMAKE_CURRENT_SOURCE_DIR}/linux/${_page}.1" "${_generated}/${_page}.1.gz")
    install(FILES "${_generated}/${_page}.1.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
endforeach()
hookdesk_gzip("${PROJECT_SOURCE_DIR}/CHANGELOG.md" "${_generated}/changelog.gz")
install(FILES "${_generated}/changelog.gz" DESTINATION "${_doc_dir}")
# "copyright" is where Debian tools and users look for the license; RPM-based systems read it from the doc dir too.
install(FILES "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION "${_doc_dir}" RENAME copyright)

# --- DEB ----------------------------------------------------------------------------------------------------------
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # hookdesk_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION "admin")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_COMPRESSION_TYPE "xz")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Linked libraries (Qt, QtKeychain, OpenSSL, libc) come from dpkg-shlibdeps. Plugins are loaded at run time and
# are invisible to it: the X11/Wayland platform plugins and the SVG icon engine (our icons are SVG).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6")
# Credentials go to a Secret Service; any provider works.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | libkf5wallet-bin | keepassxc")
# Qt's own German (and other) strings for standard buttons and dialogs, beside Hookdesk's embedded translation.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "awscli, qt6-translations-l10n")

# --- RPM ----------------------------------------------------------------------------------------------------------
set(CPACK_RPM_FILE_NAME RPM-DEFAULT) # hookdesk-<version>-1.<arch>.rpm
set(CPACK_RPM_PACKAGE_LICENSE "MIT")
set(CPACK_RPM_PACKAGE_GROUP "Applications/System")
set(CPACK_RPM_PACKAGE_URL "${HOOKDESK_HOMEPAGE}")
set(CPACK_RPM_PACKAGE_RELEASE 1)
set(CPACK_RPM_PACKAGE_AUTOREQ ON)
set(CPACK_RPM_PACKAGE_REQUIRES "qt6-qtsvg")
set(CPACK_RPM_PACKAGE_SUGGESTS "gnome-keyring")
# Directories the filesystem or hicolor-icon-theme packages own: listing them in our RPM would make it co-own them.
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
    "/usr/share/applications" "/usr/share/metainfo" "/usr/share/man" "/usr/share/man/man1"
    "/usr/share/icons" "/usr/share/icons/hicolor"
    "/usr/share/icons/hicolor/scalable" "/usr/share/icons/hicolor/scalable/apps")
foreach(_size IN LISTS HOOKDESK_ICON_SIZES)
    list(APPEND CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
        "/usr/share/icons/hicolor/${_size}x${_size}" "/usr/share/icons/hicolor/${_size}x${_size}/apps")
endforeach()
