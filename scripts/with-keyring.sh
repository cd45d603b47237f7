#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a fresh, unlocked gnome-keyring, so tests use a real
# Secret Service without touching the developer's own keychain. Usage: scripts/with-keyring.sh <command...>
set -euo pipefail
if [ "${TOKENDESK_IN_KEYRING:-}" = "1" ]; then exec "$@"; fi
exec dbus-run-session -- bash -c '
  set -uo pipefail
  export TOKENDESK_IN_KEYRING=1
  export XDG_DATA_HOME="$(mktemp -d)"
  # gnome-keyring prints its environment; the control socket is all keytar needs via D-Bus.
  echo -n tokendesk-test | gnome-keyring-daemon --unlock --components=secrets --foreground >/dev/null 2>&1 &
  daemon=$!
  # Wait until the Secret Service name is owned on this bus (at most ~5 s).
  for _ in $(seq 50); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
         org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; then
      break
    fi
    sleep 0.1
  done
  "$@"
  status=$?
  kill "$daemon" 2>/dev/null || true
  wait "$daemon" 2>/dev/null || true
  rm -rf "$XDG_DATA_HOME"
  exit $status
' bash "$@"
