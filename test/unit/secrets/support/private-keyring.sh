#!/usr/bin/env bash
# Runs a command in a D-Bus session of its own with a fresh, unlocked gnome-keyring, for the
# test that locks the keyring (locking the shared session's keyring would break the tests
# running beside it). One daemon only: `--unlock` starts it and unlocks the login keyring; a
# second `gnome-keyring-daemon --start` can race it and leave a locked daemon on the bus.
set -euo pipefail
if [ "${FRONTDESK_PRIVATE_KEYRING:-}" != "1" ]; then
  export FRONTDESK_PRIVATE_KEYRING=1
  exec dbus-run-session -- "$0" "$@"
fi
XDG_DATA_HOME=$(mktemp -d)
export XDG_DATA_HOME
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
eval "$(printf 'frontdesk-test' | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
"$@"
