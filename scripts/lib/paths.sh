# Shared locations for the project's scripts. Third-party builds live outside the checkout so
# that a fresh clone (as CI uses) reuses them; override with PWB_CACHE_DIR.
PWB_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PWB_CACHE_DIR=${PWB_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/prompt-workbench}
PWB_THIRD_PARTY="$PWB_CACHE_DIR/third-party"
PWB_BUILD_DIR=${PWB_BUILD_DIR:-$PWB_ROOT/build}
export PWB_ROOT PWB_CACHE_DIR PWB_THIRD_PARTY PWB_BUILD_DIR
