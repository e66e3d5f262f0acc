# Settings shared by every Hookdesk target (CONTRIBUTING.md, "Conventions"). Call hookdesk_apply_settings(<target>)
# on each one, so that warnings, Qt's strictness macros and the generated headers are the same everywhere.
function(hookdesk_apply_settings target)
    target_compile_features(${target} PUBLIC cxx_std_20)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(HOOKDESK_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    target_compile_definitions(${target} PUBLIC
        QT_NO_CAST_FROM_ASCII
        QT_NO_CAST_TO_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_USE_QSTRINGBUILDER
        QT_NO_FOREACH
        QT_DISABLE_DEPRECATED_BEFORE=0x060400)
    target_include_directories(${target} PUBLIC "${PROJECT_BINARY_DIR}/generated")
    set_target_properties(${target} PROPERTIES AUTOMOC ON AUTOUIC ON)
endfunction()

# One static library per folder. Sources are collected from the folder itself so that adding a file needs no
# CMake edit; the folder's CMakeLists names the links that make the layering explicit.
function(hookdesk_add_library target)
    file(GLOB _sources CONFIGURE_DEPENDS
        "${CMAKE_CURRENT_SOURCE_DIR}/*.cpp"
        "${CMAKE_CURRENT_SOURCE_DIR}/*.h"
        "${CMAKE_CURRENT_SOURCE_DIR}/*.ui")
    add_library(${target} STATIC ${_sources})
    hookdesk_apply_settings(${target})
    target_include_directories(${target} PUBLIC "${CMAKE_CURRENT_SOURCE_DIR}")
endfunction()
