# Run by the translations_current test: fails when resources/translations/hookdesk_en.ts lacks a tr() string of
# the sources (or keeps one no longer there), i.e. when someone forgot `cmake --build … --target
# update_translations`. lupdate runs on a copy, so the test never rewrites the source tree.
# Inputs: LUPDATE, GENERATE_PROJECT_SCRIPT, PROJECT_IN, PROJECT_JSON, TS_FILE, SCRATCH.
execute_process(COMMAND "${CMAKE_COMMAND}" -DIN_FILE=${PROJECT_IN} -DOUT_FILE=${PROJECT_JSON}
    -P "${GENERATE_PROJECT_SCRIPT}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "Could not generate the lupdate project file")
endif()
file(MAKE_DIRECTORY "${SCRATCH}")
get_filename_component(name "${TS_FILE}" NAME)
set(copy "${SCRATCH}/${name}")
file(COPY_FILE "${TS_FILE}" "${copy}")
execute_process(COMMAND "${LUPDATE}" -project "${PROJECT_JSON}" -locations none -no-obsolete -ts "${copy}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed:\n${out}${err}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${TS_FILE}" "${copy}" RESULT_VARIABLE differs)
if(differs)
    execute_process(COMMAND diff -u "${TS_FILE}" "${copy}")
    message(FATAL_ERROR "${name} is out of date: run `cmake --build <build dir> --target update_translations` "
        "and commit the result.")
endif()
message(STATUS "${name} is up to date with the sources")
