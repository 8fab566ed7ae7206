#!/usr/bin/env bash
# Builds, from what is installed on this machine, local images that stand in for those a registry would give:
#   matchflow/jre:17                 a FROM-scratch Java 17 runtime (jlink) with the shared libraries it needs;
#                                    the base of the Jib images (-Dimages.base=docker://matchflow/jre:17)
#   matchflow/pubsub-emulator:local  Google's Pub/Sub emulator from the installed Cloud SDK, started as the
#                                    google-cloud-cli:emulators image starts it (gcloud beta emulators pubsub start)
#   matchflow/mysql:local            MariaDB from Debian's packages, configured from MYSQL_* variables as the
#                                    mysql:8 image is
# Needs a running Docker engine (DOCKER_HOST is honoured), jlink, and the Cloud SDK's emulator and MariaDB installed.
set -euo pipefail

JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
EMULATOR_HOME=${EMULATOR_HOME:-/usr/lib/google-cloud-sdk/platform/pubsub-emulator}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Copies each binary and every shared library it loads (as ldd reports them) into the root file system $1.
add_with_libraries() {
  local root=$1
  shift
  local file library
  for file in "$@"; do
    cp --parents -L "$file" "$root"
    for library in $(ldd "$file" 2>/dev/null | grep -o '/[^ ]*' || true); do
      [ -e "$root$library" ] || cp --parents -L "$library" "$root"
    done
  done
}

# The Java runtime, the shell the start scripts need (dash), and /tmp.
base_root() {
  local root=$1
  mkdir -p "$root/opt" "$root/tmp" "$root/etc" "$root/bin"
  chmod 1777 "$root/tmp"
  "$JAVA_HOME/bin/jlink" --add-modules ALL-MODULE-PATH --strip-debug --no-header-files --no-man-pages \
    --compress=2 --generate-cds-archive --output "$root/opt/java" 2>/dev/null
  add_with_libraries "$root" /bin/dash
  ln -s dash "$root/bin/sh"
  local library
  for library in $(find "$root/opt/java" -name '*.so') "$root/opt/java/bin/java"; do
    for needed in $(ldd "$library" 2>/dev/null | grep -o '/[^ ]*' | grep -v "^$root" || true); do
      [ -e "$root$needed" ] || cp --parents -L "$needed" "$root"
    done
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
  echo 'root:x:0:' >"$root/etc/group"
}

import() {
  local root=$1 image=$2
  shift 2
  tar -C "$root" -c . | docker import "$@" - "$image" >/dev/null
  echo "built $image ($(du -sh "$root" | cut -f1))"
}

build_jre() {
  local root=$WORK/jre
  base_root "$root"
  import "$root" matchflow/jre:17 \
    --change 'ENV PATH=/opt/java/bin:/usr/bin:/bin' --change 'ENV JAVA_HOME=/opt/java' --change 'CMD ["java", "-version"]'
}

build_emulator() {
  local root=$WORK/emulator
  base_root "$root"
  mkdir -p "$root/opt/pubsub-emulator" "$root/usr/bin"
  cp -r "$EMULATOR_HOME/lib" "$root/opt/pubsub-emulator/"
  cp "$(dirname "${BASH_SOURCE[0]}")/gcloud" "$root/usr/bin/gcloud"
  chmod +x "$root/usr/bin/gcloud"
  import "$root" matchflow/pubsub-emulator:local \
    --change 'ENV PATH=/opt/java/bin:/usr/bin:/bin' --change 'EXPOSE 8085' \
    --change 'CMD ["gcloud", "beta", "emulators", "pubsub", "start", "--host-port=0.0.0.0:8085"]'
}

build_mysql() {
  local root=$WORK/mysql
  mkdir -p "$root/tmp" "$root/etc/mysql/conf.d" "$root/run/mysqld" "$root/var/lib" "$root/usr/share" "$root/usr/lib/mysql"
  chmod 1777 "$root/tmp"
  add_with_libraries "$root" /bin/dash /usr/sbin/mariadbd /usr/bin/mariadb-admin
  mkdir -p "$root/bin"
  ln -sf dash "$root/bin/sh"
  ln -s mariadb-admin "$root/usr/bin/mysqladmin"
  cp -r /usr/share/mysql "$root/usr/share/"
  cp -r /usr/lib/mysql/plugin "$root/usr/lib/mysql/"
  mariadb-install-db --no-defaults --datadir="$root/var/lib/mysql" --user=root --skip-test-db \
    --auth-root-authentication-method=normal >"$WORK/install-db.log" 2>&1 ||
    { cat "$WORK/install-db.log" >&2; exit 1; }
  cp "$(dirname "${BASH_SOURCE[0]}")/mysql-entrypoint" "$root/usr/bin/docker-entrypoint"
  chmod +x "$root/usr/bin/docker-entrypoint"
  echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
  echo 'root:x:0:' >"$root/etc/group"
  import "$root" matchflow/mysql:local \
    --change 'ENV PATH=/usr/sbin:/usr/bin:/bin' --change 'EXPOSE 3306' \
    --change 'ENTRYPOINT ["/usr/bin/docker-entrypoint"]'
}

build_jre
build_emulator
build_mysql
