#!/usr/bin/env bash
# Debian's mariadb client (batch mode) and mycli against oktasql serve.
# Run by cmd/oktasql's TestClients with OKTASQL_HOST, OKTASQL_PORT and
# OKTASQL_DATABASE set; exits non-zero at the first wrong answer.
set -euo pipefail
db=${OKTASQL_DATABASE:-okta}
sql() { mariadb -h "$OKTASQL_HOST" -P "$OKTASQL_PORT" -u root --batch --skip-column-names "$db" -e "$1"; }
check() { # what, got, want
  if [ "$2" != "$3" ]; then
    printf 'FAIL %s:\n got: %s\nwant: %s\n' "$1" "$2" "$3" >&2
    exit 1
  fi
  echo "ok  $1"
}

check "groups unquoted" "$(sql "SELECT profile_name FROM groups WHERE type = 'BUILT_IN'")" "Everyone"
check "VERSION() is the handshake's" "$(sql "SELECT VERSION()")" \
  "$(mariadb -h "$OKTASQL_HOST" -P "$OKTASQL_PORT" -u root "$db" -e status | sed -n 's/^Server version:[[:space:]]*//p' | cut -d' ' -f1)"
total=$(sql "SELECT count(*) FROM users")
check "users by status add up" "$(sql "SELECT status, count(*) FROM users GROUP BY status" | awk '{s += $2} END {print s}')" "$total"
check "a script of statements" "$(printf 'SELECT 1;\nSELECT count(*) FROM groups WHERE type = %s;\n' "'BUILT_IN'" |
  mariadb -h "$OKTASQL_HOST" -P "$OKTASQL_PORT" -u root --batch --skip-column-names "$db")" "$(printf '1\n1')"
check "boolean is tinyint(1)" "$(mariadb -h "$OKTASQL_HOST" -P "$OKTASQL_PORT" -u root "$db" --column-type-info -t \
  -e "SELECT accessibility_self_service FROM apps LIMIT 1" | sed -n 's/^Length:[[:space:]]*//p')" "1"
check "foreign keys in SHOW CREATE TABLE" \
  "$(sql "SHOW CREATE TABLE group_members" | grep -o 'FOREIGN KEY (`group_id`) REFERENCES `groups` (`id`)')" \
  'FOREIGN KEY (`group_id`) REFERENCES `groups` (`id`)'
check "EXPLAIN names the table" "$(sql "EXPLAIN SELECT id FROM users WHERE id = 'x'" | awk -F'\t' 'NR==1 {print $3}')" "users"

if command -v mycli >/dev/null 2>&1; then
  home=$(mktemp -d)
  trap 'rm -rf "$home"' EXIT
  check "mycli --execute" "$(HOME=$home mycli -h "$OKTASQL_HOST" -P "$OKTASQL_PORT" -u root -D "$db" --csv \
    -e "SELECT profile_name FROM groups WHERE type = 'BUILT_IN'" 2>/dev/null | tail -1)" '"Everyone"'
  if command -v script >/dev/null 2>&1; then
    # Interactive, under a pseudo-terminal: its completion reads the
    # catalog and mysql.help_topic as it starts, and logs what fails.
    out=$( (sleep 3; echo "SELECT profile_name FROM groups WHERE type = 'BUILT_IN';"; sleep 2; echo quit) |
      HOME=$home TERM=xterm timeout 30 script -q -c "mycli -h $OKTASQL_HOST -P $OKTASQL_PORT -u root -D $db" /dev/null 2>&1 || true)
    check "mycli interactive" "$(grep -a -q Everyone <<<"$out" && echo answered)" answered
    check "mycli's completion refresh" "$(grep -a -c ' ERROR ' "$home/.mycli.log" 2>/dev/null || true)" 0
  fi
else
  echo "skip mycli: not installed"
fi
