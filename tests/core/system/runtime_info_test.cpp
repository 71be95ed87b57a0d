#include "system/runtime_info.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>

namespace pwb::system {
namespace {

TEST(RuntimeInfo, ReportsTheLinkedLibraryVersions) {
  const auto info = probeRuntime();
  EXPECT_EQ(info.torch_version.rfind("1.13.", 0), 0u) << info.torch_version;  // Debian's libtorch-dev 1.13.1 says 1.13.0
  EXPECT_EQ(info.sqlite_version, SQLITE_VERSION);
  EXPECT_EQ(info.sentencepiece_version, "0.1.97");
  EXPECT_GE(info.torch_threads, 1);
}

TEST(RuntimeInfo, FindsTheBlasThatProvidesSgemm) {
  const auto blas = probeRuntime().blas;
  ASSERT_FALSE(blas.library_path.empty());
  // The bootstrap installs OpenBLAS as the libblas.so.3 alternative.
  EXPECT_NE(blas.name.find("OpenBLAS"), std::string::npos) << blas.name << " at " << blas.library_path;
  EXPECT_FALSE(blas.is_reference);
  EXPECT_TRUE(blasWarning(blas).empty());
}

TEST(RuntimeInfo, WarnsAboutTheReferenceBlas) {
  BlasInfo reference{"/usr/lib/x86_64-linux-gnu/blas/libblas.so.3", "reference BLAS (Netlib)", true};
  const auto warning = blasWarning(reference);
  EXPECT_NE(warning.find("reference BLAS"), std::string::npos);
  EXPECT_NE(warning.find("libopenblas0-pthread"), std::string::npos);
  RuntimeInfo info;
  info.blas = reference;
  EXPECT_NE(formatRuntimeReport(info, 5.0).find("WARNING: "), std::string::npos);
}

TEST(RuntimeInfo, MeasuresAPositiveMatmulRate) {
  const double gflops = measureMatmulGflops(64, 0.01);
  EXPECT_TRUE(std::isfinite(gflops));
  EXPECT_GT(gflops, 0.0);
}

TEST(RuntimeInfo, ReportListsEveryComponent) {
  const auto report = formatRuntimeReport(probeRuntime(), 123.4);
  for (const char* expected : {"SentencePiece 0.1.97", "SQLite ", "BLAS: ", "123.4 GFLOP/s"}) {
    EXPECT_NE(report.find(expected), std::string::npos) << expected << " missing from\n" << report;
  }
}

}  // namespace
}  // namespace pwb::system
