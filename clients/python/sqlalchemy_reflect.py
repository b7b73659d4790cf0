"""SQLAlchemy against oktasql serve: reflect every table, inspect keys.

Run by cmd/oktasql's TestClients with OKTASQL_HOST, OKTASQL_PORT and
OKTASQL_DATABASE set; exits non-zero at the first wrong answer.
"""
import os
import sys

import sqlalchemy as sa


def check(what, ok, detail=""):
    if not ok:
        sys.exit(f"{what}: {detail}")
    print(f"ok  {what}")


url = "mysql+pymysql://root@{}:{}/{}".format(os.environ["OKTASQL_HOST"], os.environ["OKTASQL_PORT"],
                                             os.environ.get("OKTASQL_DATABASE", "okta"))
engine = sa.create_engine(url)
insp = sa.inspect(engine)

names = insp.get_table_names()
check("get_table_names lists the catalog", {"users", "groups", "group_members", "apps"} <= set(names), names[:10])

md = sa.MetaData()
md.reflect(bind=engine)
check("MetaData.reflect() of every table", set(names) <= set(md.tables), sorted(set(names) - set(md.tables))[:10])

cols = {c["name"]: c for c in insp.get_columns("users")}
check("users columns", {"id", "status", "created", "profile", "profile_login"} <= set(cols), sorted(cols)[:10])
check("users.created is DATETIME", isinstance(cols["created"]["type"], sa.DateTime), cols["created"]["type"])
check("users.profile is JSON", isinstance(cols["profile"]["type"], sa.JSON), cols["profile"]["type"])

check("users primary key", insp.get_pk_constraint("users")["constrained_columns"] == ["id"], insp.get_pk_constraint("users"))
pk = insp.get_pk_constraint("group_members")["constrained_columns"]
check("group_members primary key", "group_id" in pk and "id" in pk, pk)

indexes = insp.get_indexes("group_members")
check("group_members is indexed by group_id", any(i["column_names"] == ["group_id"] for i in indexes), indexes)

fks = insp.get_foreign_keys("group_members")
check("group_members.group_id references groups.id",
      any(f["constrained_columns"] == ["group_id"] and f["referred_table"] == "groups" and f["referred_columns"] == ["id"] for f in fks), fks)

with engine.connect() as conn:
    users = md.tables["users"]
    n = conn.execute(sa.select(sa.func.count()).select_from(users).where(users.c.status == "ACTIVE")).scalar()
    check("a query built from the reflected table", n > 0, n)
    groups = md.tables["groups"]
    rows = conn.execute(sa.select(groups.c.profile_name).where(groups.c.type == sa.bindparam("t")), {"t": "BUILT_IN"}).all()
    check("the groups table by its SQLAlchemy name", [r[0] for r in rows] == ["Everyone"], rows)
