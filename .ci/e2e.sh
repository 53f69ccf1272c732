#!/usr/bin/env bash
# Browser tests of the example server's settings page (e2e/, a module of
# its own): installs Debian's Chromium (and a Korean font, so the Korean
# screenshot is readable), then runs them. MYACCOUNT_TEST_REQUIRE_TOOLS=1
# makes a missing Chromium a failure instead of a skip. Screenshots go to
# $E2E_SCREENSHOTS when it is set.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
export DEBIAN_FRONTEND=noninteractive

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
apt_install() {
  $SUDO apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "$@" >/dev/null ||
    { $SUDO apt-get -o DPkg::Lock::Timeout=300 update >/dev/null &&
      $SUDO apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends "$@" >/dev/null; }
}

echo "== install: chromium fonts-nanum"
apt_install chromium fonts-nanum

echo "== e2e: go vet and go test (headless Chromium)"
cd e2e
go vet ./...
go test -count=1 -timeout 5m ./...
