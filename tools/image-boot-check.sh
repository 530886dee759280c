#!/usr/bin/env bash
# The image must boot: builds one service's container image with Quarkus' Jib (no Docker daemon) on a
# Debian bookworm + openjdk-17-jre-headless base image made here with debootstrap (nothing can be pulled
# from a registry), unpacks the image's layers into a root filesystem, starts the service in it with
# chroot as the image's user, on a read-only root with a tmpfs /tmp (as the Helm chart runs it), and checks
# /q/health and grpc.health.v1 (GrpcHealthCheck, run from the image itself). Prints the image sizes.
#
#   sudo tools/image-boot-check.sh            # SERVICE=index-service by default (it needs no Kafka)
#
# Needs root (debootstrap, chroot, mounts) and the Debian mirror on the first run; the base root
# filesystem and tarball are kept in $MDFE_IMAGE_WORK (default /tmp/mdfe-image) for later runs.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
SERVICE=${SERVICE:-index-service}
WORK=${MDFE_IMAGE_WORK:-/tmp/mdfe-image}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
BASE_ROOTFS=$WORK/rootfs-base
BASE_TAR=$WORK/base-jre17.tar
IMAGE_TAR=$WORK/$SERVICE.tar
ROOT=$WORK/rootfs-$SERVICE
LOG=$WORK/$SERVICE.log
UID_GID=185:185
mkdir -p "$WORK"
step() { printf '\n== %s\n' "$*"; }

step "1. base image: debootstrap bookworm + openjdk-17-jre-headless -> $BASE_TAR"
if [ ! -x "$BASE_ROOTFS/usr/bin/java" ]; then
  rm -rf "$BASE_ROOTFS"
  debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$BASE_ROOTFS" "$MIRROR" >"$WORK/debootstrap.log"
fi
if ! grep -q '^jboss:' "$BASE_ROOTFS/etc/passwd"; then
  # uid/gid 185 as in the UBI OpenJDK images: the chart's runAsUser and quarkus.jib.user.
  chroot "$BASE_ROOTFS" groupadd -g 185 jboss
  chroot "$BASE_ROOTFS" useradd -u 185 -g 185 -m -d /home/jboss -s /usr/sbin/nologin jboss
