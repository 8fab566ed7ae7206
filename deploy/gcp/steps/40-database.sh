#!/usr/bin/env bash
# Cloud SQL for MySQL 8 with the database, and for each service a MySQL user whose generated password is kept only
# in Secret Manager, readable by that service's account alone.

deploy_database() {
  step "Cloud SQL and secrets"
  if gc_missing sql instances describe "$SQL_INSTANCE"; then
    gc sql instances create "$SQL_INSTANCE" --database-version=MYSQL_8_0 --edition=enterprise --tier="$SQL_TIER" \
      --region="$REGION" --storage-auto-increase
  fi
  if gc_missing sql databases describe "$DATABASE_NAME" --instance="$SQL_INSTANCE"; then
    gc sql databases create "$DATABASE_NAME" --instance="$SQL_INSTANCE"
  fi
  local name
  for name in "${SERVICES[@]}"; do
    create_database_user "$name"
    gc secrets add-iam-policy-binding "$(secret_of "$name")" --member="serviceAccount:$(account_of "$name")" \
      --role=roles/secretmanager.secretAccessor
  done
}

# A user and its secret are made together, so an existing secret means its user exists with that password.
create_database_user() {
  local name=$1 password
  if gc_missing secrets describe "$(secret_of "$name")"; then
    password=generated
    dry_run || password=$(openssl rand -hex 24)
    mask "$password"
    run_with_input "$password" gcloud secrets create "$(secret_of "$name")" --replication-policy=automatic \
      --data-file=- --project="$PROJECT_ID"
    gc sql users create "$name" --instance="$SQL_INSTANCE" --host=% --password="$password"
  fi
}
