#!/usr/bin/env bash
# Starts a local PostgreSQL for the store's tests and exports TN_TEST_POSTGRES_URL.
#
#   source .ci/postgres.sh
#
# Meant to be sourced, so it never calls `exit` (that would end the caller's shell) and
# keeps its helpers in functions that it unsets again. Idempotent: a second run finds the
# cluster up and the role and database already there. Machines here run no systemd, so the
# cluster is started with Debian's pg_ctlcluster, which works as root and drops to the
# postgres user itself.

# Whether pg_lsclusters lists a cluster of this version matching the awk condition.
tn_pg_cluster_has() {
  pg_lsclusters -h | awk -v v="$1" "\$1 == v && $2 { found = 1 } END { exit !found }"
}

tn_pg_main() {
  local db=tn_test role=tn password=tn

  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "postgres.sh: installing PostgreSQL" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
  fi

  local version
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  # The package creates a cluster on install, but an image may have had it removed.
  if ! tn_pg_cluster_has "$version" '$2 == "main"'; then
    pg_createcluster "$version" main >/dev/null || return 1
  fi
  if ! tn_pg_cluster_has "$version" '$2 == "main" && $4 == "online"'; then
    pg_ctlcluster "$version" main start || return 1
  fi

  local port
  port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')
  local tries=0
  until pg_isready -q -h 127.0.0.1 -p "$port"; do
    tries=$((tries + 1))
    if [ "$tries" -ge 30 ]; then
      echo "postgres.sh: PostgreSQL $version on port $port did not become ready" >&2
      return 1
    fi
    sleep 1
  done

  local psql=(su postgres -c)
  if [ -z "$("${psql[@]}" "psql -p $port -tAc \"SELECT 1 FROM pg_roles WHERE rolname = '$role'\"")" ]; then
    "${psql[@]}" "psql -p $port -q -v ON_ERROR_STOP=1 -c \"CREATE ROLE $role LOGIN PASSWORD '$password'\"" || return 1
  fi
  if [ -z "$("${psql[@]}" "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname = '$db'\"")" ]; then
    "${psql[@]}" "psql -p $port -q -v ON_ERROR_STOP=1 -c \"CREATE DATABASE $db OWNER $role\"" || return 1
  fi

  export TN_TEST_POSTGRES_URL="postgresql://$role:$password@127.0.0.1:$port/$db"
  echo "postgres.sh: TN_TEST_POSTGRES_URL=$TN_TEST_POSTGRES_URL" >&2
}

tn_pg_main
tn_pg_status=$?
unset -f tn_pg_main tn_pg_cluster_has
if [ "$tn_pg_status" -ne 0 ]; then
  echo "postgres.sh: could not start PostgreSQL (without TN_TEST_POSTGRES_URL the PostgreSQL store tests are skipped)" >&2
fi
# Returns the status when sourced, exits with it when run as a script.
return "$tn_pg_status" 2>/dev/null || exit "$tn_pg_status"