fi
rm -rf "$BASE_ROOTFS"/var/cache/apt/archives/*.deb "$BASE_ROOTFS"/var/lib/apt/lists/*
[ -f "$BASE_TAR" ] || python3 tools/image/base_image_tar.py "$BASE_ROOTFS" "$BASE_TAR" mdfe-base-jre17:bookworm
"$BASE_ROOTFS/usr/lib/jvm/java-17-openjdk-amd64/bin/java" -version 2>&1 | head -1 || true

step "2. $SERVICE image with Jib (quarkus.container-image.build=true, base tar://, docker load captured to a tar)"
rm -f "$IMAGE_TAR"
start=$(date +%s)
MDFE_IMAGE_TAR=$IMAGE_TAR mvn -B -o -q -pl "$SERVICE" -am package -DskipTests \
  -Dquarkus.container-image.build=true \
  -Dquarkus.container-image.registry=localhost \
  -Dquarkus.jib.base-jvm-image="tar://$BASE_TAR" \
  -Dquarkus.jib.docker-executable-name="$REPO/tools/image/docker-cli-to-tar"
echo "built in $(( $(date +%s) - start )) s: $IMAGE_TAR"

step "3. unpack the image into $ROOT"
cleanup() {
  [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  for m in "$ROOT/tmp" "$ROOT/dev" "$ROOT/proc" "$ROOT"; do mountpoint -q "$m" && umount -l "$m" || true; done
}
trap cleanup EXIT
rm -rf "$ROOT"
python3 tools/image/unpack_image.py "$IMAGE_TAR" "$ROOT" >"$WORK/$SERVICE-config.json"
python3 - "$WORK/$SERVICE-config.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
print("entrypoint:", c["Entrypoint"], "cmd:", c["Cmd"], "user:", c["User"], "workdir:", c["WorkingDir"])
for l in c["Layers"]:
    print(f"  layer {l['layer'][:24]:24} {l['bytes'] / 1e6:8.1f} MB")
PY
[ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["User"])' "$WORK/$SERVICE-config.json")" = 185 ] \
  || { echo "FAIL: the image does not run as uid 185"; exit 1; }

step "4. start $SERVICE in the image: chroot as $UID_GID, read-only root, tmpfs /tmp"
mount --bind "$ROOT" "$ROOT" && mount -o remount,ro,bind "$ROOT"
mount --bind /proc "$ROOT/proc"
mount --bind /dev "$ROOT/dev"
mount -t tmpfs -o size=512m,mode=1777 tmpfs "$ROOT/tmp"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mapfile -d '' ENV_AND_CMD < <(python3 - "$WORK/$SERVICE-config.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
out = c["Env"] + ["--", c["WorkingDir"]] + (c["Entrypoint"] or []) + (c["Cmd"] or [])
sys.stdout.write("\0".join(out) + "\0")
PY
)
sep=0; while [ "${ENV_AND_CMD[$sep]}" != "--" ]; do sep=$((sep + 1)); done
IMAGE_ENV=("${ENV_AND_CMD[@]:0:$sep}")
WORKDIR=${ENV_AND_CMD[$((sep + 1))]}
COMMAND=("${ENV_AND_CMD[@]:$((sep + 2))}")
echo "command: ${COMMAND[*]} (in $WORKDIR, port $PORT)"
# The chart's environment for a read-only root: HOME, DJL's cache and the state directory in /tmp.
env -i "${IMAGE_ENV[@]}" HOME=/tmp DJL_CACHE_DIR=/tmp/djl QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$PORT" \
    MDFE_INDEX_STATE_DIR=/tmp/index-state MDFE_DATA_STATE_DIR=/tmp/data-state MDFE_EVAL_STATE_DIR=/tmp/eval-state \
    MDFE_TRAINER_STATE_DIR=/tmp/trainer-state MDFE_RUNS_DIR=/tmp/runs MDFE_DATA_ROOT=/tmp/data \
    chroot --userspec=$UID_GID "$ROOT" /bin/sh -c 'cd "$0" && exec "$@"' "$WORKDIR" "${COMMAND[@]}" >"$LOG" 2>&1 &
PID=$!
start=$(date +%s)
until curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null; do
  if ! kill -0 "$PID" 2>/dev/null || [ $(( $(date +%s) - start )) -gt 180 ]; then
    echo "FAIL: $SERVICE did not become ready; its log:"; tail -40 "$LOG"; exit 1
  fi
  sleep 1
done
echo "ready after $(( $(date +%s) - start )) s; process owner: $(ps -o user= -p "$(pgrep -P "$PID" -n || echo "$PID")" 2>/dev/null || echo '?')"
grep -m1 -E "started in|Listening on" "$LOG" || true

step "5. health"
echo "GET /q/health: $(curl -sf "http://127.0.0.1:$PORT/q/health" | tr -d '\n ' | cut -c1-400)"
chroot --userspec=$UID_GID "$ROOT" /usr/bin/env -i "${IMAGE_ENV[@]}" HOME=/tmp \
  java -cp '/home/jboss/lib/boot/*:/home/jboss/lib/main/*' io.mdfe.service.common.health.GrpcHealthCheck "127.0.0.1:$PORT"
echo "grpc.health.v1 Check: OK"

step "6. sizes"
du -h --apparent-size "$BASE_TAR" "$IMAGE_TAR" | sed 's/^/  /'
echo "  unpacked root filesystem: $(du -sh "$ROOT" --exclude=proc --exclude=dev --exclude=tmp 2>/dev/null | cut -f1)"
echo "PASS: $SERVICE's image boots and answers grpc.health.v1 SERVING"
