#!/usr/bin/env bash
# The one test command: prepares PostgreSQL 15 (installing it on a fresh Debian 12 machine),
# creates a private test database with a password generated for this run, installs the native build's
# toolchain (clang, zlib) if missing, and runs every test (one of them publishes the native build).
# Safe to run again: the role's password is rotated and the database recreated each time.
set -euo pipefail

readonly PG_VERSION="${ACTORCITY_PG_VERSION:-15}"
readonly PG_CLUSTER="main"
readonly TEST_ROLE="actorcity_test"
readonly TEST_DATABASE="actorcity_test"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT

step() { printf '\n==> %s\n' "$*"; }
fail() { printf 'test.sh: %s\n' "$*" >&2; exit 1; }

# shellcheck source=scripts/common.sh
source "${ROOT}/scripts/common.sh"

# Runs a command as the postgres OS user, from / so it never trips over an unreadable cwd.
as_postgres() {
  if [[ "${EUID}" -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && sudo -u postgres -- "$@")
  fi
}

install_postgres() {
  if command -v pg_ctlcluster >/dev/null 2>&1 && [[ -x "/usr/lib/postgresql/${PG_VERSION}/bin/postgres" ]]; then
    echo "PostgreSQL ${PG_VERSION} is installed."
    return
  fi
  echo "PostgreSQL ${PG_VERSION} is missing: installing the Debian package."
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql
  [[ -x "/usr/lib/postgresql/${PG_VERSION}/bin/postgres" ]] \
    || fail "apt installed PostgreSQL, but not version ${PG_VERSION} (set ACTORCITY_PG_VERSION to the installed major version)"
}

cluster_field() { # prints a column of `pg_lsclusters` for our cluster: 3 = port, 4 = status
  pg_lsclusters --no-header | awk -v v="${PG_VERSION}" -v c="${PG_CLUSTER}" -v f="$1" '$1 == v && $2 == c { print $f }'
}

start_postgres() {
  if [[ -z "$(cluster_field 3)" ]]; then
    echo "Creating cluster ${PG_VERSION}/${PG_CLUSTER}."
    as_root pg_createcluster "${PG_VERSION}" "${PG_CLUSTER}"
  fi
  if [[ "$(cluster_field 4)" == online* ]]; then
    echo "Cluster ${PG_VERSION}/${PG_CLUSTER} is already running."
  else
    # pg_ctlcluster runs the server as the postgres user even when called by root.
    as_root pg_ctlcluster "${PG_VERSION}" "${PG_CLUSTER}" start
  fi
  PG_PORT="$(cluster_field 3)"
  [[ -n "${PG_PORT}" ]] || fail "cannot find the port of cluster ${PG_VERSION}/${PG_CLUSTER} in pg_lsclusters"
  echo "Waiting for PostgreSQL on 127.0.0.1:${PG_PORT}."
  for _ in $(seq 1 60); do
    if pg_isready -q -h 127.0.0.1 -p "${PG_PORT}"; then
      echo "PostgreSQL is accepting connections."
      return
    fi
    sleep 1
  done
  fail "PostgreSQL did not accept connections on 127.0.0.1:${PG_PORT} within 60 s (see /var/log/postgresql/postgresql-${PG_VERSION}-${PG_CLUSTER}.log)"
}

create_test_database() {
  # Hex from the kernel's generator: new every run, never written to disk or shown in `ps`.
  local password
  password="$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')"
  [[ ${#password} -eq 48 ]] || fail "could not generate a password"
  as_postgres psql --quiet -v ON_ERROR_STOP=1 -p "${PG_PORT}" -d postgres >/dev/null <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${TEST_ROLE}') THEN
    CREATE ROLE ${TEST_ROLE} LOGIN PASSWORD '${password}';
  ELSE
    ALTER ROLE ${TEST_ROLE} WITH LOGIN PASSWORD '${password}';
  END IF;
END
\$\$;
DROP DATABASE IF EXISTS ${TEST_DATABASE} WITH (FORCE);
CREATE DATABASE ${TEST_DATABASE} OWNER ${TEST_ROLE};
SQL
  export ACTORCITY_TEST_POSTGRES="Host=127.0.0.1;Port=${PG_PORT};Database=${TEST_DATABASE};Username=${TEST_ROLE};Password=${password}"
  echo "Database ${TEST_DATABASE} recreated, owned by role ${TEST_ROLE} (password generated for this run)."
}

run_tests() {
  command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK is not on PATH (need SDK 10.0.x)"
  export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
  local log status
  log="$(mktemp)"
  set +e
  dotnet test "${ROOT}/ActorCity.sln" -c Release --logger "console;verbosity=minimal" 2>&1 | tee "${log}"
  status=${PIPESTATUS[0]}
  set -e
  step "Totals"
  # One summary line per test assembly: "Passed!  - Failed: 0, Passed: 36, Skipped: 0, Total: 36, ..."
  awk '/(Passed|Failed)! +- +Failed:/ {
         gsub(",", "")
         for (i = 1; i <= NF; i++) {
           if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1)
           if ($i == "Skipped:") s += $(i + 1); if ($i == "Total:") t += $(i + 1)
         }
         n++
       }
       END {
         printf "%d test assemblies, %d tests\n", n, t
         printf "Totals: %d passed, %d failed, %d skipped\n", p, f, s
       }' "${log}"
  rm -f "${log}"
  echo "dotnet test exit code: ${status}"
  return "${status}"
}

step "PostgreSQL ${PG_VERSION}: install if missing"
install_postgres
step "PostgreSQL ${PG_VERSION}: start cluster ${PG_CLUSTER}"
start_postgres
step "PostgreSQL: private test database"
create_test_database
step "Native build toolchain (clang, zlib): install if missing"
bash "${ROOT}/scripts/publish-native.sh" --toolchain-only
step "dotnet test ActorCity.sln -c Release"
run_tests
