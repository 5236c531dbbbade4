#!/bin/sh
# Install K2 Planner for the current user: the app folder, a menu entry, icons and a
# `k2planner` command. Nothing needs root. Run it from the unpacked bundle folder:
#
#     ./install.sh               install (or update)
#     ./install.sh --uninstall   remove the app, menu entry and icons (your data stays)
#
# Your foods, meals and plans live in ~/.local/share/k2planner/k2planner.sqlite and are never
# touched by this script.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
app_dir=$data_home/k2planner-app
bin_dir=$HOME/.local/bin
desktop_file=$data_home/applications/k2planner.desktop
sizes="16 24 32 48 64 128 256 512"

remove() {
    rm -rf "$app_dir"
    rm -f "$desktop_file" "$bin_dir/k2planner"
    for s in $sizes; do rm -f "$data_home/icons/hicolor/${s}x${s}/apps/k2planner.png"; done
    rm -f "$data_home/icons/hicolor/scalable/apps/k2planner.svg"
}

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database -q "$data_home/applications" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && gtk-update-icon-cache -q -t "$data_home/icons/hicolor" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
    remove
    refresh
    echo "K2 Planner was removed. Your data in $data_home/k2planner was kept."
    exit 0
fi

if [ ! -x "$here/k2planner" ]; then
    echo "install.sh: run me from the unpacked K2 Planner folder (no k2planner program in $here)" >&2
    exit 1
fi

# Copy the bundle (unless we are running from the installed copy already).
if [ "$here" != "$app_dir" ]; then
    rm -rf "$app_dir.new"
    mkdir -p "$(dirname "$app_dir")"
    cp -R "$here" "$app_dir.new"
    rm -rf "$app_dir"
    mv "$app_dir.new" "$app_dir"
fi

icons=$app_dir/_internal/k2planner/resources/icons
for s in $sizes; do
    if [ -f "$icons/k2planner-$s.png" ]; then
        mkdir -p "$data_home/icons/hicolor/${s}x${s}/apps"
        cp "$icons/k2planner-$s.png" "$data_home/icons/hicolor/${s}x${s}/apps/k2planner.png"
    fi
done
if [ -f "$icons/k2planner.svg" ]; then
    mkdir -p "$data_home/icons/hicolor/scalable/apps"
    cp "$icons/k2planner.svg" "$data_home/icons/hicolor/scalable/apps/k2planner.svg"
fi

mkdir -p "$data_home/applications"
sed "s|@EXEC@|$app_dir/k2planner|g" "$app_dir/k2planner.desktop" > "$desktop_file.tmp"
chmod 644 "$desktop_file.tmp"
mv "$desktop_file.tmp" "$desktop_file"

mkdir -p "$bin_dir"
ln -sf "$app_dir/k2planner" "$bin_dir/k2planner"

# A launcher on the desktop too, when there is one.
desktop_dir=$(command -v xdg-user-dir >/dev/null 2>&1 && xdg-user-dir DESKTOP || echo "$HOME/Desktop")
if [ -d "$desktop_dir" ] && [ "$desktop_dir" != "$HOME" ]; then
    cp "$desktop_file" "$desktop_dir/k2planner.desktop"
    chmod +x "$desktop_dir/k2planner.desktop"
    command -v gio >/dev/null 2>&1 \
        && gio set "$desktop_dir/k2planner.desktop" metadata::trusted true 2>/dev/null || true
fi

refresh
echo "K2 Planner is installed: find it in your applications menu, or run $bin_dir/k2planner."
