#!/usr/bin/env bash
# unixODBC's isql and pyodbc, through MariaDB Connector/ODBC, against
# oktasql serve. Run by cmd/oktasql's TestClients with OKTASQL_HOST,
# OKTASQL_PORT and OKTASQL_DATABASE set; exits non-zero at the first wrong
# answer.
set -euo pipefail
db=${OKTASQL_DATABASE:-okta}
driver=${OKTASQL_ODBC_DRIVER:-MariaDB Unicode}
conn="DRIVER={$driver};SERVER=$OKTASQL_HOST;PORT=$OKTASQL_PORT;USER=root;DATABASE=$db"

got=$(echo "SELECT profile_name FROM groups WHERE type = 'BUILT_IN'" | isql -k "$conn" -b -d'|' 2>&1 | tr -d '\r' | grep -v '^$' | head -1)
if [ "$got" != "Everyone" ]; then
  echo "FAIL isql: got: $got" >&2
  exit 1
fi
echo "ok  isql"

/usr/bin/python3 session.py
