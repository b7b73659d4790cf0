"""pyodbc over unixODBC and MariaDB Connector/ODBC against oktasql serve:
the catalog calls Excel and Power BI make (SQLTables, SQLColumns,
SQLPrimaryKeys), parameters (SQLPrepare), JSON columns.

Run by session.sh with OKTASQL_HOST, OKTASQL_PORT and OKTASQL_DATABASE set;
exits non-zero at the first wrong answer.
"""
import json
import os
import sys

import pyodbc


def check(what, ok, detail=""):
    if not ok:
        sys.exit(f"{what}: {detail}")
    print(f"ok  {what}")


dsn = ("DRIVER={{{}}};SERVER={};PORT={};USER=root;DATABASE={};"
       "INITSTMT=SET oktasql_json_as_text=1").format(
    os.environ.get("OKTASQL_ODBC_DRIVER", "MariaDB Unicode"), os.environ["OKTASQL_HOST"],
    os.environ["OKTASQL_PORT"], os.environ.get("OKTASQL_DATABASE", "okta"))
conn = pyodbc.connect(dsn, autocommit=True)
cur = conn.cursor()

tables = [t.table_name for t in cur.tables(tableType="TABLE")]
check("SQLTables", {"users", "groups", "group_members"} <= set(tables), tables[:10])

cols = {c.column_name: c for c in cur.columns(table="users")}
check("SQLColumns(users)", {"id", "status", "created", "profile"} <= set(cols), sorted(cols)[:10])
check("SQLColumns: created is a timestamp", cols["created"].data_type == pyodbc.SQL_TYPE_TIMESTAMP, cols["created"].data_type)

pk = [r.column_name for r in cur.primaryKeys(table="group_members")]
check("SQLPrimaryKeys(group_members)", pk == ["group_id", "id"], pk)

rows = cur.execute("SELECT profile_name FROM groups WHERE type = ?", "BUILT_IN").fetchall()
check("a parameter (SQLPrepare) on groups", [r[0] for r in rows] == ["Everyone"], rows)

row = cur.execute("SELECT profile_login, profile FROM users WHERE status = ? LIMIT 1", "ACTIVE").fetchone()
check("a JSON column", json.loads(row[1])["login"] == row[0], row)

conn.close()
