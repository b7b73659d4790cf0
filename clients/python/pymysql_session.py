"""PyMySQL against oktasql serve: parameters, reserved names, types.

Run by cmd/oktasql's TestClients with OKTASQL_HOST, OKTASQL_PORT and
OKTASQL_DATABASE set; exits non-zero at the first wrong answer.
"""
import datetime
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

conn.close()
