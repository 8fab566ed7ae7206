#!/usr/bin/env bash
# Removes what deploy.sh made, in reverse order, including the database with all its data:
#
#   PROJECT_ID=my-project REGION=europe-west1 deploy/gcp/teardown.sh [--dry-run]
#
# --dry-run (or DRY_RUN=1) prints every command and runs none. What is already gone is skipped. The APIs stay on.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"
parse_options "$@"
# shellcheck source=settings.sh
source "$here/settings.sh"

# A binding already removed by an earlier teardown is no error.
remove_project_role() {
  gc projects remove-iam-policy-binding "$PROJECT_ID" --member="serviceAccount:$1" --role="$2" --condition=None \
    --quiet || echo "# no binding of $2 to $1 to remove"
}

echo "# tearing down project $PROJECT_ID in $REGION$(dry_run && echo ' (dry run: nothing is run)')"

step "the cleanup function (its trigger and the trigger's subscription go with it)"
if gc_exists functions describe "$FUNCTION" --gen2 --region="$REGION"; then
  gc functions delete "$FUNCTION" --gen2 --region="$REGION" --quiet
fi

step "Cloud Run services"
for name in "${SERVICES[@]}"; do
  if gc_exists run services describe "$name" --region="$REGION"; then
    gc run services delete "$name" --region="$REGION" --quiet
  fi
done

step "Pub/Sub"
if gc_exists pubsub subscriptions describe "$DEAD_LETTER_SUBSCRIPTION"; then
  gc pubsub subscriptions delete "$DEAD_LETTER_SUBSCRIPTION" --quiet
fi
for name in "$TOPIC" "$DEAD_LETTER_TOPIC"; do
  if gc_exists pubsub topics describe "$name"; then
    gc pubsub topics delete "$name" --quiet
  fi
done

step "Cloud SQL and secrets"
if gc_exists sql instances describe "$SQL_INSTANCE"; then
  gc sql instances delete "$SQL_INSTANCE" --quiet
fi
for name in "${SERVICES[@]}"; do
  if gc_exists secrets describe "$(secret_of "$name")"; then
    gc secrets delete "$(secret_of "$name")" --quiet
  fi
done

step "Artifact Registry"
if gc_exists artifacts repositories describe "$REPOSITORY" --location="$REGION"; then
  gc artifacts repositories delete "$REPOSITORY" --location="$REGION" --quiet
fi

step "project-wide roles and service accounts"
for name in "${SERVICES[@]}"; do
  remove_project_role "$(account_of "$name")" roles/cloudsql.client
done
remove_project_role "$TRIGGER_ACCOUNT" roles/eventarc.eventReceiver
for account in $(for name in "${SERVICES[@]}" "$FUNCTION"; do account_of "$name"; done) "$TRIGGER_ACCOUNT"; do
  if gc_exists iam service-accounts describe "$account"; then
    gc iam service-accounts delete "$account" --quiet
  fi
done
echo "# done"
