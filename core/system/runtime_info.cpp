#include "system/runtime_info.h"

#include <dlfcn.h>
#include <sqlite3.h>

#include <chrono>
#include <climits>
#include <cstdlib>
#include <sstream>

#include <ATen/Parallel.h>
#include <torch/version.h>

namespace pwb::system {
namespace {

std::string resolvedPath(const char* path) {
  char buffer[PATH_MAX];
  if (path != nullptr && ::realpath(path, buffer) != nullptr) return buffer;
  return path != nullptr ? path : "";
}

BlasInfo probeBlas() {
  BlasInfo blas;
  void* sgemm = ::dlsym(RTLD_DEFAULT, "sgemm_");
  Dl_info where{};
  if (sgemm == nullptr || ::dladdr(sgemm, &where) == 0) {
    blas.name = "unknown (no sgemm_ symbol in the process)";
    return blas;
  }
  blas.library_path = resolvedPath(where.dli_fname);
  // OpenBLAS names itself; Debian's reference BLAS lives under .../blas/libblas.so.3.
  using ConfigFn = char* (*)();
  auto config = reinterpret_cast<ConfigFn>(::dlsym(RTLD_DEFAULT, "openblas_get_config"));
  auto core = reinterpret_cast<ConfigFn>(::dlsym(RTLD_DEFAULT, "openblas_get_corename"));
  if (config != nullptr) {
    blas.name = config();
    if (core != nullptr) blas.name += std::string(" (core ") + core() + ")";
  } else if (blas.library_path.find("/blas/") != std::string::npos) {
    blas.name = "reference BLAS (Netlib)";
    blas.is_reference = true;
  } else if (blas.library_path.find("blis") != std::string::npos) {
    blas.name = "BLIS";
  } else if (blas.library_path.find("mkl") != std::string::npos) {
    blas.name = "Intel MKL";
  } else {
    blas.name = "unrecognised BLAS";
  }
  return blas;
}

}  // namespace

RuntimeInfo probeRuntime() {
  RuntimeInfo info;
  info.workbench_version = PWB_VERSION;
  info.torch_version = TORCH_VERSION;
  // SentencePiece has no version API; the bootstrap builds exactly this release.
  info.sentencepiece_version = "0.1.97";
  info.sqlite_version = sqlite3_libversion();
  info.torch_threads = at::get_num_threads();
  info.blas = probeBlas();
  return info;
}

double measureMatmulGflops(int n, double min_seconds) {
  torch::NoGradGuard no_grad;
  const auto a = torch::randn({n, n});
  const auto b = torch::randn({n, n});
  auto c = torch::mm(a, b);  // warm-up: thread pool start, page faults
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  int products = 0;
  double elapsed = 0.0;
  do {
    c = torch::mm(a, b);
    ++products;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < min_seconds);
  return 2.0 * n * n * static_cast<double>(n) * products / elapsed / 1e9;
}

std::string blasWarning(const BlasInfo& blas) {
  if (!blas.is_reference) return {};
  return "LibTorch is using the reference BLAS (" + blas.library_path +
         "): training will run about 30x slower than it could. Install OpenBLAS "
         "(apt-get install libopenblas0-pthread) so that it becomes the libblas.so.3 alternative.";
}

std::string formatRuntimeReport(const RuntimeInfo& info, double gflops) {
  std::ostringstream out;
  out << "Prompt Workbench " << info.workbench_version << "\n"
      << "LibTorch " << info.torch_version << " (" << info.torch_threads << " threads)\n"
      << "SentencePiece " << info.sentencepiece_version << "\n"
      << "SQLite " << info.sqlite_version << "\n"
      << "BLAS: " << info.blas.name << " [" << info.blas.library_path << "]\n";
  out.setf(std::ios::fixed);
  out.precision(1);
  out << "float32 matmul 512x512: " << gflops << " GFLOP/s\n";
  const auto warning = blasWarning(info.blas);
  if (!warning.empty()) out << "WARNING: " << warning << "\n";
  return out.str();
}

}  // namespace pwb::system
