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

# Debug information is most of what a build writes: a test executable carried 40 MB of DWARF (the ci tree 9 GB, the
# asan tree 16 GB), and CI builds both trees on one disk, which ran out. Compressed debug sections (gdb, addr2line and
# the sanitizers' symbolizer read them) keep every line of every stack trace at a third of the size. The asan preset
# also packs its relative relocations (UBSan's data needs 20 MB of them per test); the packages do not, since packed
# relocations need glibc 2.36 where they run and the installers promise older systems.
option(HOOKDESK_COMPACT_BINARIES "Compress debug sections" ON)
if(HOOKDESK_COMPACT_BINARIES AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    include(CheckCXXCompilerFlag)
    check_cxx_compiler_flag(-gz HOOKDESK_HAVE_GZ)
    if(HOOKDESK_HAVE_GZ)
        # -gz at link time too: the driver then asks the linker to write the executable's sections compressed.
        add_compile_options(-gz)
        add_link_options(-gz)
    endif()
endif()
