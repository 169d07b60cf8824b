#!/bin/sh
# Install Trainer Desktop for the current user, without root: the program in
# ~/.local/opt/trainer-desktop, the `trainer-desktop` command in ~/.local/bin, and under
# ~/.local/share the menu entry, the icon and the .tdbundle file type. Run again to update.
# The user's data (~/.local/share/TrainerDesktop/) is never touched.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
APP=$HOME/.local/opt/trainer-desktop
BIN=$HOME/.local/bin

if [ ! -x "$HERE/trainer-desktop/trainer-desktop" ]; then
    echo "install.sh: run it from the unpacked folder (trainer-desktop/ is missing)" >&2
    exit 1
fi

# The program: copied beside the old one, then swapped, so a failed copy leaves it working.
mkdir -p "$(dirname "$APP")" "$BIN"
rm -rf "$APP.new"
cp -R "$HERE/trainer-desktop" "$APP.new"
cp "$HERE/uninstall.sh" "$APP.new/uninstall.sh"
rm -rf "$APP"
mv "$APP.new" "$APP"
ln -sfn "$APP/trainer-desktop" "$BIN/trainer-desktop"

# The icon, in every size, and the drawing for any other.
for png in "$HERE"/icons/trainer-desktop-*.png; do
    size=$(basename "$png" .png)
    size=${size#trainer-desktop-}
    mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$DATA/icons/hicolor/${size}x${size}/apps/trainer-desktop.png"
done
mkdir -p "$DATA/icons/hicolor/scalable/apps"
cp "$HERE/icons/trainer-desktop.svg" "$DATA/icons/hicolor/scalable/apps/trainer-desktop.svg"

# The .tdbundle file type and the menu entry that opens it.
mkdir -p "$DATA/mime/packages" "$DATA/applications"
cp "$HERE/trainer-desktop.xml" "$DATA/mime/packages/trainer-desktop.xml"
sed "s|@APP_DIR@|$APP|g" "$HERE/trainer-desktop.desktop" \
    > "$DATA/applications/trainer-desktop.desktop"

# Desktops read these caches; each tool is optional.
if command -v update-mime-database >/dev/null; then update-mime-database "$DATA/mime" || true; fi
if command -v update-desktop-database >/dev/null; then
    update-desktop-database "$DATA/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true
fi

echo "Trainer Desktop is installed in $APP."
echo "Open it from the applications menu, or type: trainer-desktop"
case ":$PATH:" in
    *":$BIN:"*) ;;
    *) echo "(To type trainer-desktop, add $BIN to your PATH.)" ;;
esac
