#!/usr/bin/env bash
# Builds modelsync in release with the Swift runtime linked in (--static-swift-stdlib) and installs it under PREFIX
# (default /usr/local), so that it runs on a machine without a Swift toolchain. It needs only glibc, libstdc++,
# libyaml and SQLite (Debian's and Ubuntu's libyaml-0-2 and libsqlite3-0) there, and libcurl4 for downloads.
#
#   scripts/install.sh [PREFIX]
#
# Installs:
#   PREFIX/libexec/modelsync/modelsync                              the binary
#   PREFIX/libexec/modelsync/modelsync-serve                        the same commands with the HTTP server, which
#                                                                   `modelsync serve` runs (docs/service.md)
#   PREFIX/libexec/modelsync/modelsync_ModelsDevCatalog.resources/  the catalog snapshot of `--source bundled`,
#                                                                  which the binary looks for beside itself
#   PREFIX/bin/modelsync -> ../libexec/modelsync/modelsync          a symbolic link (the binary resolves it)
#   PREFIX/share/bash-completion/completions/modelsync, PREFIX/share/zsh/site-functions/_modelsync,
#   PREFIX/share/fish/vendor_completions.d/modelsync.fish            shell completions
#
# Environment: SWIFT (default `swift`), SWIFT_BUILD_FLAGS (extra flags for `swift build`, split on spaces).
# Uninstall: rm -r PREFIX/libexec/modelsync PREFIX/bin/modelsync and the three completion files.
set -euo pipefail

usage() {
    sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
}

case "${1:-}" in
-h | --help)
    usage
    exit 0
    ;;
-*)
    echo "install.sh: unknown option '$1'" >&2
    usage >&2
    exit 64
    ;;
esac
if [ $# -gt 1 ]; then
    echo "install.sh: one PREFIX at most" >&2
    exit 64
fi

prefix="${1:-/usr/local}"
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"
package="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
swift="${SWIFT:-swift}"
read -r -a extra_flags <<<"${SWIFT_BUILD_FLAGS:-}"

echo "install.sh: building modelsync and modelsync-serve (release, --static-swift-stdlib) in $package"
for product in modelsync modelsync-serve; do
    "$swift" build --package-path "$package" -c release --static-swift-stdlib --product "$product" \
        ${extra_flags[@]+"${extra_flags[@]}"}
done
products="$("$swift" build --package-path "$package" -c release --static-swift-stdlib --show-bin-path)"
resources="modelsync_ModelsDevCatalog.resources"
if [ ! -x "$products/modelsync" ] || [ ! -x "$products/modelsync-serve" ] || [ ! -d "$products/$resources" ]; then
    echo "install.sh: the build left no $products/modelsync, modelsync-serve and $products/$resources" >&2
    exit 1
fi

libexec="$prefix/libexec/modelsync"
mkdir -p "$libexec" "$prefix/bin"
# Write beside the old files and rename over them, so that a running modelsync never sees half a file.
for binary in modelsync modelsync-serve; do
    install -m 755 "$products/$binary" "$libexec/.$binary.new"
    mv -f "$libexec/.$binary.new" "$libexec/$binary"
done
rm -rf "${libexec:?}/${resources:?}.new"
cp -R "$products/$resources" "$libexec/$resources.new"
chmod -R u=rwX,go=rX "$libexec/$resources.new"
rm -rf "${libexec:?}/${resources:?}"
mv "$libexec/$resources.new" "$libexec/$resources"
ln -sfn ../libexec/modelsync/modelsync "$prefix/bin/modelsync"

installed=("$prefix/bin/modelsync -> ../libexec/modelsync/modelsync" "$libexec/modelsync" "$libexec/modelsync-serve"
    "$libexec/$resources/")

# Completion scripts, written by the installed binary itself.
completion() {
    local shell="$1" target="$2"
    mkdir -p "$(dirname "$target")"
    "$libexec/modelsync" --generate-completion-script "$shell" >"$target.new"
    chmod 644 "$target.new"
    mv -f "$target.new" "$target"
    installed+=("$target")
}
completion bash "$prefix/share/bash-completion/completions/modelsync"
completion zsh "$prefix/share/zsh/site-functions/_modelsync"
completion fish "$prefix/share/fish/vendor_completions.d/modelsync.fish"

echo "install.sh: installed modelsync $("$libexec/modelsync" --version):"
printf '  %s\n' "${installed[@]}"
case ":$PATH:" in
*":$prefix/bin:"*) ;;
*) echo "install.sh: $prefix/bin is not on PATH; add it, or call $prefix/bin/modelsync" ;;
esac
