#!/usr/bin/env bash
# The topic, the dead-letter topic and the subscription that keeps dead letters for inspection and redrive.
# User-Match may publish to the topic; the Pub/Sub service agent may publish dead letters.

deploy_topics() {
  step "Pub/Sub topics"
  local name
  for name in "$TOPIC" "$DEAD_LETTER_TOPIC"; do
    if gc_missing pubsub topics describe "$name"; then
      gc pubsub topics create "$name"
    fi
  done
  if gc_missing pubsub subscriptions describe "$DEAD_LETTER_SUBSCRIPTION"; then
    gc pubsub subscriptions create "$DEAD_LETTER_SUBSCRIPTION" --topic="$DEAD_LETTER_TOPIC" \
      --ack-deadline="$ACK_DEADLINE_SECONDS" --message-retention-duration=7d --expiration-period=never
  fi
  gc pubsub topics add-iam-policy-binding "$TOPIC" --member="serviceAccount:$(account_of user-match)" \
    --role=roles/pubsub.publisher
  gc pubsub topics add-iam-policy-binding "$DEAD_LETTER_TOPIC" --member="serviceAccount:$PUBSUB_AGENT" \
    --role=roles/pubsub.publisher
}
