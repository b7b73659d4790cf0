// MariaDB Connector/J against oktasql serve: DatabaseMetaData (tables,
// columns, keys, indexes, procedures) and PreparedStatement with
// server-side prepare on and off. Run by cmd/oktasql's TestClients (java
// -cp mariadb-java-client.jar Session.java) with OKTASQL_HOST, OKTASQL_PORT
// and OKTASQL_DATABASE set; exits non-zero at the first wrong answer.
import java.sql.*;
import java.util.*;

public class Session {
    static void check(String what, boolean ok, Object detail) {
        if (!ok) {
            System.err.println("FAIL " + what + ": " + detail);
            System.exit(1);
        }
        System.out.println("ok  " + what);
    }

    static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> out = new ArrayList<>();
        while (rs.next()) out.add(rs.getString(name));
        rs.close();
        return out;
    }

    public static void main(String[] args) throws Exception {
        String db = Optional.ofNullable(System.getenv("OKTASQL_DATABASE")).orElse("okta");
        String base = "jdbc:mariadb://" + System.getenv("OKTASQL_HOST") + ":" + System.getenv("OKTASQL_PORT") + "/" + db + "?user=root";
        try (Connection c = DriverManager.getConnection(base)) {
            DatabaseMetaData md = c.getMetaData();
            check("getDatabaseProductVersion", md.getDatabaseProductVersion().endsWith("-oktasql"), md.getDatabaseProductVersion());

            List<String> tables = column(md.getTables(db, null, "%", new String[] {"TABLE"}), "TABLE_NAME");
            check("getTables", tables.containsAll(List.of("users", "groups", "group_members", "apps")), tables.size());

            Map<String, Integer> types = new HashMap<>();
            try (ResultSet rs = md.getColumns(db, null, "users", "%")) {
                while (rs.next()) types.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
            }
            check("getColumns: users.id is VARCHAR", types.get("id") == Types.VARCHAR, types.get("id"));
            check("getColumns: users.created is TIMESTAMP", types.get("created") == Types.TIMESTAMP, types.get("created"));

            List<String> pk = column(md.getPrimaryKeys(db, null, "group_members"), "COLUMN_NAME");
            check("getPrimaryKeys(group_members)", pk.equals(List.of("group_id", "id")), pk);

            try (ResultSet rs = md.getImportedKeys(db, null, "group_members")) {
                boolean found = false;
                while (rs.next()) {
                    found |= rs.getString("FKCOLUMN_NAME").equals("group_id") && rs.getString("PKTABLE_NAME").equals("groups")
                        && rs.getString("PKCOLUMN_NAME").equals("id");
                }
                check("getImportedKeys(group_members): group_id -> groups.id", found, "missing");
            }

            List<String> idx = column(md.getIndexInfo(db, null, "group_members", false, false), "COLUMN_NAME");
            check("getIndexInfo(group_members)", idx.contains("group_id"), idx);

            List<String> procs = column(md.getProcedures(db, null, "user_%"), "PROCEDURE_NAME");
            check("getProcedures", procs.contains("user_suspend"), procs.size());

            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT accessibility_self_service FROM apps LIMIT 1")) {
                rs.next();
                Object v = rs.getObject(1);
                check("a boolean column reads as Boolean", v instanceof Boolean, v == null ? null : v.getClass());
            }
        }

        for (String prep : new String[] {"false", "true"}) {
            try (Connection c = DriverManager.getConnection(base + "&useServerPrepStmts=" + prep);
                 PreparedStatement ps = c.prepareStatement("SELECT profile_name FROM groups WHERE type = ?")) {
                for (int i = 0; i < 2; i++) {
                    ps.setString(1, "BUILT_IN");
                    List<String> names = column(ps.executeQuery(), "profile_name");
                    check("PreparedStatement on groups (useServerPrepStmts=" + prep + "), run " + (i + 1),
                        names.equals(List.of("Everyone")), names);
                }
                try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM users WHERE status = ? AND created < ?")) {
                    count.setString(1, "ACTIVE");
                    count.setTimestamp(2, Timestamp.valueOf("2100-01-01 00:00:00"));
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        check("typed parameters (useServerPrepStmts=" + prep + ")", rs.getLong(1) > 0, rs.getLong(1));
                    }
                }
            }
        }
    }
}
