# The layering as a test (the `check_layers` CTest test): fails when a source of a lower layer includes a header of
# a higher one. The link graph already stops most of this, but not everything: a header-only include compiles when
# a test or an executable happens to put both folders on the include path, and a `#include` of a higher layer's
# header would otherwise only show when someone tries to build the lower library on its own.
#
#   cmake -DSOURCE_DIR=<tree> -P CheckLayers.cmake
#
# The layers, as drawn in README.md ("Layers"): each folder may include its own headers and those of the folders
# listed after it. app/ (the entry points) and tests/ may include anything and are not checked. Includes that match
# no header of these folders (Qt, the standard library, generated headers such as ui_*.h and hookdeskversion.h)
# are not checked either.
cmake_minimum_required(VERSION 3.25)

if(NOT SOURCE_DIR)
    message(FATAL_ERROR "CheckLayers.cmake: pass -DSOURCE_DIR=<source tree>")
endif()

set(_folders aws simulator models resources ui app/cli)
set(_allowed_aws aws)
set(_allowed_simulator simulator aws)
set(_allowed_models models aws)
set(_allowed_resources resources)
set(_allowed_ui ui models aws resources)
set(_allowed_app/cli app/cli models aws resources)

# Which folder each header belongs to, by file name (sources include by name; the folders are on the include path).
foreach(_folder IN LISTS _folders)
    file(GLOB _headers "${SOURCE_DIR}/${_folder}/*.h")
    foreach(_header IN LISTS _headers)
        get_filename_component(_name "${_header}" NAME)
        if(DEFINED "_layer_of_${_name}")
            message(SEND_ERROR "${_name} exists in both ${_layer_of_${_name}}/ and ${_folder}/: "
                "includes by name are ambiguous; rename one")
        endif()
        set("_layer_of_${_name}" "${_folder}")
    endforeach()
endforeach()

set(_violations 0)
set(_checked 0)
foreach(_folder IN LISTS _folders)
    file(GLOB _sources "${SOURCE_DIR}/${_folder}/*.h" "${SOURCE_DIR}/${_folder}/*.cpp")
    foreach(_source IN LISTS _sources)
        math(EXPR _checked "${_checked} + 1")
        file(STRINGS "${_source}" _includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"[^\"]+\"")
        foreach(_line IN LISTS _includes)
            string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" _included "${_line}")
            get_filename_component(_name "${_included}" NAME)
            if(NOT DEFINED "_layer_of_${_name}")
                continue()
            endif()
            set(_layer "${_layer_of_${_name}}")
            if(NOT _layer IN_LIST "_allowed_${_folder}")
                file(RELATIVE_PATH _relative "${SOURCE_DIR}" "${_source}")
                list(JOIN "_allowed_${_folder}" ", " _may_use)
                message(STATUS "${_relative}: includes ${_name} from ${_layer}/, but ${_folder}/ may only use ${_may_use}")
                math(EXPR _violations "${_violations} + 1")
            endif()
        endforeach()
    endforeach()
endforeach()

if(_violations GREATER 0)
    message(FATAL_ERROR "${_violations} include(s) against the layering (see README.md, \"Layers\"); "
        "move the code down a layer or pass what it needs in from above.")
endif()
message(STATUS "Layering OK (${_checked} files).")
