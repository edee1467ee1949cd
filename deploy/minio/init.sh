#!/bin/sh
# docker-compose's one-shot minio-init (image minio/mc): creates the platform's buckets and the MinIO user the
# services use, with platform-policy.json (its ${S3_BUCKET_PREFIX} filled in) as its only policy. Safe to run
# again: everything it creates is created or updated in place. POSIX sh and coreutils only: the mc image has
# no sed or grep.
set -eu

: "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}" "${S3_ACCESS_KEY:?}" "${S3_SECRET_KEY:?}"
S3_BUCKET_PREFIX=${S3_BUCKET_PREFIX:-}
HERE=$(dirname "$0")
POLICY_NAME=mlaas-platform

if [ "$S3_ACCESS_KEY" = "$MINIO_ROOT_USER" ]; then
  echo "S3_ACCESS_KEY must name a user of its own, not MinIO's root user" >&2
  exit 1
fi

# Every occurrence of $2 in $1 replaced by $3.
replace_all() {
  rest=$1
  out=
  while case $rest in *"$2"*) true ;; *) false ;; esac; do
    out=$out${rest%%"$2"*}$3
    rest=${rest#*"$2"}
  done
  printf '%s' "$out$rest"
}

mc alias set local http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"
for bucket in models datasets artifacts; do
  mc mb --ignore-existing "local/$S3_BUCKET_PREFIX$bucket"
done

policy_file=$(mktemp)
replace_all "$(cat "$HERE/platform-policy.json")" '${S3_BUCKET_PREFIX}' "$S3_BUCKET_PREFIX" >"$policy_file"
mc admin policy create local "$POLICY_NAME" "$policy_file"
rm -f "$policy_file"

mc admin user add local "$S3_ACCESS_KEY" "$S3_SECRET_KEY"
# Attaching a policy the user already has fails; the user's policies are then checked instead.
if ! mc admin policy attach local "$POLICY_NAME" --user "$S3_ACCESS_KEY"; then
  case $(mc admin user info local "$S3_ACCESS_KEY") in
  *"$POLICY_NAME"*) ;;
  *) exit 1 ;;
  esac
fi
echo "minio-init: buckets ${S3_BUCKET_PREFIX}{models,datasets,artifacts} and user $S3_ACCESS_KEY (policy $POLICY_NAME) ready"
