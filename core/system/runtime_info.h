#pragma once
// What the engine runs on: library versions, the BLAS behind LibTorch's matrix multiplies and
// the rate it reaches. Shown at start by the GUI and by `pwb --version` / `pwb bench`.
// Torch-free header.

#include <string>

namespace pwb::system {

struct BlasInfo {
  std::string library_path;  // the shared object that provides sgemm_, symlinks resolved
  std::string name;          // "OpenBLAS 0.3.21 (Haswell)", "reference BLAS", ...
  bool is_reference = false;  // Netlib's reference BLAS: ~36x slower on this machine class
};

struct RuntimeInfo {
  std::string workbench_version;
  std::string torch_version;
  std::string sentencepiece_version;
  std::string sqlite_version;
  int torch_threads = 0;
  BlasInfo blas;
};

RuntimeInfo probeRuntime();

// Measures a float32 n×n matrix multiply through LibTorch; returns GFLOP/s (2n³ per product).
double measureMatmulGflops(int n = 512, double min_seconds = 0.2);

// A warning for the user when the BLAS will make training crawl; empty when all is well.
std::string blasWarning(const BlasInfo& blas);

// One multi-line report: versions, BLAS and the measured rate.
std::string formatRuntimeReport(const RuntimeInfo& info, double gflops);

}  // namespace pwb::system
