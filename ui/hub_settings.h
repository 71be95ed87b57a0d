#pragma once
// Where the Hugging Face Hub is, who the user is there, and where downloads go — read from the
// environment variables Python's huggingface_hub reads, so that both share one cache.

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace pwb::ui {

struct HubSettings {
  QUrl endpoint;      // HF_ENDPOINT, else https://huggingface.co
  QByteArray token;   // HF_TOKEN, else the token file `huggingface-cli login` writes; empty: anonymous
  QString cache_dir;  // HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub

  static HubSettings fromEnvironment();
};

}  // namespace pwb::ui
