#!/usr/bin/env bash
# The cleanup function on Cloud Functions Gen2, triggered by the topic through Eventarc with retries on. It runs as
# its own account, which may invoke Matches and nothing else, and presents that account's ID token to Matches.

deploy_function() {
  step "the cleanup function"
  gc functions deploy "$FUNCTION" --gen2 --runtime=java17 --region="$REGION" \
    --source="$FUNCTION_SOURCE" --entry-point="$FUNCTION_ENTRY_POINT" \
    --trigger-topic="$TOPIC" --retry \
    --service-account="$(account_of "$FUNCTION")" --trigger-service-account="$TRIGGER_ACCOUNT" \
    --no-allow-unauthenticated \
    --set-env-vars="MATCHES_SERVICE_URL=$(service_url matches),INTERNAL_AUTH=google"
  gc functions add-invoker-policy-binding "$FUNCTION" --region="$REGION" \
    --member="serviceAccount:$TRIGGER_ACCOUNT"
}
