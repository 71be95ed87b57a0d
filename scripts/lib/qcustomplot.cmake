# Builds QCustomPlot from Debian's source package as a static library against Qt 6.
# Copied into the unpacked source tree by scripts/bootstrap.
cmake_minimum_required(VERSION 3.18)
project(qcustomplot_static LANGUAGES CXX)
find_package(Qt6 REQUIRED COMPONENTS Core Gui Widgets PrintSupport)
set(CMAKE_AUTOMOC ON)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
add_library(qcustomplot STATIC qcustomplot.cpp qcustomplot.h)
target_compile_features(qcustomplot PRIVATE cxx_std_17)
target_link_libraries(qcustomplot PUBLIC Qt6::Widgets Qt6::PrintSupport)
install(TARGETS qcustomplot ARCHIVE DESTINATION lib)
install(FILES qcustomplot.h DESTINATION include)
