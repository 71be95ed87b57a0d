# Installs into a fresh prefix, then runs a short pretraining from there with the environment
# cleared of source-tree hints: the installed pwb must find the shipped corpus by itself.
file(REMOVE_RECURSE "${WORK_DIR}")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${WORK_DIR}/prefix"
                RESULT_VARIABLE status OUTPUT_QUIET)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cmake --install failed")
endif()
file(MAKE_DIRECTORY "${WORK_DIR}/data")
execute_process(COMMAND env -u PWB_RESOURCE_DIR PWB_DATA_DIR=${WORK_DIR}/data
                        "${WORK_DIR}/prefix/bin/pwb" pretrain --steps 3 --db "${WORK_DIR}/data/e.sqlite"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0 OR NOT out MATCHES "finished after 3 steps")
  message(FATAL_ERROR "installed pwb failed (${status}):\n${out}\n${err}")
endif()
if(NOT err MATCHES "${WORK_DIR}/prefix/share/prompt-workbench/resources/corpus/uci_sentences.txt")
  message(FATAL_ERROR "installed pwb did not use the installed corpus:\n${err}")
endif()
