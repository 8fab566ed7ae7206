#!/usr/bin/env bash
# The Google Cloud APIs the deployment uses.

deploy_apis() {
  step "APIs"
  gc services enable \
    run.googleapis.com cloudfunctions.googleapis.com cloudbuild.googleapis.com eventarc.googleapis.com \
    artifactregistry.googleapis.com pubsub.googleapis.com sqladmin.googleapis.com secretmanager.googleapis.com \
    iam.googleapis.com
}
