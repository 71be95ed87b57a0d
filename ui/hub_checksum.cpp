#include "hub_checksum.h"

#include <QCoreApplication>
#include <QFile>

namespace pwb::ui {

HubChecksum::HubChecksum(const HubFile& file)
    : file_(file),
      expected_(file.blobName()),
      hash_(file.isLfs() ? QCryptographicHash::Sha256 : QCryptographicHash::Sha1) {
  reset();
}

void HubChecksum::reset() {
  hash_.reset();
  if (!file_.isLfs()) hash_.addData("blob " + QByteArray::number(file_.size) + '\0');
}

bool HubChecksum::addFile(const QString& path, qint64 size) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return false;
  QByteArray buffer(1 << 20, Qt::Uninitialized);
  qint64 left = size;
  while (left > 0) {
    const auto got = file.read(buffer.data(), std::min<qint64>(left, buffer.size()));
    if (got <= 0) return false;
    hash_.addData(QByteArrayView(buffer.constData(), got));
    left -= got;
  }
  return true;
}

QString HubChecksum::kind() const {
  return file_.isLfs() ? QStringLiteral("SHA-256") : QCoreApplication::translate("HubChecksum", "git blob id");
}

}  // namespace pwb::ui
