#!/usr/bin/env bash
# Installs Mono (Debian's mono-complete) for the Desktop-set smoke test (tools/Invoke-MonoSmoke.ps1), Linux only.
# Prints one line and exits 0 when it cannot (not Linux, no apt-get, not root and no password-less sudo): the smoke
# test is then skipped, and says so. Exit 1 only when an install was tried and failed.
set -uo pipefail
if command -v mono >/dev/null 2>&1; then exit 0; fi
if [ "$(uname -s)" != "Linux" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "Mono not installed: this script installs it on Debian/Ubuntu (apt-get) only."; exit 0
fi
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; else
    echo "Mono not installed: installing mono-complete needs root or password-less sudo."; exit 0
fi
echo "Installing mono-complete (Debian package) for the Desktop-set smoke test; a few minutes the first time"
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y -q --no-install-recommends mono-complete >/tmp/oktaeh-mono-install.log 2>&1; then
    $sudo apt-get update -q >>/tmp/oktaeh-mono-install.log 2>&1
    $sudo apt-get install -y -q --no-install-recommends mono-complete >>/tmp/oktaeh-mono-install.log 2>&1 \
        || { echo "Installing mono-complete failed; see /tmp/oktaeh-mono-install.log"; exit 1; }
fi
command -v mono >/dev/null 2>&1 || { echo "mono-complete installed, but no mono on PATH"; exit 1; }
