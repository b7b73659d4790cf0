package main

import (
	"strings"
	"testing"
)

// TestWriteFlags checks --dry-run and --read-only on a one-shot script.
func TestWriteFlags(t *testing.T) {
	t.Run("dry run", func(t *testing.T) {
		script := "INSERT INTO groups (profile_name) VALUES ('dry group'); " +
			"SELECT seq, method, path, body->>'$.profile.name' FROM oktasql_dry_run; " +
			"SELECT count(*) FROM groups WHERE profile_name = 'dry group'"
		out, stderr, err := run(t, "", "--dry-run", "--format", "tsv", "-e", script)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "1\tPOST\t/api/v1/groups\tdry group\n") || !strings.HasSuffix(out, "count(*)\n0\n") {
			t.Errorf("output = %q, want the planned POST as a row and no group created", out)
		}
		if !strings.Contains(stderr, `dry run: POST /api/v1/groups {"profile":{"name":"dry group"}}`) {
			t.Errorf("stderr = %q, want the dry-run note", stderr)
		}
	})
	t.Run("read only", func(t *testing.T) {
		for _, q := range []string{"INSERT INTO groups (profile_name) VALUES ('x')", "CALL user_suspend('00uNOPE')"} {
			if _, _, err := run(t, "", "--read-only", "-e", q); err == nil || !strings.Contains(err.Error(), "read only") {
				t.Errorf("%s: error = %v, want the read-only refusal", q, err)
			}
		}
	})
}
