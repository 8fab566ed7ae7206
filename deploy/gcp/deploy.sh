#!/usr/bin/env bash
# Takes a Google Cloud project from nothing to the running match cleanup system, step by step, in order:
#
#   PROJECT_ID=my-project REGION=europe-west1 deploy/gcp/deploy.sh [--dry-run]
#
# --dry-run (or DRY_RUN=1) prints every command, as it would run, and runs none. Every step can run again: what
# exists already is kept. Other settings and their defaults are in settings.sh. STEPS=... runs only some steps,
# e.g. STEPS="images services function subscription" to roll out new code.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"
parse_options "$@"
# shellcheck source=settings.sh
source "$here/settings.sh"
for file in "$here"/steps/*.sh; do
  # shellcheck source=/dev/null
  source "$file"
done

ALL_STEPS="apis accounts registry database topics images services function subscription"
STEPS=${STEPS:-$ALL_STEPS}

echo "# deploying to project $PROJECT_ID in $REGION$(dry_run && echo ' (dry run: nothing is run)')"
for name in $STEPS; do
  [[ " $ALL_STEPS " == *" $name "* ]] || die "unknown step '$name'; the steps are: $ALL_STEPS"
  "deploy_$name"
done
echo "# done: User-Match answers at $(service_url user-match)"
