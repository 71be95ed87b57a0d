#pragma once
// Dark mode that follows the desktop. Qt 6.4 (Debian bookworm) takes a dark palette from KDE's
// platform theme but not from GNOME's "prefer dark" setting, which desktops publish through the
// XDG desktop portal (org.freedesktop.appearance color-scheme). This reads that setting, listens
// for changes, and applies a dark Fusion palette while the desktop prefers dark.
// PWB_COLOUR_SCHEME=dark|light overrides it (a desktop without a portal, screenshots).

#include <QDBusVariant>
#include <QObject>
#include <QPalette>

class QApplication;

namespace pwb::ui {

enum class ColourScheme { NoPreference, Dark, Light };

// The portal's color-scheme value: 0 no preference, 1 prefer dark, 2 prefer light.
ColourScheme colourSchemeFromPortal(uint value);
// The PWB_COLOUR_SCHEME value ("dark", "light"; anything else: no preference).
ColourScheme colourSchemeFromName(const QString& name);

// A Fusion-style dark palette: every role readable, links and highlights in blue.
QPalette darkPalette();

class SystemColourScheme : public QObject {
  Q_OBJECT

 public:
  // Reads the preference (the override, else the portal with a short timeout) and applies it to
  // `app`; then follows the portal's changes while it lives.
  explicit SystemColourScheme(QApplication& app);

  ColourScheme current() const { return current_; }
  // Dark: Fusion with darkPalette(). Otherwise the style and palette the application started
  // with, which are the platform's own (already dark on KDE when KDE is dark).
  void apply(ColourScheme scheme);

 private Q_SLOTS:
  void onPortalSettingChanged(const QString& name_space, const QString& key, const QDBusVariant& value);

 private:
  QString initial_style_;
  QPalette initial_palette_;
  ColourScheme current_ = ColourScheme::NoPreference;
};

}  // namespace pwb::ui
