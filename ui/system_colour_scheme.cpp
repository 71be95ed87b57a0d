#include "system_colour_scheme.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QStyle>
#include <QStyleFactory>

namespace pwb::ui {
namespace {

const QString kPortalService = QStringLiteral("org.freedesktop.portal.Desktop");
const QString kPortalPath = QStringLiteral("/org/freedesktop/portal/desktop");
const QString kSettingsInterface = QStringLiteral("org.freedesktop.portal.Settings");
const QString kAppearance = QStringLiteral("org.freedesktop.appearance");
const QString kColorScheme = QStringLiteral("color-scheme");
// Long enough for a portal that is there, short enough that a missing one never delays the start.
constexpr int kPortalTimeoutMs = 300;

// Settings.Read answers a variant inside a variant; SettingChanged sends one.
QVariant unwrap(QVariant value) {
  while (value.userType() == qMetaTypeId<QDBusVariant>()) {
    value = value.value<QDBusVariant>().variant();
  }
  return value;
}

ColourScheme readPortal() {
  auto bus = QDBusConnection::sessionBus();
  if (!bus.isConnected()) return ColourScheme::NoPreference;
  auto message = QDBusMessage::createMethodCall(kPortalService, kPortalPath, kSettingsInterface, QStringLiteral("Read"));
  message << kAppearance << kColorScheme;
  const auto reply = bus.call(message, QDBus::Block, kPortalTimeoutMs);
  if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) return ColourScheme::NoPreference;
  return colourSchemeFromPortal(unwrap(reply.arguments().constFirst()).toUInt());
}

}  // namespace

ColourScheme colourSchemeFromPortal(uint value) {
  switch (value) {
    case 1: return ColourScheme::Dark;
    case 2: return ColourScheme::Light;
    default: return ColourScheme::NoPreference;
  }
}

ColourScheme colourSchemeFromName(const QString& name) {
  const auto lower = name.trimmed().toLower();
  if (lower == QStringLiteral("dark")) return ColourScheme::Dark;
  if (lower == QStringLiteral("light")) return ColourScheme::Light;
  return ColourScheme::NoPreference;
}

QPalette darkPalette() {
  const QColor window(0x2b2b2b), base(0x1e1e1e), text(0xe6e6e6), disabled(0x7f7f7f), highlight(0x3d7fc4);
  QPalette palette;
  palette.setColor(QPalette::Window, window);
  palette.setColor(QPalette::WindowText, text);
  palette.setColor(QPalette::Base, base);
  palette.setColor(QPalette::AlternateBase, window);
  palette.setColor(QPalette::ToolTipBase, window);
  palette.setColor(QPalette::ToolTipText, text);
  palette.setColor(QPalette::PlaceholderText, disabled);
  palette.setColor(QPalette::Text, text);
  palette.setColor(QPalette::Button, QColor(0x353535));
  palette.setColor(QPalette::ButtonText, text);
  palette.setColor(QPalette::BrightText, Qt::white);
  palette.setColor(QPalette::Light, QColor(0x474747));
  palette.setColor(QPalette::Midlight, QColor(0x3a3a3a));
  palette.setColor(QPalette::Mid, QColor(0x262626));
  palette.setColor(QPalette::Dark, QColor(0x1a1a1a));
  palette.setColor(QPalette::Shadow, Qt::black);
  palette.setColor(QPalette::Highlight, highlight);
  palette.setColor(QPalette::HighlightedText, Qt::white);
  palette.setColor(QPalette::Link, QColor(0x6ea8e8));
  palette.setColor(QPalette::LinkVisited, QColor(0xb48ee8));
  for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
    palette.setColor(QPalette::Disabled, role, disabled);
  }
  return palette;
}

SystemColourScheme::SystemColourScheme(QApplication& app)
    : QObject(&app), initial_style_(app.style()->name()), initial_palette_(QApplication::palette()) {
  const auto override_name = qEnvironmentVariable("PWB_COLOUR_SCHEME");
  if (!override_name.isEmpty()) {
    apply(colourSchemeFromName(override_name));
    return;  // the user chose: the desktop's changes are not followed
  }
  apply(readPortal());
  QDBusConnection::sessionBus().connect(kPortalService, kPortalPath, kSettingsInterface, QStringLiteral("SettingChanged"),
                                        this, SLOT(onPortalSettingChanged(QString, QString, QDBusVariant)));
}

void SystemColourScheme::apply(ColourScheme scheme) {
  // Light and no preference both mean the platform's own look: no style to rebuild between them
  // (nor at start, when the application already has it).
  const bool unchanged = (scheme == ColourScheme::Dark) == (current_ == ColourScheme::Dark);
  current_ = scheme;
  if (unchanged) return;
  if (scheme == ColourScheme::Dark) {
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(darkPalette());
    return;
  }
  QApplication::setStyle(QStyleFactory::create(initial_style_));
  QApplication::setPalette(initial_palette_);
}

void SystemColourScheme::onPortalSettingChanged(const QString& name_space, const QString& key,
                                                const QDBusVariant& value) {
  if (name_space != kAppearance || key != kColorScheme) return;
  apply(colourSchemeFromPortal(unwrap(value.variant()).toUInt()));
}

}  // namespace pwb::ui
