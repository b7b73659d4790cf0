"""PyMySQL against oktasql serve: parameters, reserved names, types.

Run by cmd/oktasql's TestClients with OKTASQL_HOST, OKTASQL_PORT and
OKTASQL_DATABASE set; exits non-zero at the first wrong answer.
"""
import datetime
import decimal
import json
import os
import sys

import pymysql


def connect(**kw):
    return pymysql.connect(host=os.environ["OKTASQL_HOST"], port=int(os.environ["OKTASQL_PORT"]),
                           user="root", database=os.environ.get("OKTASQL_DATABASE", "okta"), **kw)


def check(what, got, want):
    if got != want:
        sys.exit(f"{what}: got {got!r}, want {want!r}")
    print(f"ok  {what}")


conn = connect()
cur = conn.cursor()

cur.execute("SELECT VERSION(), @@version")
version, variable = cur.fetchone()
check("VERSION() = @@version = handshake", (version, variable), (conn.server_version, conn.server_version))

cur.execute("SELECT count(*) FROM users")
(total,) = cur.fetchone()
cur.execute("SELECT status, count(*) FROM users GROUP BY status")
check("users by status add up", sum(n for _, n in cur.fetchall()), total)

# PyMySQL interpolates %s on the client; the text query names groups unquoted.
cur.execute("SELECT id, profile_name FROM groups WHERE type = %s", ("BUILT_IN",))
check("groups by a parameter", [r[1] for r in cur.fetchall()], ["Everyone"])

cur.execute("SELECT id FROM users ORDER BY id LIMIT 1")
(uid,) = cur.fetchone()
cur.execute("SELECT id, profile_login, created, profile, status FROM users WHERE id = %s", (uid,))
row = cur.fetchone()
check("point read by id", row[0], uid)
check("DATETIME is a datetime", type(row[2]), datetime.datetime)
check("JSON column holds the profile", json.loads(row[3])["login"], row[1])

cur.execute("SELECT accessibility_self_service FROM apps LIMIT 1")
check("boolean is tinyint(1)", cur.description[0][3], 1)

cur.execute("SELECT 1/0")
cur.execute("SELECT @@warning_count")
check("@@warning_count of the previous statement", cur.fetchone()[0], 1)

cur.execute("SELECT name FROM mysql.help_topic WHERE name LIKE 'SHOW %%'")
check("mysql.help_topic reads empty", cur.fetchall(), ())

cur.execute("SELECT * FROM users LIMIT 0")
check("LIMIT 0 metadata probe", len(cur.description) > 10, True)

cur.execute("SHOW CREATE PROCEDURE user_suspend")
check("SHOW CREATE PROCEDURE names its parameters", "IN user_id" in cur.fetchone()[2], True)

cur.execute("SELECT SUM(users_count), AVG(users_count) FROM groups")
check("SUM and AVG of integers are DECIMAL", [type(v) for v in cur.fetchone()], [decimal.Decimal, decimal.Decimal])

cur.execute("SELECT variable_value FROM performance_schema.session_variables WHERE variable_name = 'autocommit'")
check("performance_schema.session_variables", cur.fetchone(), ("1",))
cur.execute("SELECT schema_name FROM information_schema.schemata WHERE schema_name = 'mysql'")
check("information_schema.SCHEMATA lists mysql", cur.fetchall(), (("mysql",),))

cur.execute("SELECT column_comment FROM information_schema.columns "
            "WHERE table_schema = DATABASE() AND table_name = 'users' AND column_name = 'status'")
comment = cur.fetchone()[0]
check("COLUMN_COMMENT names the JSON path and the enum", comment.startswith("$.status;") and "enum: ACTIVE" in comment, True)

# Tableau's temporary-table probe, and a temporary copy of a query
cur.execute("CREATE TEMPORARY TABLE tableau_probe (a INT)")
cur.execute("DROP TABLE tableau_probe")
cur.execute("CREATE TEMPORARY TABLE active AS SELECT id FROM users WHERE status = 'ACTIVE'")
cur.execute("SELECT count(*) FROM active")
(copied,) = cur.fetchone()
cur.execute("SELECT count(*) FROM users WHERE status = 'ACTIVE'")
check("CREATE TEMPORARY TABLE ... AS SELECT", copied, cur.fetchone()[0])

conn.close()

# A latin1 client: no SET NAMES, its literals and results in latin1.
latin1 = connect(charset="latin1")
lcur = latin1.cursor()
lcur.execute("SELECT profile_first_name FROM users WHERE profile_first_name REGEXP '[^ -~]' ORDER BY id LIMIT 1")
(name,) = lcur.fetchone()
lcur.execute("SELECT count(*) FROM users WHERE profile_first_name = %s", (name,))
check(f"a latin1 client finds {name!r} by a literal", lcur.fetchone()[0] >= 1, True)
lcur.execute("SELECT 'café'")
check("a latin1 literal comes back", lcur.fetchone()[0], "café")
latin1.close()
