#pragma once
// The checksum the Hub publishes for a file, computed while it downloads: the SHA-256 of an LFS
// file's content, or for a file stored in git its git blob id (SHA-1 of "blob <size>\0" and the
// content).

#include <QCryptographicHash>
#include <QString>

#include "hub_listing.h"

namespace pwb::ui {

class HubChecksum {
 public:
  explicit HubChecksum(const HubFile& file);

  void reset();
  void add(QByteArrayView bytes) { hash_.addData(bytes); }
  // Feeds the first `size` bytes of a file (what an earlier attempt left); false when it
  // cannot be read.
  bool addFile(const QString& path, qint64 size);
  QString expected() const { return expected_; }
  QString actual() const { return QString::fromLatin1(hash_.result().toHex()); }
  // "SHA-256" or "git blob id", for messages.
  QString kind() const;

 private:
  HubFile file_;
  QString expected_;
  QCryptographicHash hash_;
};

}  // namespace pwb::ui
