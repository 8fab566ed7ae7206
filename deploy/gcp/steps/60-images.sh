#!/usr/bin/env bash
# The three services' images, built from this repository with Jib and pushed straight to Artifact Registry (no
# Docker needed), and the function's deployable directory.

deploy_images() {
  step "images and the function's JAR"
  run mvn -B -f "$REPO_ROOT/pom.xml" -pl deploy/images -am install -DskipTests
  run mvn -B -f "$REPO_ROOT/pom.xml" -Pimages -pl deploy/images process-resources \
    jib:build@pools jib:build@matches jib:build@user-match \
    -Dimages.prefix="$IMAGE_PREFIX" -Dimages.tag="$IMAGE_TAG"
  run mvn -B -f "$REPO_ROOT/pom.xml" -Pfunction -pl deploy/images clean package -DskipTests
}
