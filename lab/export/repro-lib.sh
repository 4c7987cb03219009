# The functions repro.sh calls: the stack's services brought up one by one, the workload's ops over the
# registry's HTTP API with curl, the faults through Toxiproxy's HTTP API and the compose project, and the
# symptom check. Each op appends one line to $WORK/results: "op N KIND OUTCOME STATUS VALUE", OUTCOME as the
# lab records it: ok, fail (it did not happen) or info (unknown: a 5xx or a timeout after the request was sent).

say() { printf '%s\n' "$*" >&2; }
die() { say "repro: $*"; exit 2; }

compose() { $COMPOSE --project-name "$PROJECT" --project-directory "$HERE" -f "$HERE/compose.yaml" "$@"; }

# wait_for ENDPOINT [SECONDS]: an HTTP answer (any status), or a TCP connection for host:port
wait_for() {
  local end=$((SECONDS + ${2:-120}))
  until probe "$1"; do
    [ $SECONDS -lt $end ] || return 1
    sleep 0.5
  done
}
probe() {
  case "$1" in
  http://*) [ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$1/")" != 000 ] ;;
  *) (exec 3<>"/dev/tcp/${1%:*}/${1##*:}") 2>/dev/null ;;
  esac
}

# up ROLE ENDPOINT: starts a service and waits until it answers; a service that exits meanwhile ends the run
up() {
  local end=$((SECONDS + 120)) started=$SECONDS
  say "  starting $1"
  compose up -d --no-deps "$1" >"$WORK/up-$1.log" 2>&1 || { cat "$WORK/up-$1.log" >&2; die "$1 did not start"; }
  until probe "$2"; do
    [ "$(docker inspect -f '{{.State.Running}}' "$(compose ps -q "$1")" 2>/dev/null)" = true ] ||
      die "$1 exited before it answered on $2: $(compose logs --no-color --tail 5 "$1" 2>&1 | tr '\n' ' ' | cut -c1-600)"
    [ $SECONDS -lt $end ] || die "$1 gave no answer on $2 within 120 s (see out/logs/$1.log)"
    sleep 0.5
  done
  say "  $1 answers on $2 ($((SECONDS - started)) s)"
}

# proxy API NAME LISTEN UPSTREAM: a Toxiproxy proxy for a faultable link
proxy() {
  curl -sf -o /dev/null -X POST "$1/proxies" -d "{\"name\":\"$2\",\"listen\":\"$3\",\"upstream\":\"$4\",\"enabled\":true}" || die "Toxiproxy at $1 refused proxy $2"
}

# bucket ENDPOINT NAME ACCESS SECRET: the registry's S3 bucket (AWS signature v4), retried until the store takes it
bucket() {
  local end=$((SECONDS + 120)) code
  while :; do
    code=$(curl -s -o "$WORK/bucket" -w '%{http_code}' -X PUT -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' --aws-sigv4 'aws:amz:us-east-1:s3' --user "$3:$4" "$1/$2")
    case "$code" in 2*) return 0 ;; 409) grep -q BucketAlreadyOwnedByYou "$WORK/bucket" && return 0 ;; esac
    [ $SECONDS -lt $end ] || die "bucket $2 at $1: HTTP $code $(head -c 300 "$WORK/bucket")"
    sleep 1
  done
}

# ---- ops -------------------------------------------------------------------------------------------------

result() {
  printf 'op %s\n' "$*" >>"$WORK/results"
  say "  op $*"
}

# request METHOD URL [curl args…]: sets CODE (000 when no answer), the body in $WORK/body, headers in $WORK/headers
# (a status with a body cut short stays that status: the body is what the op judges)
request() {
  local m=(-X "$1") u=$2
  [ "$1" = HEAD ] && m=(--head)
  shift 2
  : >"$WORK/body"
  CODE=$(curl -sS -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' -m "$OP_TIMEOUT" "${m[@]}" "$u" "$@" 2>"$WORK/curl-error") || true
  if [ "${CODE:-000}" = 000 ]; then
    CODE=000
    grep -q 'Failed to connect\|Connection refused' "$WORK/curl-error" && CODE=refused
  fi
  return 0
}

# the outcome of a request that was not what was wanted: 5xx or no answer after sending is unknown
outcome() {
  case "$CODE" in refused | 4*) echo fail ;; *) echo info ;; esac
}

