#!/usr/bin/env bash
# The subscription the function's trigger made gets the retry and dead-letter policies. Eventarc names it itself:
# the function names its trigger, and the trigger names its subscription. Deploying the function again may make a
# new trigger, so this step runs after every function deployment.

deploy_subscription() {
  step "the trigger subscription's policies"
  local trigger subscription
  trigger=$(answer_of TRIGGER gcloud functions describe "$FUNCTION" --gen2 --region="$REGION" \
    --format='value(eventTrigger.trigger)' --project="$PROJECT_ID")
  subscription=$(answer_of TRIGGER_SUBSCRIPTION gcloud eventarc triggers describe "${trigger##*/}" \
    --location="$REGION" --format='value(transport.pubsub.subscription)' --project="$PROJECT_ID")
  gc pubsub subscriptions update "$subscription" --ack-deadline="$ACK_DEADLINE_SECONDS" \
    --min-retry-delay="$MIN_RETRY_DELAY" --max-retry-delay="$MAX_RETRY_DELAY" \
    --dead-letter-topic="$DEAD_LETTER_TOPIC" --max-delivery-attempts="$MAX_DELIVERY_ATTEMPTS"
  # Dead lettering moves a message only when the service agent may take it from here and publish it there.
  gc pubsub subscriptions add-iam-policy-binding "$subscription" --member="serviceAccount:$PUBSUB_AGENT" \
    --role=roles/pubsub.subscriber
}
