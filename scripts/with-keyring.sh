#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring, so keychain
# tests talk to a real Secret Service and never touch the user's own keyring.
set -euo pipefail
if [ "${FRONTDESK_IN_KEYRING:-}" != "1" ]; then
  export FRONTDESK_IN_KEYRING=1
  exec dbus-run-session -- "$0" "$@"
fi
XDG_DATA_HOME=$(mktemp -d)
export XDG_DATA_HOME
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
# A non-empty password creates and unlocks the login keyring. One daemon only: a second
# `--start` can race it and leave a locked collection behind.
eval "$(printf 'frontdesk-test' | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
"$@"