location() {
  local l
  l=$(grep -i '^location:' "$WORK/headers" | tail -1 | cut -d' ' -f2- | tr -d '\r' || true)
  case "$l" in http*) echo "$l" ;; *) echo "$REGISTRY$l" ;; esac
}

blob_file() { echo "$HERE/images/blobs/sha256/${1#sha256:}"; }

# upload REPO DIGEST CHUNKED: POST, then one PUT with the blob, or PATCHes of 64 KiB and an empty PUT
upload() {
  local file at size offset=0 chunk
  file=$(blob_file "$2")
  request POST "$REGISTRY/v2/$1/blobs/uploads/"
  [ "$CODE" = 202 ] || { FAILED="POST /v2/$1/blobs/uploads/: HTTP $CODE"; return 1; }
  at=$(location)
  if [ "$3" = true ]; then
    size=$(stat -c %s "$file")
    while [ $offset -lt "$size" ]; do
      chunk=$((size - offset < 65536 ? size - offset : 65536))
      tail -c +$((offset + 1)) "$file" | head -c $chunk >"$WORK/chunk"
      request PATCH "$at" -H 'Content-Type: application/octet-stream' -H "Content-Range: $offset-$((offset + chunk - 1))" --data-binary @"$WORK/chunk"
      [ "$CODE" = 202 ] || { FAILED="PATCH upload: HTTP $CODE"; return 1; }
      at=$(location)
      offset=$((offset + chunk))
    done
    request PUT "$at&digest=$2"
  else
    request PUT "$at&digest=$2" -H 'Content-Type: application/octet-stream' --data-binary @"$(blob_file "$2")"
  fi
  [ "$CODE" = 201 ] || { FAILED="PUT upload: HTTP $CODE"; return 1; }
}

# the blobs a manifest names (config and layers), each once
blobs_of() { grep -o 'sha256:[0-9a-f]\{64\}' "$1" | awk '!seen[$0]++'; }

# push_blobs REPO CHUNKED WIDTH DIGEST…: each blob the registry lacks (HEAD, then an upload), WIDTH at a time as
# docker's max-concurrent-uploads; none begun after one failed. FAILED and CODE: the first that failed, if any.
push_blobs() {
  local repo=$1 chunked=$2 width=$3 i=0 first d n
  shift 3
  FAILED=
  while [ $# -gt 0 ] && [ -z "$FAILED" ]; do
    first=$((i + 1))
    for n in $(seq "$width"); do
      [ $# -gt 0 ] || break
      i=$((i + 1)) d=$1
      shift
      (
        WORK=$WORK/upload-$i
        mkdir -p "$WORK"
        request HEAD "$REGISTRY/v2/$repo/blobs/$d"
        [ "$CODE" = 200 ] || upload "$repo" "$d" "$chunked" || true
        printf '%s\n%s\n' "$CODE" "$FAILED" >"$WORK/done"
      ) &
    done
    wait
    for n in $(seq "$first" "$i"); do
      [ -z "$FAILED" ] || break
      { read -r CODE && read -r FAILED; } <"$WORK/upload-$n/done"
    done
  done
}

# op_push N REPO TAG DIGEST CHUNKED MANIFEST_ONLY UPLOADS
op_push() {
  local manifest type
  manifest=$(blob_file "$4")
  type=$(grep -o '"mediaType":"[^"]*"' "$manifest" | head -1 | cut -d'"' -f4)
  FAILED=
  [ "$6" = true ] || push_blobs "$2" "$5" "${7:-1}" $(blobs_of "$manifest")
  if [ -z "$FAILED" ]; then
    request PUT "$REGISTRY/v2/$2/manifests/$3" -H "Content-Type: $type" --data-binary @"$manifest"
    [ "$CODE" = 201 ] || FAILED="PUT manifest: HTTP $CODE $(head -c 200 "$WORK/body")"
  fi
  if [ -z "$FAILED" ]; then result "$1 push ok $CODE -"; else result "$1 push $(outcome) $CODE $FAILED"; fi
}

# op_push_blobs N REPO UPLOADS DIGEST…: the blobs of an image, no manifest (a push in flight)
op_push_blobs() {
  local n=$1 repo=$2 width=$3
  shift 3
  push_blobs "$repo" false "$width" "$@"
  if [ -z "$FAILED" ]; then result "$n push-blobs ok - -"; else result "$n push-blobs $(outcome) $CODE $FAILED"; fi
}

# op_pull N REPO TAG: the manifest and every blob, each hashed
op_pull() {
  local d bad=
  request GET "$REGISTRY/v2/$2/manifests/$3" -H "Accept: $ACCEPT"
  [ "$CODE" = 200 ] || { result "$1 pull $(outcome) $CODE GET manifest: HTTP $CODE"; return; }
  cp "$WORK/body" "$WORK/manifest"
  for d in $(blobs_of "$WORK/manifest"); do
    request GET "$REGISTRY/v2/$2/blobs/$d" -L
    [ "$CODE" = 200 ] || { result "$1 pull $(outcome) $CODE GET blob $d: HTTP $CODE"; return; }
    [ "sha256:$(sha256sum <"$WORK/body" | cut -d' ' -f1)" = "$d" ] || bad="$bad $d($(stat -c %s "$WORK/body") bytes)"
  done
  if [ -z "$bad" ]; then result "$1 pull ok 200 intact"; else result "$1 pull fail 200 corrupt:$bad"; fi
}

# op_head N REPO DIGEST: whether the registry says the blob exists
op_head() {
  request HEAD "$REGISTRY/v2/$2/blobs/$3"
  case "$CODE" in 200) result "$1 head ok 200 exists" ;; 404) result "$1 head ok 404 absent" ;; *) result "$1 head $(outcome) $CODE -" ;; esac
}

