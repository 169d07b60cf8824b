#!/bin/sh
# Remove Trainer Desktop installed by install.sh for the current user. Keeps the user's data:
# the database (with the laptop's signing key) and its backups in ~/.local/share/TrainerDesktop/.
set -eu

DATA=${XDG_DATA_HOME:-$HOME/.local/share}
APP=$HOME/.local/opt/trainer-desktop
BIN=$HOME/.local/bin

# The command, only if it is ours.
if [ -L "$BIN/trainer-desktop" ] && [ "$(readlink "$BIN/trainer-desktop")" = "$APP/trainer-desktop" ]; then
    rm -f "$BIN/trainer-desktop"
fi
rm -f "$DATA/applications/trainer-desktop.desktop" "$DATA/mime/packages/trainer-desktop.xml"
rm -f "$DATA"/icons/hicolor/*/apps/trainer-desktop.png \
      "$DATA/icons/hicolor/scalable/apps/trainer-desktop.svg"
# Desktops read these caches; each tool is optional.
if command -v update-mime-database >/dev/null; then update-mime-database "$DATA/mime" || true; fi
if command -v update-desktop-database >/dev/null; then
    update-desktop-database "$DATA/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true
fi
rm -rf "$APP"

echo "Trainer Desktop is removed."
echo "Your data is kept in $DATA/TrainerDesktop/ (delete that folder to remove it too)."
