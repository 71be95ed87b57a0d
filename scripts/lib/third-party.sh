# Static builds of SentencePiece and QCustomPlot from Debian's source packages, sourced by
# scripts/bootstrap. The cache key of each build includes a hash of this file and of
# qcustomplot.cmake, so changing the recipe rebuilds; nothing else does.
third_party_recipes=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
recipe=$(cat "$third_party_recipes/third-party.sh" "$third_party_recipes/qcustomplot.cmake" | sha256sum | cut -c1-12)

# Runs a command with its output in a log file, shown only if the command fails.
quietly() {  # log command...
  local log=$1
  shift
  if ! "$@" >>"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "bootstrap: '$*' failed; full log: $log" >&2
    exit 1
  fi
}

# Removes earlier builds of the same library (other versions or recipes) beside this one.
prune_other_builds() {  # prefix
  local name
  name=$(basename "$1" | cut -d- -f1)
  find "$PWB_THIRD_PARTY" -mindepth 1 -maxdepth 1 -type d -name "$name-*" ! -path "$1" -exec rm -rf {} +
}

# Prints the version of a Debian source package that apt would fetch.
source_version() {
  apt-cache showsrc "$1" | awk '/^Version:/ { print $2; exit }'
}

fetch_source() {  # name version dest
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source -qq "$1=$2" >/dev/null 2>&1) || {
    echo "bootstrap: 'apt-get source $1=$2' failed" >&2; rm -rf "$tmp"; exit 1; }
  rm -rf "$3"; mkdir -p "$(dirname "$3")"
  mv "$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n 1)" "$3"
  rm -rf "$tmp"
}

build_sentencepiece() {
  local version prefix src
  version=$(source_version sentencepiece)
  prefix="$PWB_THIRD_PARTY/sentencepiece-$version-$recipe"
  if [ -f "$prefix/.complete" ]; then echo "$prefix"; return; fi
  echo "bootstrap: building SentencePiece $version (static, system protobuf)" >&2
  src="$PWB_THIRD_PARTY/src/sentencepiece-$version"
  rm -f "$src.log"
  fetch_source sentencepiece "$version" "$src"
  # Debian removes the static libraries; put them back, since the shared one cannot be used.
  patch -s -R -p1 -d "$src" < "$src/debian/patches/disable-static-library.patch"
  # init.h names the bundled protobuf header by path; point it at the system's protobuf.
  sed -i 's|"third_party/protobuf-lite/google/protobuf/message_lite.h"|<google/protobuf/message_lite.h>|' \
    "$src/src/init.h"
  quietly "$src.log" cmake -S "$src" -B "$src/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DSPM_ENABLE_SHARED=OFF -DSPM_USE_BUILTIN_PROTOBUF=OFF \
    -DSPM_ENABLE_TCMALLOC=OFF -DCMAKE_INSTALL_PREFIX="$prefix"
  quietly "$src.log" cmake --build "$src/build" --target install
  # The model proto (trainer and normaliser settings) is not installed upstream; the tokenizer reads it.
  install -m 644 "$src/build/src/sentencepiece_model.pb.h" "$prefix/include/"
  rm -rf "$src"
  prune_other_builds "$prefix"
  touch "$prefix/.complete"
  echo "$prefix"
}

build_qcustomplot() {
  local version prefix src
  version=$(source_version qcustomplot)
  prefix="$PWB_THIRD_PARTY/qcustomplot-$version-qt6-$recipe"
  if [ -f "$prefix/.complete" ]; then echo "$prefix"; return; fi
  echo "bootstrap: building QCustomPlot $version against Qt 6 (static)" >&2
  src="$PWB_THIRD_PARTY/src/qcustomplot-$version"
  rm -f "$src.log"
  fetch_source qcustomplot "$version" "$src"
  # Qt >= 6.4's moc cannot digest 2.1.0's fake "class QCP" for moc; Debian's source package
  # already declares "namespace QCP { Q_NAMESPACE" instead. Stop if a future one does not.
  grep -q '^  Q_NAMESPACE' "$src/qcustomplot.h" || {
    echo "bootstrap: $src/qcustomplot.h lacks the Q_NAMESPACE fix for Qt 6 moc" >&2; exit 1; }
  cp "$third_party_recipes/qcustomplot.cmake" "$src/CMakeLists.txt"
  quietly "$src.log" cmake -S "$src" -B "$src/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$prefix"
  quietly "$src.log" cmake --build "$src/build" --target install
  rm -rf "$src"
  prune_other_builds "$prefix"
  touch "$prefix/.complete"
  echo "$prefix"
}
