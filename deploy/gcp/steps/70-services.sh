#!/usr/bin/env bash
# Pools, Matches and User-Match on Cloud Run, each as its own account, with its database password from Secret
# Manager. Matches is private: only the function's account may invoke it, and Matches checks the function's ID
# token itself as well. Pools and User-Match answer anyone, as their callers send no Google identity.

deploy_services() {
  step "Cloud Run services"
  deploy_service pools --allow-unauthenticated \
    --set-env-vars="$(database_env pools)"
  deploy_service matches --no-allow-unauthenticated \
    --set-env-vars="$(database_env matches),POOLS_SERVICE_URL=$(service_url pools),INTERNAL_AUTH=google,INTERNAL_CALLER=$(account_of "$FUNCTION"),MATCHES_SERVICE_URL=$(service_url matches)"
  deploy_service user-match --allow-unauthenticated \
    --set-env-vars="$(database_env user-match),POOLS_SERVICE_URL=$(service_url pools),GCP_PROJECT_ID=$PROJECT_ID,PUBSUB_TOPIC=$TOPIC,ENABLE_EVENT_PUBLISHING=true"
  gc run services add-iam-policy-binding matches --region="$REGION" \
    --member="serviceAccount:$(account_of "$FUNCTION")" --role=roles/run.invoker
}

deploy_service() {
  local name=$1
  shift
  gc run deploy "$name" --image="${IMAGE_PREFIX}${name}:${IMAGE_TAG}" --region="$REGION" \
    --service-account="$(account_of "$name")" --add-cloudsql-instances="$SQL_CONNECTION" \
    --set-secrets="DATABASE_PASSWORD=$(secret_of "$name"):latest" "$@"
}

database_env() {
  echo "DATABASE_URL=${DATABASE_URL},DATABASE_USER=$1"
}
