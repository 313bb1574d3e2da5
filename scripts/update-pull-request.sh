#!/usr/bin/env bash
# Proposes a catalog update as a branch: runs `modelsync sync`, and only when a provider file changed (or, with
# --snapshot, the catalog changed and a guard held changes for review) commits the change on a new branch, pushes
# it and, with --pr, opens a pull request whose body is the Markdown change log, held changes first.
# When nothing changed, or the same change is already on a branch of the remote, it makes nothing and exits 0.
#
#   scripts/update-pull-request.sh [options] [-- more `modelsync sync` arguments (--prune, --provider ID, ...)]
#
#   --source SOURCE    the catalog: a URL, a file or `bundled` (default: modelsync's own order: MODELSYNC_SOURCE,
#                      the settings file's `source:`, https://models.dev/api.json)
#   --snapshot FILE    first save the catalog of --source (a URL, with curl, or a file) to FILE and sync from it;
#                      FILE is committed with the provider files, so that CI can pin `modelsync check --source FILE`
#   --config-dir DIR   passed to modelsync; the files committed are under it (default config)
#   --models-dir DIR   passed to modelsync; committed too (needed only when it is outside the config directory)
#   --remote NAME      where the branch is pushed (default origin)
#   --base BRANCH      the pull request's base (default: gh's, the remote's default branch)
#   --body FILE        where the change log is written (default: a new temporary file)
#   --title TEXT       the commit's subject and the pull request's title
#   --no-push          commit on the branch but push nothing (and open no pull request)
#   --pr               open the pull request with `gh pr create` (needs gh, and GH_TOKEN in CI);
#                      MODELSYNC_CREATE_PR=1 does the same
#
# Environment: MODELSYNC, the modelsync binary (default: `modelsync` on PATH). The commit uses git's configured
# user.name and user.email, else `modelsync <modelsync@localhost>` (github-actions[bot] under GitHub Actions).
# The branch is `models-update-<UTC date>-<short hash of the change>`, so two runs never collide: the same change
# again (a second run the same day, or a later one before the first is merged) is recognised and not pushed twice.
#
# Prints `branch: NAME`, `commit: SHA`, `body: FILE` (and the pull request's address with --pr), or a line that
# starts with `no changes:`. Under GitHub Actions the same go to $GITHUB_OUTPUT as changed, branch, commit, body.
# Exit status: 0 done or nothing to do; modelsync's status when its sync fails (2 an error, 75 another sync holds
# the lock); 2 when the repository is not ready (uncommitted changes where the sync writes, a failed push);
# 64 bad usage.
set -euo pipefail

me="update-pull-request.sh"
usage() {
    sed -n '2,32p' "$0" | sed 's/^# \{0,1\}//'
}
fail() {
    echo "$me: $1" >&2
    exit "${2:-2}"
}

source_arg=""
snapshot=""
config_dir="config"
models_dir=""
remote="origin"
base=""
body=""
title="Update model configs from models.dev"
push=1
pr="${MODELSYNC_CREATE_PR:-0}"
sync_args=()
while [ $# -gt 0 ]; do
    case "$1" in
    --source | --snapshot | --config-dir | --models-dir | --remote | --base | --body | --title)
        [ $# -ge 2 ] || fail "$1 needs a value" 64
        case "$1" in
        --source) source_arg="$2" ;;
        --snapshot) snapshot="$2" ;;
        --config-dir) config_dir="$2" ;;
        --models-dir) models_dir="$2" ;;
        --remote) remote="$2" ;;
        --base) base="$2" ;;
        --body) body="$2" ;;
        --title) title="$2" ;;
        esac
        shift 2
        ;;
    --no-push)
        push=0
        shift
        ;;
    --pr)
        pr=1
        shift
        ;;
    -h | --help)
        usage
        exit 0
        ;;
    --)
        shift
        sync_args=("$@")
        break
        ;;
    *)
        usage >&2
        fail "unknown argument '$1'" 64
        ;;
    esac
done
[ "$pr" = 1 ] || pr=0
[ -n "$title" ] || fail "--title must not be empty" 64
if [ -n "$snapshot" ]; then
    [ -n "$source_arg" ] || fail "--snapshot FILE needs --source (the URL or file to save)" 64
    case "$source_arg" in
    bundled | -) fail "--snapshot takes a URL or a file as --source, not '$source_arg'" 64 ;;
    esac
fi

modelsync="${MODELSYNC:-modelsync}"
command -v "$modelsync" >/dev/null 2>&1 ||
    fail "no modelsync binary: install it (scripts/install.sh) or set MODELSYNC=/path/to/modelsync"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || fail "$(pwd) is not inside a git working tree"
if [ "$pr" = 1 ]; then
    [ "$push" = 1 ] || fail "--pr needs the branch pushed: drop --no-push" 64
    command -v gh >/dev/null 2>&1 || fail "--pr needs the GitHub CLI (gh) on PATH"
fi

# What the sync may write (the lock file is never part of a change), and what is committed.
lock=':(exclude,glob)**/.modelsync.lock'
watched=("$config_dir")
[ -z "$models_dir" ] || watched+=("$models_dir")
committed=("${watched[@]}")
if [ -n "$snapshot" ]; then
    committed+=("$snapshot")
    # A snapshot inside the config directory is not a change of the provider files.
    watched+=(":(exclude)$snapshot")
fi
status_of() {
    git status --porcelain --untracked-files=all -- "$@" "$lock"
}

