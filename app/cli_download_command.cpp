#include "cli_download_command.h"

#include <unistd.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QLocale>
#include <QNetworkProxyFactory>
#include <QTimer>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "cli_common.h"
#include "hub_client.h"
#include "hub_download_task.h"
#include "hub_file_selection.h"
#include "hub_repo_id.h"

namespace pwb::cli {
namespace {

volatile std::sig_atomic_t g_interrupted = 0;

void onInterrupt(int) { g_interrupted = 1; }

std::string bytesText(qint64 bytes) { return QLocale().formattedDataSize(bytes).toStdString(); }

ui::HubListing listFiles(const ui::HubSettings& settings, const ui::HubModelRef& ref) {
  ui::HubClient client(settings);
  QEventLoop loop;
  std::optional<ui::HubListing> listing;
  QString failure;
  QObject::connect(&client, &ui::HubClient::listed, &loop, [&](const ui::HubListing& listed) {
    listing = listed;
    loop.quit();
  });
  QObject::connect(&client, &ui::HubClient::failed, &loop, [&](const QString& message) {
    failure = message;
    loop.quit();
  });
  client.listFiles(ref.repo_id, ref.revision);
  loop.exec();
  if (!listing) throw std::runtime_error(failure.toStdString());
  if (const auto problem = ui::missingWeightsProblem(ref.repo_id, listing->files); !problem.isEmpty()) {
    throw std::runtime_error(problem.toStdString());
  }
  return *listing;
}

ui::HubDownloadOutcome downloadFiles(const ui::HubSettings& settings, const ui::HubListing& listing,
                                     const QList<ui::HubFile>& files) {
  ui::HubDownloadTask task(settings, listing, files);
  QEventLoop loop;
  ui::HubDownloadOutcome outcome;
  const bool terminal = isatty(fileno(stderr)) != 0;
  bool open_line = false;
  QObject::connect(&task, &ui::HubDownloadTask::progressed, &loop, [&](const ui::HubProgress& p) {
    if (!terminal) return;  // in a log, the summary at the end is enough
    const double fraction = p.bytes_total > 0 ? static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total) : 1.0;
    std::fprintf(stderr, "\r%s %s of %s  file %d/%d %s   ", progressBar(fraction).c_str(), bytesText(p.bytes_done).c_str(),
                 bytesText(p.bytes_total).c_str(), std::min(p.files_done + 1, p.files_total), p.files_total,
                 p.file.toStdString().c_str());
    open_line = true;
  });
  QObject::connect(&task, &ui::HubDownloadTask::finished, &loop, [&](const ui::HubDownloadOutcome& finished) {
    outcome = finished;
    loop.quit();
  });
  // Ctrl-C: a signal handler may only set a flag; the event loop looks at it.
  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
  QTimer interrupt_poll;
  interrupt_poll.callOnTimeout([&task] {
    if (g_interrupted != 0) task.cancel();
  });
  interrupt_poll.start(100);
  QMetaObject::invokeMethod(&task, &ui::HubDownloadTask::run, Qt::QueuedConnection);
  loop.exec();
  if (open_line) std::fprintf(stderr, "\n");
  return outcome;
}

int download(const std::string& id, const std::string& revision) {
  int argc = 1;
  char name[] = "pwb";
  char* argv[] = {name, nullptr};
  QCoreApplication qt(argc, argv);  // the Hub client's event loop; no other command needs one
  QNetworkProxyFactory::setUseSystemConfiguration(true);  // https_proxy and no_proxy, as huggingface_hub
  const auto ref = ui::parseHubModelRef(QString::fromStdString(id), QString::fromStdString(revision));
  if (!ref.problem.isEmpty()) throw std::invalid_argument(ref.problem.toStdString());
  const auto settings = ui::HubSettings::fromEnvironment();
  const auto listing = listFiles(settings, ref);
  const auto files = ui::selectModelFiles(listing.files);
  std::cerr << listing.repo_id.toStdString() << " at " << listing.revision.toStdString() << " (commit "
            << listing.commit.toStdString() << "), into " << settings.cache_dir.toStdString() << ":\n";
  for (const auto& file : files) std::cerr << "  " << file.path.toStdString() << "  " << bytesText(file.size) << "\n";
  const auto outcome = downloadFiles(settings, listing, files);
  std::cerr << outcome.message.toStdString() << "\n";
  if (outcome.status == ui::HubDownloadOutcome::Status::Finished) {
    std::cout << outcome.snapshot_dir.toStdString() << "\n";  // the model folder, for `pwb model inspect $(pwb download …)`
    return 0;
  }
  return outcome.status == ui::HubDownloadOutcome::Status::Cancelled ? 130 : 1;
}

}  // namespace

void addDownloadCommand(CLI::App& app) {
  auto id = std::make_shared<std::string>();
  auto revision = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("download", "Download a model from the Hugging Face Hub into its cache "
                                             "(HF_ENDPOINT, HF_TOKEN, HF_HUB_CACHE / HF_HOME apply); prints its folder");
  cmd->add_option("id", *id, "Hub id, such as gpt2 or google/flan-t5-small")->required();
  cmd->add_option("--revision", *revision, "Branch, tag or commit (default: main)");
  cmd->callback([id, revision] {
    const int status = download(*id, *revision);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace pwb::cli
