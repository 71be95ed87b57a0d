#include "system/xz_file.h"

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include <lzma.h>

namespace pwb::system {
namespace {

std::string lzmaError(lzma_ret code) {
  switch (code) {
    case LZMA_FORMAT_ERROR: return "not an xz file";
    case LZMA_DATA_ERROR: return "corrupt data";
    case LZMA_BUF_ERROR: return "truncated (the file ends inside the compressed data)";
    case LZMA_MEM_ERROR: return "out of memory";
    case LZMA_OPTIONS_ERROR: return "unsupported xz options";
    default: return "xz error " + std::to_string(static_cast<int>(code));
  }
}

struct StreamEnd {
  void operator()(lzma_stream* stream) const { lzma_end(stream); }
};

}  // namespace

void decompressXz(const std::filesystem::path& source, const std::filesystem::path& target) {
  std::ifstream in(source, std::ios::binary);
  if (!in) throw std::runtime_error(source.string() + ": cannot open");
  const auto partial = std::filesystem::path(target.string() + ".partial");
  std::ofstream out(partial, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error(partial.string() + ": cannot write");

  lzma_stream stream = LZMA_STREAM_INIT;
  if (const auto ret = lzma_stream_decoder(&stream, UINT64_MAX, LZMA_CONCATENATED); ret != LZMA_OK) {
    throw std::runtime_error(source.string() + ": " + lzmaError(ret));
  }
  const std::unique_ptr<lzma_stream, StreamEnd> guard(&stream);
  std::array<char, 1 << 16> input{};
  std::array<char, 1 << 16> output{};
  lzma_action action = LZMA_RUN;
  for (;;) {
    if (stream.avail_in == 0 && action == LZMA_RUN) {
      in.read(input.data(), input.size());
      if (in.bad()) throw std::runtime_error(source.string() + ": read error");
      stream.next_in = reinterpret_cast<const std::uint8_t*>(input.data());
      stream.avail_in = static_cast<std::size_t>(in.gcount());
      if (in.eof()) action = LZMA_FINISH;
    }
    stream.next_out = reinterpret_cast<std::uint8_t*>(output.data());
    stream.avail_out = output.size();
    const auto ret = lzma_code(&stream, action);
    out.write(output.data(), static_cast<std::streamsize>(output.size() - stream.avail_out));
    if (!out) {
      std::filesystem::remove(partial);
      throw std::runtime_error(partial.string() + ": write failed (is the disk full?)");
    }
    if (ret == LZMA_STREAM_END) break;
    if (ret != LZMA_OK) {
      out.close();
      std::filesystem::remove(partial);
      throw std::runtime_error(source.string() + ": " + lzmaError(ret));
    }
  }
  out.close();
  if (!out) throw std::runtime_error(partial.string() + ": write failed (is the disk full?)");
  std::filesystem::rename(partial, target);
}

std::filesystem::path plainTextFile(const std::filesystem::path& file, const std::filesystem::path& cache_dir) {
  if (file.extension() != ".xz") return file;
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) throw std::runtime_error(file.string() + ": cannot open");
  const auto stamp = std::filesystem::last_write_time(file).time_since_epoch().count();
  const auto name = file.stem().stem().string() + "-" + std::to_string(size) + "-" + std::to_string(stamp) +
                    file.stem().extension().string();
  const auto target = cache_dir / "corpora" / name;
  if (!std::filesystem::exists(target)) {
    std::filesystem::create_directories(target.parent_path());
    decompressXz(file, target);
  }
  return target;
}

}  // namespace pwb::system
