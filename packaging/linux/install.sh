#!/bin/sh
# Install K2 Planner for the current user: the app folder, a menu entry, icons and a
# `k2planner` command. Nothing needs root. Run it from the unpacked bundle folder:
#
#     ./install.sh               install (or update)
#     ./install.sh --uninstall   remove everything this script added (your data stays)
#
# Your foods, meals and plans live in ~/.local/share/k2planner/k2planner.sqlite and are never
# touched by this script. Paths with spaces, quotes, '|', '&', '%' or '$' are fine.
set -eu

APP_ID=org.k2planner.K2Planner
here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
app_dir=$data_home/k2planner-app
bin_dir=$HOME/.local/bin
apps_dir=$data_home/applications
desktop_file=$apps_dir/$APP_ID.desktop
sizes="16 24 32 48 64 128 256 512"

say() { printf '%s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

# The desktop folder from user-dirs.dirs, read without eval (xdg-user-dir evaluates $HOME, which
# breaks, or runs, odd characters in it); $HOME/Desktop when it is not set.
desktop_dir() {
    dirs=${XDG_CONFIG_HOME:-$HOME/.config}/user-dirs.dirs
    line=
    [ -f "$dirs" ] && line=$(sed -n 's/^XDG_DESKTOP_DIR="\(.*\)"$/\1/p' "$dirs" | head -n 1)
    case $line in
        '$HOME'/*) say "$HOME/${line#\$HOME/}" ;;
        /*) say "$line" ;;
        *) say "$HOME/Desktop" ;;
    esac
}

remove() {
    rm -rf "$app_dir" "$app_dir.new"
    rm -f "$desktop_file" "$apps_dir/k2planner.desktop" "$bin_dir/k2planner"
    for s in $sizes; do
        rm -f "$data_home/icons/hicolor/${s}x${s}/apps/$APP_ID.png" \
              "$data_home/icons/hicolor/${s}x${s}/apps/k2planner.png"
    done
    rm -f "$data_home/icons/hicolor/scalable/apps/$APP_ID.svg" \
          "$data_home/icons/hicolor/scalable/apps/k2planner.svg"
    d=$(desktop_dir)
    if [ -n "$d" ] && [ "$d" != "$HOME" ]; then
        rm -f "$d/$APP_ID.desktop" "$d/k2planner.desktop"
    fi
}

refresh() {  # only where there is something left to describe
    if [ -n "$(find "$apps_dir" -type f -name '*.desktop' 2>/dev/null | head -n 1)" ]; then
        command -v update-desktop-database >/dev/null 2>&1 \
            && update-desktop-database -q "$apps_dir" 2>/dev/null || true
    fi
    if [ -n "$(find "$data_home/icons/hicolor" -type f ! -name icon-theme.cache 2>/dev/null | head -n 1)" ]; then
        command -v gtk-update-icon-cache >/dev/null 2>&1 \
            && gtk-update-icon-cache -q -t "$data_home/icons/hicolor" 2>/dev/null || true
    fi
}

# A path as one quoted argument of a desktop entry's Exec key: inside double quotes \ " ` $
# take a backslash, then the string level doubles every backslash; % is written %%.
exec_arg() {
    printf '%s' "$1" | sed -e 's/\\/\\\\\\\\/g' -e 's/["`$]/\\\\&/g' -e 's/%/%%/g' \
        | { IFS= read -r q || true; printf '"%s"' "$q"; }
}

# A path as a plain desktop-entry string (TryExec): only backslashes are escaped.
string_value() {
    printf '%s' "$1" | sed -e 's/\\/\\\\/g'
}

write_desktop() {  # template, target
    exec_line=$(exec_arg "$app_dir/k2planner")
    try_line=$(string_value "$app_dir/k2planner")
    : > "$2.tmp"
    while IFS= read -r line || [ -n "$line" ]; do
        case $line in
            Exec=*) printf 'Exec=%s\n' "$exec_line" ;;
            TryExec=*) printf 'TryExec=%s\n' "$try_line" ;;
            Icon=*) printf 'Icon=%s\n' "$APP_ID" ;;
            *) printf '%s\n' "$line" ;;
        esac
    done < "$1" >> "$2.tmp"
    chmod 644 "$2.tmp"
    mv "$2.tmp" "$2"
}

if [ "${1:-}" = "--uninstall" ]; then
    remove
    # caches that only described what we added go too; others are brought up to date
    hicolor=$data_home/icons/hicolor
    if [ -d "$hicolor" ] && [ -z "$(find "$hicolor" -type f ! -name icon-theme.cache | head -n 1)" ]; then
        rm -f "$hicolor/icon-theme.cache"
        find "$hicolor" -depth -type d -empty -exec rmdir {} \; 2>/dev/null || true
    fi
    if [ -d "$apps_dir" ] && [ -z "$(find "$apps_dir" -type f -name '*.desktop' | head -n 1)" ]; then
        rm -f "$apps_dir/mimeinfo.cache"
    fi
    refresh
    say "K2 Planner was removed. Your data in $data_home/k2planner was kept."
    exit 0
fi
[ $# -eq 0 ] || fail "unknown option '$1' (use --uninstall, or no option to install)"

# ---- check everything before copying anything
[ -x "$here/k2planner" ] \
    || fail "run me from the unpacked K2 Planner folder (no k2planner program in $here)"
[ -f "$here/k2planner.desktop" ] || fail "the menu entry template k2planner.desktop is missing in $here"
case $app_dir in
    *"
"*) fail "the data folder '$data_home' has a line break in its name; set XDG_DATA_HOME" ;;
esac
for d in "$data_home" "$bin_dir" "$apps_dir"; do
    mkdir -p "$d" 2>/dev/null || fail "cannot create the folder $d"
    [ -w "$d" ] || fail "the folder $d is not writable"
done
if [ "$here" != "$app_dir" ]; then
    need_kb=$(du -sk "$here" | cut -f1)
    free_kb=$(df -Pk "$data_home" | awk 'NR == 2 { print $4 }')
    if [ -n "$free_kb" ] && [ "$free_kb" -lt $((need_kb + 10240)) ]; then
        fail "not enough space in $data_home: $((need_kb / 1024)) MB needed, $((free_kb / 1024)) MB free"
    fi
fi

# ---- copy the bundle (unless we are running from the installed copy already)
if [ "$here" != "$app_dir" ]; then
    rm -rf "$app_dir.new"
    cp -R "$here" "$app_dir.new" || { rm -rf "$app_dir.new"; fail "copying the app failed"; }
    rm -rf "$app_dir"
    mv "$app_dir.new" "$app_dir"
fi

icons=$app_dir/_internal/k2planner/resources/icons
for s in $sizes; do
    if [ -f "$icons/k2planner-$s.png" ]; then
        mkdir -p "$data_home/icons/hicolor/${s}x${s}/apps"
        cp "$icons/k2planner-$s.png" "$data_home/icons/hicolor/${s}x${s}/apps/$APP_ID.png"
    fi
done
if [ -f "$icons/k2planner.svg" ]; then
    mkdir -p "$data_home/icons/hicolor/scalable/apps"
    cp "$icons/k2planner.svg" "$data_home/icons/hicolor/scalable/apps/$APP_ID.svg"
fi

rm -f "$apps_dir/k2planner.desktop"  # the name older versions used
write_desktop "$app_dir/k2planner.desktop" "$desktop_file"
ln -sf "$app_dir/k2planner" "$bin_dir/k2planner"

# A launcher on the desktop too, when there is one.
d=$(desktop_dir)
if [ -n "$d" ] && [ -d "$d" ] && [ "$d" != "$HOME" ]; then
    cp "$desktop_file" "$d/$APP_ID.desktop"
    chmod +x "$d/$APP_ID.desktop"
    command -v gio >/dev/null 2>&1 \
        && gio set "$d/$APP_ID.desktop" metadata::trusted true 2>/dev/null || true
fi

refresh
say "K2 Planner is installed: find it in your applications menu, or run $bin_dir/k2planner."
