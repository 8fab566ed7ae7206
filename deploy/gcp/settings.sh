#!/usr/bin/env bash
# The settings of a deployment: PROJECT_ID and REGION must be given; every other one has a default here that any
# environment variable of the same name overrides. Names and policies follow DESIGN.md. Sourced, not run, after
# lib.sh; the scripts that source it read the settings, hence no warnings about settings unused here.
# shellcheck disable=SC2034

[[ -n ${PROJECT_ID:-} ]] || die "PROJECT_ID is not set; set it to the Google Cloud project to deploy to, e.g. PROJECT_ID=my-project REGION=europe-west1 $0"
[[ -n ${REGION:-} ]] || die "REGION is not set; set it to the region of every resource, e.g. REGION=europe-west1"

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# The project number names the Pub/Sub service agent and the services' URLs (https://NAME-NUMBER.REGION.run.app).
PROJECT_NUMBER=${PROJECT_NUMBER:-$(answer_of PROJECT_NUMBER \
  gcloud projects describe "$PROJECT_ID" --format='value(projectNumber)')}

# Google's agent that moves dead letters; it exists once the Pub/Sub API is on.
PUBSUB_AGENT="service-${PROJECT_NUMBER}@gcp-sa-pubsub.iam.gserviceaccount.com"

# A service's URL as Cloud Run gives it, known before the service exists; Matches expects it as ID token audience.
service_url() {
  echo "https://$1-${PROJECT_NUMBER}.${REGION}.run.app"
}

# Pub/Sub: the topic User-Match publishes to, the dead-letter topic and the subscription that keeps dead letters.
TOPIC=${TOPIC:-user_left_pool}
DEAD_LETTER_TOPIC=${DEAD_LETTER_TOPIC:-${TOPIC}-dead-letter}
DEAD_LETTER_SUBSCRIPTION=${DEAD_LETTER_SUBSCRIPTION:-${DEAD_LETTER_TOPIC}-inspection}
# The trigger subscription's policies, as the simulator provisions them.
ACK_DEADLINE_SECONDS=${ACK_DEADLINE_SECONDS:-60}
MIN_RETRY_DELAY=${MIN_RETRY_DELAY:-10s}
MAX_RETRY_DELAY=${MAX_RETRY_DELAY:-600s}
MAX_DELIVERY_ATTEMPTS=${MAX_DELIVERY_ATTEMPTS:-5}

# The three services on Cloud Run and the function; each runs as its own service account.
SERVICES=(pools matches user-match)
FUNCTION=${FUNCTION:-cleanup-function}
FUNCTION_ENTRY_POINT=dev.matchflow.cleanup.CleanupFunction
FUNCTION_SOURCE=${FUNCTION_SOURCE:-$REPO_ROOT/deploy/images/target/function}

# Artifact Registry: where the images go, and their tag (the commit by default).
REPOSITORY=${REPOSITORY:-matchflow}
IMAGE_PREFIX=${IMAGE_PREFIX:-${REGION}-docker.pkg.dev/${PROJECT_ID}/${REPOSITORY}/}
IMAGE_TAG=${IMAGE_TAG:-$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo latest)}

# Cloud SQL for MySQL 8: one instance, one database, one user per service whose password is in Secret Manager.
SQL_INSTANCE=${SQL_INSTANCE:-matchflow-mysql}
SQL_TIER=${SQL_TIER:-db-f1-micro}
DATABASE_NAME=${DATABASE_NAME:-matchflow}

# The account a service or the function runs as: NAME-run@PROJECT.iam.gserviceaccount.com.
account_of() {
  echo "$1-run@${PROJECT_ID}.iam.gserviceaccount.com"
}

# The account Eventarc delivers the function's events as.
TRIGGER_ACCOUNT_NAME=${TRIGGER_ACCOUNT_NAME:-cleanup-trigger}
TRIGGER_ACCOUNT="${TRIGGER_ACCOUNT_NAME}@${PROJECT_ID}.iam.gserviceaccount.com"

secret_of() {
  echo "$1-db-password"
}

SQL_CONNECTION="${PROJECT_ID}:${REGION}:${SQL_INSTANCE}"

# Cloud Run mounts the instance's socket under /cloudsql; the MariaDB driver connects through it.
DATABASE_URL="jdbc:mariadb://localhost/${DATABASE_NAME}?localSocket=/cloudsql/${SQL_CONNECTION}"