# op_delete N REPO DIGEST: the manifest deleted
op_delete() {
  request DELETE "$REGISTRY/v2/$2/manifests/$3"
  case "$CODE" in 202) result "$1 delete ok 202 -" ;; *) result "$1 delete $(outcome) $CODE -" ;; esac
}

# op_gc N DRY_RUN: the registry's garbage collector, in the registry's container
op_gc() {
  local dry=
  [ "$2" = true ] && dry=--dry-run
  if compose exec -T "$GC_ROLE" "$GC_PROGRAM" garbage-collect $dry "$GC_CONFIG" >"$WORK/gc-$1.log" 2>&1; then
    result "$1 gc ok - $(grep -c 'eligible for deletion' "$WORK/gc-$1.log") blobs"
  else
    result "$1 gc fail - exit $?"
  fi
}

# op_upload_start N REPO UPLOAD: an upload opened and left open
op_upload_start() {
  request POST "$REGISTRY/v2/$2/blobs/uploads/"
  if [ "$CODE" = 202 ]; then
    location >"$WORK/upload-$3"
    result "$1 upload-start ok 202 -"
  else result "$1 upload-start $(outcome) $CODE -"; fi
}

# op_upload_patch N UPLOAD OFFSET BYTES: bytes PATCHed into an open upload (all it was sent kept beside it)
op_upload_patch() {
  head -c "$4" /dev/urandom >"$WORK/patch"
  cat "$WORK/patch" >>"$WORK/upload-$2.data"
  request PATCH "$(cat "$WORK/upload-$2")" -H 'Content-Type: application/octet-stream' -H "Content-Range: $3-$(($3 + $4 - 1))" --data-binary @"$WORK/patch"
  if [ "$CODE" = 202 ]; then
    location >"$WORK/upload-$2"
    result "$1 upload-patch ok 202 -"
  else result "$1 upload-patch $(outcome) $CODE -"; fi
}

# op_upload_status N UPLOAD: what the registry says it holds of an open upload
op_upload_status() {
  request GET "$(cat "$WORK/upload-$2")"
  if [ "$CODE" = 204 ]; then
    result "$1 upload-status ok 204 $(grep -i '^range:' "$WORK/headers" | tr -d '\r' | cut -d' ' -f2 || true)"
  else result "$1 upload-status $(outcome) $CODE -"; fi
}

# op_upload_commit N UPLOAD: the upload completed with the digest of every byte sent to it
op_upload_commit() {
  touch "$WORK/upload-$2.data"
  request PUT "$(cat "$WORK/upload-$2")&digest=sha256:$(sha256sum <"$WORK/upload-$2.data" | cut -d' ' -f1)"
  if [ "$CODE" = 201 ]; then result "$1 upload-commit ok 201 -"; else result "$1 upload-commit $(outcome) $CODE $(head -c 200 "$WORK/body")"; fi
}

