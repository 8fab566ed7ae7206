#!/usr/bin/env bash
# What every deploy/gcp script shares: the dry run, printing each command before it runs, and small checks.
# Sourced, not run.

# With DRY_RUN=1 (or --dry-run) every command is printed and none is run: not gcloud, not mvn.
DRY_RUN=${DRY_RUN:-0}

# Printed commands go to the script's standard output even from inside $(...).
exec 3>&1

# Values never printed (generated passwords): each is shown as *** wherever it appears in a command.
MASKED_VALUES=()

die() {
  echo "error: $*" >&2
  exit 2
}

dry_run() {
  [[ $DRY_RUN == 1 ]]
}

# Reads the options every script takes; anything else is named as unknown.
parse_options() {
  local argument
  for argument in "$@"; do
    case "$argument" in
      --dry-run) DRY_RUN=1 ;;
      *) die "unknown option '$argument'; the scripts take only --dry-run (or DRY_RUN=1)" ;;
    esac
  done
}

mask() {
  MASKED_VALUES+=("$1")
}

# The command as one line that can be pasted into a shell, with masked values hidden.
shown() {
  local line="" word value
  for word in "$@"; do
    line+="${line:+ }$(quoted "$word")"
  done
  for value in "${MASKED_VALUES[@]}"; do
    line=${line//"$value"/***}
  done
  printf '%s' "$line"
}

# A word as the shell reads it back: as it is when it holds only plain characters, else in single quotes.
quoted() {
  if [[ $1 =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then
    printf '%s' "$1"
  else
    printf "'%s'" "${1//\'/\'\\\'\'}"
  fi
}

# Prints the command and runs it, unless this is a dry run.
run() {
  printf '+ %s\n' "$(shown "$@")" >&3
  dry_run || "$@"
}

# As run, with standard input from a value that is not printed (a generated password, say), as it is: without the
# newline a here-string would add, which would become part of a secret.
run_with_input() {
  local input=$1
  shift
  printf '+ %s < ***\n' "$(shown "$@")" >&3
  dry_run || printf '%s' "$input" | "$@"
}

# Prints the command and answers what it prints; a dry run answers the placeholder instead.
answer_of() {
  local placeholder=$1
  shift
  printf '+ %s\n' "$(shown "$@")" >&3
  if dry_run; then
    printf '%s\n' "$placeholder"
  else
    "$@"
  fi
}

# True when the describing command fails, that is when the resource it describes does not exist yet. A dry run
# assumes nothing exists, so that it prints every command a deployment into an empty project runs.
missing() {
  printf '+ %s  # exists?\n' "$(shown "$@")" >&3
  if dry_run; then
    return 0
  fi
  ! "$@" >/dev/null 2>&1
}

# True when the describing command succeeds, that is when the resource exists. A dry run assumes everything exists,
# so that it prints every command a teardown of a whole deployment runs.
exists() {
  printf '+ %s  # exists?\n' "$(shown "$@")" >&3
  if dry_run; then
    return 0
  fi
  "$@" >/dev/null 2>&1
}

# gcloud in the project being deployed, never in whatever project the local configuration points at.
gc() {
  run gcloud "$@" --project="$PROJECT_ID"
}

gc_missing() {
  missing gcloud "$@" --project="$PROJECT_ID"
}

gc_exists() {
  exists gcloud "$@" --project="$PROJECT_ID"
}

step() {
  printf '\n# %s\n' "$*" >&3
}
