# Reads the entry "## [<version>] - YYYY-MM-DD" of CHANGELOG.md and returns its date and its "- " bullet lines as
# an AppStream <ul> (XML-escaped, `code` spans kept as <code>). Fails the configure step when the entry is missing,
# so the metainfo cannot ship a version without release notes.
function(hookdesk_read_changelog changelog version out_date out_notes_xml)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${changelog}")
    file(READ "${changelog}" _text)

    # Escape for XML first. ';' (and below '[' ']') become placeholders while the text is handled as a CMake
    # list, whose splitting would otherwise cut a line at ';' or glue lines together inside brackets.
    string(REPLACE "&" "&amp;" _text "${_text}")
    string(REPLACE "<" "&lt;" _text "${_text}")
    string(REPLACE ">" "&gt;" _text "${_text}")
    string(REPLACE ";" "@HD_SEMICOLON@" _text "${_text}")

    string(REPLACE "." "\\." _version_re "${version}")
    if(NOT _text MATCHES "\n## \\[${_version_re}\\] - ([0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9])[ \t]*\n")
        message(FATAL_ERROR "${changelog} has no entry \"## [${version}] - YYYY-MM-DD\" for the version in "
            "project(VERSION). Add the release notes before changing the version.")
    endif()
    set(_date "${CMAKE_MATCH_1}")

    # The entry's body runs up to the next "## " heading or the end of the file.
    string(FIND "${_text}" "${CMAKE_MATCH_0}" _start)
    string(LENGTH "${CMAKE_MATCH_0}" _heading_length)
    math(EXPR _start "${_start} + ${_heading_length}")
    string(SUBSTRING "${_text}" ${_start} -1 _body)
    string(FIND "${_body}" "\n## " _end)
    if(_end GREATER -1)
        string(SUBSTRING "${_body}" 0 ${_end} _body)
    endif()

    string(REPLACE "[" "@HD_LBRACKET@" _body "${_body}")
    string(REPLACE "]" "@HD_RBRACKET@" _body "${_body}")
    string(REPLACE "\n" ";" _lines "${_body}")
    set(_items "")
    foreach(_line IN LISTS _lines)
        if(_line MATCHES "^[-*] (.+)$")
            string(REGEX REPLACE "`([^`]+)`" "<code>\\1</code>" _item "${CMAKE_MATCH_1}")
            string(REPLACE "@HD_SEMICOLON@" ";" _item "${_item}")
            string(REPLACE "@HD_LBRACKET@" "[" _item "${_item}")
            string(REPLACE "@HD_RBRACKET@" "]" _item "${_item}")
            string(APPEND _items "          <li>${_item}</li>\n")
        endif()
    endforeach()
    if(_items STREQUAL "")
        message(FATAL_ERROR "${changelog}: the entry for ${version} has no \"- \" lines to use as release notes.")
    endif()

    set(${out_date} "${_date}" PARENT_SCOPE)
    set(${out_notes_xml} "        <ul>\n${_items}        </ul>" PARENT_SCOPE)
endfunction()
