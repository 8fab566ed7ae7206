#!/usr/bin/env bash
# One service account per service and for the function, and one Eventarc delivers events as. Roles on single
# resources are granted where those resources are made; here only the two roles that exist only project-wide.

deploy_accounts() {
  step "service accounts"
  local name
  for name in "${SERVICES[@]}" "$FUNCTION"; do
    create_account "$name-run" "Matchflow $name"
  done
  create_account "$TRIGGER_ACCOUNT_NAME" "Matchflow: delivers $TOPIC events to $FUNCTION"

  # Cloud SQL grants connections project-wide only; the services connect, the function has no database access.
  for name in "${SERVICES[@]}"; do
    gc projects add-iam-policy-binding "$PROJECT_ID" --member="serviceAccount:$(account_of "$name")" \
      --role=roles/cloudsql.client --condition=None
  done
  gc projects add-iam-policy-binding "$PROJECT_ID" --member="serviceAccount:$TRIGGER_ACCOUNT" \
    --role=roles/eventarc.eventReceiver --condition=None
}

create_account() {
  local name=$1 display_name=$2
  if gc_missing iam service-accounts describe "$name@${PROJECT_ID}.iam.gserviceaccount.com"; then
    gc iam service-accounts create "$name" --display-name="$display_name"
  fi
}
