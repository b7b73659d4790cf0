package main

import (
	"context"
	gosql "database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
)

// clientsRequired, set to 1 by .ci/run, fails a client whose runtime is
// missing instead of skipping it.
const clientsRequired = "OKTASQL_CLIENTS_REQUIRED"

// clientsDir holds each client's scripted session (README "Clients").
const clientsDir = "../../clients"

// suiteClient is one client of the suite: a program that runs a scripted
// session against the server named by OKTASQL_HOST, OKTASQL_PORT and
// OKTASQL_DATABASE, checks every answer and exits non-zero on a wrong one.
type suiteClient struct {
	name string
	// needs are commands that must be installed; probe, when set, must
	// also succeed (a driver importable, a package installed).
	needs []string
	probe []string
	// run is the command, run in clientsDir/dir.
	dir string
	run []string
}

// clientSuite lists the clients; `go test ./cmd/oktasql -run
// 'TestClients/python'` runs one.
var clientSuite = []suiteClient{
	{name: "mariadb", needs: []string{"mariadb", "bash"}, dir: "mariadb", run: []string{"bash", "session.sh"}},
	{name: "python/pymysql", needs: []string{"/usr/bin/python3"}, probe: []string{"/usr/bin/python3", "-c", "import pymysql"},
		dir: "python", run: []string{"/usr/bin/python3", "pymysql_session.py"}},
	{name: "python/sqlalchemy", needs: []string{"/usr/bin/python3"}, probe: []string{"/usr/bin/python3", "-c", "import pymysql, sqlalchemy"},
		dir: "python", run: []string{"/usr/bin/python3", "sqlalchemy_reflect.py"}},
	{name: "node", needs: []string{"node"}, probe: []string{"node", "-e", "require('mysql2'); require('knex')"},
		dir: "node", run: []string{"node", "session.js"}},
	{name: "java", needs: []string{"java", mariadbJDBC}, dir: "java", run: []string{"java", "-cp", mariadbJDBC, "Session.java"}},
	{
		name:  "odbc",
		needs: []string{"isql", "odbcinst", "/usr/bin/python3"},
		probe: []string{"bash", "-c", "odbcinst -q -d -n 'MariaDB Unicode' && /usr/bin/python3 -c 'import pyodbc'"},
		dir:   "odbc",
		run:   []string{"bash", "session.sh"},
	},
}

// mariadbJDBC is MariaDB Connector/J as Debian's libmariadb-java installs it.
const mariadbJDBC = "/usr/share/java/mariadb-java-client.jar"

// TestClients runs the client suite against `oktasql serve` on an
// emulated org: each MySQL client, driver and tool of clientSuite, and Go's
// go-sql-driver in process.
func TestClients(t *testing.T) {
	port := startServe(t)
	env := append(os.Environ(), "OKTASQL_HOST=127.0.0.1", "OKTASQL_PORT="+port, "OKTASQL_DATABASE=okta")
	for _, c := range clientSuite {
		t.Run(c.name, func(t *testing.T) {
			if missing := c.missing(); missing != "" {
				if os.Getenv(clientsRequired) == "1" {
					t.Fatalf("%s: %s (.ci/run installs it)", c.name, missing)
				}
				t.Skipf("%s: %s (.ci/run installs it; %s=1 fails instead)", c.name, missing, clientsRequired)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, c.run[0], c.run[1:]...)
			cmd.Dir = filepath.Join(clientsDir, c.dir)
			cmd.Env = env
			start := time.Now()
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%s: %v\n%s", strings.Join(c.run, " "), err, out)
			}
			t.Logf("%s (%.1fs):\n%s", c.name, time.Since(start).Seconds(), out)
		})
	}
	t.Run("go", func(t *testing.T) { goDriverSession(t, port) })
}

// missing says what of the client's runtime is not installed, "" when
// nothing is.
func (c suiteClient) missing() string {
	for _, n := range c.needs {
		if strings.HasPrefix(n, "/") {
			if _, err := os.Stat(n); err != nil {
				return n + " is not installed"
			}
		} else if _, err := exec.LookPath(n); err != nil {
			return n + " is not installed"
		}
	}
	if len(c.probe) > 0 {
		cmd := exec.Command(c.probe[0], c.probe[1:]...)
		cmd.Dir = filepath.Join(clientsDir, c.dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Sprintf("%s failed: %s", strings.Join(c.probe, " "), strings.TrimSpace(string(out)))
		}
	}
	return ""
}

// goDriverSession is go-sql-driver's session: server-side prepared
// statements (placeholders without interpolateParams) and client-side
// interpolation, naming groups unquoted.
func goDriverSession(t *testing.T, port string) {
	for _, interpolate := range []bool{false, true} {
		cfg := mysql.NewConfig()
		cfg.User, cfg.Net, cfg.Addr, cfg.DBName = "root", "tcp", "127.0.0.1:"+port, "okta"
		cfg.ParseTime, cfg.InterpolateParams = true, interpolate
		db, err := gosql.Open("mysql", cfg.FormatDSN())
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		t.Run(fmt.Sprintf("interpolateParams=%v", interpolate), func(t *testing.T) {
			var name string
			if err := db.QueryRow("SELECT profile_name FROM groups WHERE type = ?", "BUILT_IN").Scan(&name); err != nil || name != "Everyone" {
				t.Fatalf("groups by a placeholder: %q, %v", name, err)
			}
			stmt, err := db.Prepare("SELECT count(*) FROM users WHERE status = ?")
			if err != nil {
				t.Fatal(err)
			}
			defer stmt.Close()
			total := 0
			for _, status := range []string{"ACTIVE", "STAGED", "PROVISIONED", "RECOVERY", "LOCKED_OUT", "PASSWORD_EXPIRED", "SUSPENDED", "DEPROVISIONED"} {
				var n int
				if err := stmt.QueryRow(status).Scan(&n); err != nil {
					t.Fatalf("%s: %v", status, err)
				}
				total += n
			}
			var all int
			if err := db.QueryRow("SELECT count(*) FROM users").Scan(&all); err != nil || total != all {
				t.Fatalf("users by status add up to %d, count(*) = %d (%v)", total, all, err)
			}
			var created time.Time
			var enabled bool
			if err := db.QueryRow("SELECT created, accessibility_self_service FROM apps WHERE status = ? LIMIT 1", "ACTIVE").Scan(&created, &enabled); err != nil || created.IsZero() {
				t.Fatalf("typed columns: %v, %v", created, err)
			}
		})
	}
}