# Refuse to mix the update with work in progress: it would be committed with it.
[ -z "$(git diff --cached --name-only)" ] || fail "changes are staged in the index; commit or unstage them first"
dirty="$(status_of "${committed[@]}")"
[ -z "$dirty" ] || fail "uncommitted changes where the update writes; commit or stash them first:
$dirty"

# Undoes this run's changes to the committed paths, which were clean when it started.
restore() {
    local changed=()
    git reset -q -- "${committed[@]}" "$lock"
    mapfile -d '' -t changed < <(git diff -z --name-only HEAD -- "${committed[@]}" "$lock")
    [ ${#changed[@]} -eq 0 ] || git checkout -q HEAD -- "${changed[@]}"
    git clean -fdq -e .modelsync.lock -- "${committed[@]}"
}

outputs() {
    [ -z "${GITHUB_OUTPUT:-}" ] || printf '%s\n' "$@" >>"$GITHUB_OUTPUT"
}

sync_source="$source_arg"
if [ -n "$snapshot" ]; then
    mkdir -p "$(dirname "$snapshot")"
    case "$source_arg" in
    http://* | https://*)
        command -v curl >/dev/null 2>&1 || fail "--snapshot with a URL needs curl on PATH"
        curl -fsSL --retry 3 -o "$snapshot.download" "$source_arg" || {
            rm -f "$snapshot.download"
            fail "cannot download $source_arg"
        }
        mv -f "$snapshot.download" "$snapshot"
        ;;
    *)
        cp "$source_arg" "$snapshot"
        ;;
    esac
    sync_source="$snapshot"
fi

[ -n "$body" ] || body="$(mktemp "${TMPDIR:-/tmp}/modelsync-pr-body.XXXXXX")"
options=(--config-dir "$config_dir")
[ -z "$models_dir" ] || options+=(--models-dir "$models_dir")
[ -z "$sync_source" ] || options+=(--source "$sync_source")
set +e
"$modelsync" sync --format markdown "${options[@]}" ${sync_args[@]+"${sync_args[@]}"} >"$body"
status=$?
set -e
if [ "$status" -ne 0 ]; then
    echo "$me: modelsync sync failed (exit $status); nothing committed" >&2
    exit "$status"
fi

# Changes a guard held for review are listed first in the change log under this heading (docs/guards.md). A
# snapshot that changed is worth a branch for them alone: the reviewer accepts them there with one command.
held=0
grep -q '^### Held for review$' "$body" && held=1
if [ -z "$(status_of "${watched[@]}")" ] \
    && ! { [ "$held" = 1 ] && [ -n "$snapshot" ] && [ -n "$(status_of "$snapshot")" ]; }; then
    restore
    outputs changed=false "body=$body"
    if [ "$held" = 1 ]; then
        echo "no changes: the provider files are current with ${source_arg:-the catalog} but for changes held" \
            "for review, listed in the body"
    else
        echo "no changes: the provider files are current with ${source_arg:-the catalog}"
    fi
    echo "body: $body"
    exit 0
fi
if [ -n "$snapshot" ]; then
    # shellcheck disable=SC2016 # Markdown backquotes, not a command substitution
    printf '\nThe catalog was saved from `%s` to `%s`, which this change updates too.\n' \
        "$source_arg" "$snapshot" >>"$body"
fi

git add -A -- "${committed[@]}" "$lock"
change="$(git diff --cached --binary --full-index --no-ext-diff --no-color | git hash-object --stdin)"
short="${change:0:10}"
branch="models-update-$(date -u +%F)-$short"

# The same change already proposed (a second run the same day, or before the first pull request is merged).
if [ "$push" = 1 ]; then
    heads="$(git ls-remote --heads "$remote")" || {
        restore
        fail "cannot list the branches of remote '$remote'"
    }
    existing="$(printf '%s\n' "$heads" | sed -n "s|^[0-9a-f]*[[:space:]]*refs/heads/\(models-update-.*-$short\)\$|\1|p")"
    if [ -n "$existing" ]; then
        restore
        outputs changed=false "branch=$existing" "body=$body"
        echo "no changes: this change is already on branch '$existing' of $remote"
        echo "body: $body"
        exit 0
    fi
fi

if git show-ref --verify --quiet "refs/heads/$branch"; then
    restore
    fail "a local branch '$branch' holds this change already (from a run with --no-push?): push it, or delete it"
fi

identity=()
if [ -z "$(git config user.email || true)" ]; then
    if [ "${GITHUB_ACTIONS:-}" = true ]; then
        identity=(-c "user.name=github-actions[bot]"
            -c "user.email=41898282+github-actions[bot]@users.noreply.github.com")
    else
        identity=(-c user.name=modelsync -c user.email=modelsync@localhost)
    fi
fi
git switch -q -c "$branch"
git ${identity[@]+"${identity[@]}"} commit -q -m "$title" -m "Made by modelsync sync${source_arg:+ --source $source_arg}."
commit="$(git rev-parse HEAD)"
echo "branch: $branch"
echo "commit: $commit"
echo "body: $body"
outputs changed=true "branch=$branch" "commit=$commit" "body=$body"

if [ "$push" = 0 ]; then
    echo "not pushed (--no-push): git push -u $remote $branch"
    exit 0
fi
git push -q -u "$remote" "$branch" || fail "cannot push branch '$branch' to '$remote'"
echo "pushed: $remote $branch"
if [ "$pr" = 1 ]; then
    gh pr create --head "$branch" ${base:+--base "$base"} --title "$title" --body-file "$body"
else
    echo "no pull request opened (pass --pr, with gh on PATH, to open one)"
fi
