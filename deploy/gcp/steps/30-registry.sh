#!/usr/bin/env bash
# The Artifact Registry repository the images are pushed to, and Docker credentials for it, which Jib uses.

deploy_registry() {
  step "Artifact Registry"
  if gc_missing artifacts repositories describe "$REPOSITORY" --location="$REGION"; then
    gc artifacts repositories create "$REPOSITORY" --repository-format=docker --location="$REGION" \
      --description="Matchflow images"
  fi
  run gcloud auth configure-docker "${REGION}-docker.pkg.dev" --quiet
}
