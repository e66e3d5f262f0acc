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

# Debug information and relocations are most of what a build writes: a test executable carried 40 MB of DWARF (the
# ci tree 9 GB), and under ASan + UBSan 20 MB more of relocations for the sanitizers' data (the asan tree 16 GB). CI
# builds both trees on one disk, and ran out of it. Compressed debug sections (gdb, addr2line and the sanitizers'
# symbolizer read them) and packed relative relocations (glibc 2.36) keep every line of every stack trace and halve
# both trees. Off for a toolchain that cannot do either.
option(HOOKDESK_COMPACT_BINARIES "Compress debug sections and pack relative relocations" ON)
if(HOOKDESK_COMPACT_BINARIES AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    include(CheckCXXCompilerFlag)
    include(CheckLinkerFlag)
    check_cxx_compiler_flag(-gz HOOKDESK_HAVE_GZ)
    check_linker_flag(CXX "LINKER:-z,pack-relative-relocs" HOOKDESK_HAVE_RELR)
    if(HOOKDESK_HAVE_GZ)
        # -gz at link time too: the driver then asks the linker to write the executable's sections compressed.
        add_compile_options(-gz)
        add_link_options(-gz)
    endif()
    if(HOOKDESK_HAVE_RELR)
        add_link_options(LINKER:-z,pack-relative-relocs)
    endif()
endif()
