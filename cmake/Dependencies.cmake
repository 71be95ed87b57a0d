# Every third-party dependency, found once, as imported targets.
# SentencePiece and QCustomPlot are static builds made by scripts/bootstrap (see its comments);
# pass their install prefixes in CMAKE_PREFIX_PATH.

find_package(Threads REQUIRED)
find_package(Torch REQUIRED)
find_package(Protobuf REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(LibLZMA REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(GTest REQUIRED)
find_package(benchmark REQUIRED)
find_package(Qt6 6.2 REQUIRED COMPONENTS Core Gui Widgets PrintSupport Svg Concurrent Network DBus Test)

# NO_CACHE: a changed bootstrap recipe gives a new prefix, which must be looked up anew.
find_path(SENTENCEPIECE_INCLUDE_DIR sentencepiece_processor.h REQUIRED NO_CACHE)
find_library(SENTENCEPIECE_LIBRARY NAMES libsentencepiece.a REQUIRED NO_CACHE)
find_library(SENTENCEPIECE_TRAIN_LIBRARY NAMES libsentencepiece_train.a REQUIRED NO_CACHE)
add_library(pwb_sentencepiece INTERFACE)
target_include_directories(pwb_sentencepiece SYSTEM INTERFACE "${SENTENCEPIECE_INCLUDE_DIR}")
target_link_libraries(pwb_sentencepiece INTERFACE
  "${SENTENCEPIECE_TRAIN_LIBRARY}" "${SENTENCEPIECE_LIBRARY}" protobuf::libprotobuf Threads::Threads)

find_path(QCUSTOMPLOT_INCLUDE_DIR qcustomplot.h REQUIRED NO_CACHE)
find_library(QCUSTOMPLOT_LIBRARY NAMES libqcustomplot.a REQUIRED NO_CACHE)
add_library(pwb_qcustomplot INTERFACE)
target_include_directories(pwb_qcustomplot SYSTEM INTERFACE "${QCUSTOMPLOT_INCLUDE_DIR}")
target_link_libraries(pwb_qcustomplot INTERFACE "${QCUSTOMPLOT_LIBRARY}" Qt6::Widgets Qt6::PrintSupport)

# LibTorch without its compile flags leaking into Qt targets: include dirs as SYSTEM and the
# libraries, nothing else.
add_library(pwb_torch INTERFACE)
target_include_directories(pwb_torch SYSTEM INTERFACE ${TORCH_INCLUDE_DIRS})
target_link_libraries(pwb_torch INTERFACE ${TORCH_LIBRARIES})