# ---- faults ----------------------------------------------------------------------------------------------

# toxic_add PROXY JSON / toxic_remove PROXY NAME: a Toxiproxy toxic on a faultable link
toxic_add() { curl -sf -o /dev/null -X POST "$TOXIPROXY/proxies/$1/toxics" -d "$2" || die "Toxiproxy refused toxic on $1"; }
toxic_remove() { curl -sf -o /dev/null -X DELETE "$TOXIPROXY/proxies/$1/toxics/$2" || die "Toxiproxy refused removing $2 from $1"; }
# link_enabled PROXY true|false: a faultable link cut or restored
link_enabled() { curl -sf -o /dev/null -X POST "$TOXIPROXY/proxies/$1" -d "{\"enabled\":$2}" || die "Toxiproxy refused enabled=$2 on $1"; }

# registry_readonly true|false: the registry restarted in (or out of) maintenance read-only mode
registry_readonly() {
  local f
  for f in "$REPRO_DIR"/registry/config*.yml; do
    sed -i "/^    readonly:/{n;s/enabled: .*/enabled: $1/}" "$f"
  done
  compose restart -t 5 "$GC_ROLE" >/dev/null 2>&1 || die "the registry did not restart"
  wait_for "$REGISTRY_DIRECT" 60 || die "the registry gave no answer after its restart"
}

# cache_flush: Redis's blob-descriptor cache emptied
cache_flush() { compose exec -T cache redis-cli -p "$CACHE_PORT" FLUSHALL >/dev/null || die "redis-cli FLUSHALL failed"; }

# ---- the symptom -----------------------------------------------------------------------------------------

# check NAME [all] … checked: one of the lab's checks; seen when one of its ops ends as in the lab's run (the lab
# saw the symptom once; all: every one of them) and every kind of log line it cites is logged here
check() {
  CHECK=$1 EVERY=${2:-} OPS=0 OPS_SEEN=0 LINES_MISSED=0
  say "  $1:"
}
checked() {
  local enough=1
  [ "$EVERY" = all ] && enough=$OPS
  if [ "$LINES_MISSED" = 0 ] && { [ "$OPS" = 0 ] || [ "$OPS_SEEN" -ge "$enough" ]; }; then
    say "  ✓ $CHECK: seen$([ "$OPS" = 0 ] || echo " ($OPS_SEEN of $OPS ops ended as in the lab's run)")"
  else
    say "  ✗ $CHECK: not seen"
    MISSED=$((MISSED + 1))
  fi
}

# want N KIND OUTCOME VALUE: whether the op ended as in the lab's run (OUTCOME ok, or failed for fail and info
# alike; VALUE a word its line must hold, - for none)
want() {
  local line got
  line=$(grep "^op $1 $2 " "$WORK/results" || true)
  got=${line#op $1 $2 }
  got=${got%% *}
  case "$got" in fail | info) got=failed ;; esac
  OPS=$((OPS + 1))
  if [ "$got" = "$3" ] && { [ "$4" = - ] || [[ "$line" == *"$4"* ]]; }; then
    OPS_SEEN=$((OPS_SEEN + 1))
    say "    ✓ op $1 $2 ended $3$([ "$4" = - ] || echo " $4"), as in the lab's run: ${line#op }"
  else
    say "    · op $1 $2 ended ${line:-not at all}; in the lab's run: $3 $4"
  fi
}

# logged ROLE WORD…: the role's logs hold a line with every word (a method, a status, a flag, an upstream)
logged() {
  local role=$1 hits
  shift
  local pattern=("$@")
  hits=$(cat "$OUT/logs/$role".log "$OUT/logs/$role"-*.log 2>/dev/null | words "${pattern[@]}" || true)
  if [ -n "$hits" ]; then
    say "    ✓ $role logged $(printf '%s\n' "$hits" | wc -l) lines with ${pattern[*]}, e.g.: $(printf '%s\n' "$hits" | head -1 | cut -c1-300)"
  else
    say "    ✗ $role logged no line with ${pattern[*]}"
    LINES_MISSED=$((LINES_MISSED + 1))
  fi
}
words() {
  if [ $# -eq 0 ]; then cat; else
    local w=$1
    shift
    grep -w -- "$w" | words "$@"
  fi
}
