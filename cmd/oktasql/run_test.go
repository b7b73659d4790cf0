package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run runs the command in-process on an embedded emulated org of 100
// users and returns stdout and stderr.
func run(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }, Home: t.TempDir()}
	if len(args) == 0 || args[0] != "describe" && args[0] != "operations" && args[0] != "tables" {
		args = append(args, "--emulator-users", "100")
	}
	err := m.Run(context.Background(), args)
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	return out.String(), errOut.String(), err
}

func TestOneShotFormats(t *testing.T) {
	q := "SELECT status, count(*) AS n FROM users GROUP BY status ORDER BY status"
	t.Run("csv", func(t *testing.T) {
		out, stderr, err := run(t, "", "-e", q, "--format", "csv")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(stderr, "embedded emulated org") {
			t.Errorf("stderr does not say the org is emulated: %q", stderr)
		}
		recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatalf("not CSV: %v\n%s", err, out)
		}
		if len(recs) < 3 || recs[0][0] != "status" || recs[0][1] != "n" {
			t.Fatalf("csv = %q", recs)
		}
		total := 0
		for _, r := range recs[1:] {
			n := 0
			for _, c := range r[1] {
				n = n*10 + int(c-'0')
			}
			total += n
		}
		if total != 100 {
			t.Errorf("counts add up to %d, want 100 users", total)
		}
	})
	t.Run("json", func(t *testing.T) {
		out, _, err := run(t, "", "-e", "SELECT id, profile, status FROM users LIMIT 3", "--format", "json")
		if err != nil {
			t.Fatal(err)
		}
		var rows []map[string]any
		if err := json.Unmarshal([]byte(out), &rows); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		if len(rows) != 3 {
			t.Fatalf("got %d rows", len(rows))
		}
		if _, ok := rows[0]["profile"].(map[string]any); !ok {
			t.Errorf("profile is %T, want a JSON object", rows[0]["profile"])
		}
	})
	t.Run("tsv from stdin", func(t *testing.T) {
		out, _, err := run(t, "SELECT 1 AS a, 'x' AS b;\nSELECT count(*) FROM groups WHERE type = 'BUILT_IN';\n", "--format", "tsv")
		if err != nil {
			t.Fatal(err)
		}
		if out != "a\tb\n1\tx\ncount(*)\n1\n" {
			t.Errorf("output = %q", out)
		}
	})
	t.Run("table", func(t *testing.T) {
		out, _, err := run(t, "", "-e", "SELECT profile_name FROM groups WHERE profile_name = 'Everyone'")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "| profile_name |") || !strings.Contains(out, "| Everyone     |") {
			t.Errorf("output = %q", out)
		}
	})
	t.Run("bad format", func(t *testing.T) {
		if _, _, err := run(t, "", "-e", "SELECT 1", "--format", "xml"); err == nil || !strings.Contains(err.Error(), "xml") {
			t.Errorf("error = %v, want one naming the format", err)
		}
	})
	t.Run("error stops the script", func(t *testing.T) {
		_, _, err := run(t, "", "-e", "SELECT nope FROM users; SELECT 1")
		if err == nil || !strings.Contains(err.Error(), "nope") {
			t.Errorf("error = %v, want one naming the column", err)
		}
	})
}

func TestConfigFileOrgs(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "oktasql.yaml")
	os.WriteFile(cfg, []byte("orgs:\n  - name: acme\n    emulate: true\n    users: 30\n  - name: globex\n    emulate: true\n    users: 50\n    seed: 2\n"), 0o600)
	out, _, err := run(t, "", "--config", cfg, "-e", "SELECT count(*) FROM acme.users UNION ALL SELECT count(*) FROM globex.users", "--format", "tsv")
	if err != nil {
		t.Fatal(err)
	}
	if out != "count(*)\n30\n50\n" {
		t.Errorf("output = %q", out)
	}
	os.WriteFile(cfg, []byte("orgs:\n  - name: acme\n"), 0o600)
	if _, _, err := run(t, "", "--config", cfg, "-e", "SELECT 1"); err == nil || !strings.Contains(err.Error(), "orgUrl") {
		t.Errorf("error = %v, want one naming the missing orgUrl", err)
	}
}

func TestCatalogCommands(t *testing.T) {
	out, _, err := run(t, "", "describe", "users")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"profile_login", "profile.login", "listUsers", "user_suspend"} {
		if !strings.Contains(out, want) {
			t.Errorf("describe users lacks %q", want)
		}
	}
	out, _, err = run(t, "", "operations", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	var ops []map[string]any
	if err := json.Unmarshal([]byte(out), &ops); err != nil || len(ops) < 700 {
		t.Errorf("operations --format json: %d entries, %v", len(ops), err)
	}
}

// TestProgressOnlyOnATerminal checks that progress lines, drawn with
// terminal escape codes, go to stderr only when it is a terminal:
// `oktasql -e ... 2>log` keeps the log clean.
func TestProgressOnlyOnATerminal(t *testing.T) {
	tests := []struct {
		name             string
		stdin, stderr    bool
		format           string
		progress, wanted bool
	}{
		{"terminal", true, true, "table", true, true},
		{"stderr to a file", true, false, "table", true, false},
		{"stdin from a pipe, stderr a terminal", false, true, "table", true, true},
		{"csv", true, true, "csv", true, false},
		{"--progress=false", true, true, "table", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &Main{StdinIsTerminal: tt.stdin, StderrIsTerminal: tt.stderr}
			if got := m.showsProgress(&options{format: tt.format, progress: tt.progress}); got != tt.wanted {
				t.Errorf("showsProgress = %v, want %v", got, tt.wanted)
			}
		})
	}
}
