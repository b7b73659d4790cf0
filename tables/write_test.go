package tables_test

import (
	"context"
	gosql "database/sql"
	"strings"
	"testing"
)

// writeSession is one MySQL connection to a fresh emulated org, for write
// scripts whose session variables and changes carry from step to step.
type writeSession struct {
	t    *testing.T
	h    *harness
	conn *gosql.Conn
	// vars are the script's placeholders ({name} in a writeStep).
	vars map[string]string
}

// newWriteSession starts the org behind a validating proxy: every request
// the script makes must validate against the spec.
func newWriteSession(t *testing.T) *writeSession {
	h := newSpecHarness(t, 80)
	return sessionOn(t, h, h.db)
}

// sessionOn opens one connection of db, a server over h's org.
func sessionOn(t *testing.T, h *harness, db *gosql.DB) *writeSession {
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return &writeSession{t: t, h: h, conn: conn, vars: map[string]string{}}
}

// exec runs a statement and returns its error and the requests it made.
func (s *writeSession) exec(q string) ([]string, error) {
	s.t.Helper()
	s.h.requests()
	_, err := s.conn.ExecContext(context.Background(), q)
	return s.h.requests(), err
}

// value runs a one-value query.
func (s *writeSession) value(q string) string {
	s.t.Helper()
	var v gosql.NullString
	if err := s.conn.QueryRowContext(context.Background(), q).Scan(&v); err != nil {
		s.t.Fatalf("%s: %v", q, err)
	}
	return v.String
}

func (s *writeSession) mustExec(q string) []string {
	s.t.Helper()
	reqs, err := s.exec(q)
	if err != nil {
		s.t.Fatalf("%s: %v", q, err)
	}
	return reqs
}

func hasRequest(reqs []string, prefix string) bool {
	for _, r := range reqs {
		if strings.HasPrefix(r, prefix) {
			return true
		}
	}
	return false
}

func TestWritesGroups(t *testing.T) {
	s := newWriteSession(t)
	reqs := s.mustExec("INSERT INTO groups (profile_name, profile_description) VALUES ('oktasql team', 'made by a test')")
	if len(reqs) != 1 || !strings.HasPrefix(reqs[0], "POST /api/v1/groups") {
		t.Fatalf("INSERT made %q, want one POST /api/v1/groups", reqs)
	}
	id := s.value("SELECT @@oktasql_last_id")
	if id == "" {
		t.Fatal("@@oktasql_last_id is empty after INSERT")
	}
	if got := s.value("SELECT profile_description FROM groups WHERE id = '" + id + "'"); got != "made by a test" {
		t.Errorf("the new group reads back description %q", got)
	}

	reqs = s.mustExec("UPDATE groups SET profile_description = 'changed' WHERE id = '" + id + "'")
	if !hasRequest(reqs, "PUT /api/v1/groups/"+id) {
		t.Errorf("UPDATE made %q, want a read-modify-write PUT", reqs)
	}
	if got := s.value("SELECT profile_description FROM groups WHERE id = '" + id + "'"); got != "changed" {
		t.Errorf("after UPDATE the description is %q", got)
	}
	if got := s.value("SELECT profile_name FROM groups WHERE id = '" + id + "'"); got != "oktasql team" {
		t.Errorf("UPDATE of one column changed the name to %q", got)
	}

	user := s.value("SELECT id FROM users WHERE status = 'ACTIVE' LIMIT 1")
	reqs = s.mustExec("INSERT INTO group_members (group_id, id) VALUES ('" + id + "', '" + user + "')")
	if len(reqs) != 1 || reqs[0] != "PUT /api/v1/groups/"+id+"/users/"+user {
		t.Errorf("adding a member made %q", reqs)
	}
	if got := s.value("SELECT count(*) FROM group_members WHERE group_id = '" + id + "'"); got != "1" {
		t.Errorf("the group has %s members, want 1", got)
	}
	reqs = s.mustExec("DELETE FROM group_members WHERE group_id = '" + id + "' AND id = '" + user + "'")
	if !hasRequest(reqs, "DELETE /api/v1/groups/"+id+"/users/"+user) {
		t.Errorf("removing a member made %q", reqs)
	}
	reqs = s.mustExec("DELETE FROM groups WHERE id = '" + id + "'")
	if !hasRequest(reqs, "DELETE /api/v1/groups/"+id) {
		t.Errorf("DELETE made %q", reqs)
	}
	if got := s.value("SELECT count(*) FROM groups WHERE id = '" + id + "'"); got != "0" {
		t.Errorf("the deleted group is still there")
	}
}

func TestWritesUsersLifecycle(t *testing.T) {
	s := newWriteSession(t)
	user := s.value("SELECT id FROM users WHERE status = 'ACTIVE' LIMIT 1")

	reqs := s.mustExec("UPDATE users SET profile_title = 'Chief Query Officer' WHERE id = '" + user + "'")
	if !hasRequest(reqs, "POST /api/v1/users/"+user) {
		t.Errorf("a profile UPDATE made %q, want the partial-update POST", reqs)
	}
	if got := s.value("SELECT profile_title FROM users WHERE id = '" + user + "'"); got != "Chief Query Officer" {
		t.Errorf("title reads back %q", got)
	}

	reqs = s.mustExec("UPDATE users SET status = 'SUSPENDED' WHERE id = '" + user + "'")
	if !hasRequest(reqs, "POST /api/v1/users/"+user+"/lifecycle/suspend") {
		t.Errorf("a status UPDATE made %q, want the suspend call", reqs)
	}
	if got := s.value("SELECT status FROM users WHERE id = '" + user + "'"); got != "SUSPENDED" {
		t.Errorf("status reads back %q", got)
	}
	if _, err := s.exec("CALL user_suspend('" + user + "')"); err == nil || !strings.Contains(err.Error(), "E0000038") {
		t.Errorf("suspending a suspended user: error %v, want Okta's E0000038", err)
	}
	s.mustExec("CALL user_unsuspend('" + user + "')")
	if got := s.value("SELECT status FROM users WHERE id = '" + user + "'"); got != "ACTIVE" {
		t.Errorf("after user_unsuspend the status is %q", got)
	}
	if _, err := s.exec("CALL user_unsuspend()"); err == nil || !strings.Contains(err.Error(), "required") {
		t.Errorf("a CALL without its argument: error %v, want one naming the missing argument", err)
	}
}

func TestWriteSafety(t *testing.T) {
	s := newWriteSession(t)
	if _, err := s.exec("UPDATE users SET profile_title = 'x'"); err == nil || !strings.Contains(err.Error(), "sql_safe_updates") {
		t.Errorf("UPDATE with no WHERE: error %v, want the safe-updates refusal", err)
	}
	if _, err := s.exec("DELETE FROM groups"); err == nil || !strings.Contains(err.Error(), "sql_safe_updates") {
		t.Errorf("DELETE with no WHERE: error %v, want the safe-updates refusal", err)
	}
	s.mustExec("SET oktasql_max_affected_rows = 2")
	reqs, err := s.exec("UPDATE users SET profile_title = 'x' WHERE status = 'ACTIVE'")
	if err == nil || !strings.Contains(err.Error(), "oktasql_max_affected_rows") {
		t.Errorf("UPDATE of many rows: error %v, want the row guard", err)
	}
	for _, r := range reqs {
		if !strings.HasPrefix(r, "GET ") {
			t.Errorf("a refused UPDATE wrote: %s", r)
		}
	}
	user := s.value("SELECT id FROM users WHERE status = 'ACTIVE' LIMIT 1")
	s.mustExec("SET oktasql_dry_run = 1")
	reqs = s.mustExec("UPDATE users SET status = 'SUSPENDED' WHERE id = '" + user + "'")
	for _, r := range reqs {
		if !strings.HasPrefix(r, "GET ") {
			t.Errorf("a dry run wrote: %s", r)
		}
	}
	rows, err := s.conn.QueryContext(context.Background(), "SHOW WARNINGS")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var notes []string
	for rows.Next() {
		var level, msg string
		var code int
		rows.Scan(&level, &code, &msg)
		notes = append(notes, msg)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "POST /api/v1/users/"+user+"/lifecycle/suspend") {
		t.Errorf("dry-run notes = %q, want the suspend call", notes)
	}
	if got := s.value("SELECT status FROM users WHERE id = '" + user + "'"); got != "ACTIVE" {
		t.Errorf("a dry run changed the status to %q", got)
	}
}

func TestDeleteUserTwoStep(t *testing.T) {
	s := newWriteSession(t)
	user := s.value("SELECT id FROM users WHERE status = 'ACTIVE' LIMIT 1")
	s.mustExec("DELETE FROM users WHERE id = '" + user + "'")
	if got := s.value("SELECT status FROM users WHERE id = '" + user + "'"); got != "DEPROVISIONED" {
		t.Fatalf("after one DELETE the user is %q, want DEPROVISIONED", got)
	}
	s.mustExec("DELETE FROM users WHERE id = '" + user + "'")
	if got := s.value("SELECT count(*) FROM users WHERE id = '" + user + "'"); got != "0" {
		t.Errorf("after the second DELETE the user still exists")
	}
}

func TestWritesApps(t *testing.T) {
	s := newWriteSession(t)
	app := s.value("SELECT id FROM apps WHERE status = 'ACTIVE' LIMIT 1")
	user := s.value("SELECT id FROM users WHERE status = 'ACTIVE' LIMIT 1")

	reqs := s.mustExec("INSERT INTO app_users (app_id, id) VALUES ('" + app + "', '" + user + "')")
	if !hasRequest(reqs, "POST /api/v1/apps/"+app+"/users") {
		t.Errorf("assigning a user made %q", reqs)
	}
	if got := s.value("SELECT count(*) FROM app_users WHERE app_id = '" + app + "' AND id = '" + user + "'"); got != "1" {
		t.Errorf("the assignment reads back %s rows", got)
	}
	reqs = s.mustExec("DELETE FROM app_users WHERE app_id = '" + app + "' AND id = '" + user + "'")
	if !hasRequest(reqs, "DELETE /api/v1/apps/"+app+"/users/"+user) {
		t.Errorf("unassigning made %q", reqs)
	}

	if _, err := s.exec("DELETE FROM apps WHERE id = '" + app + "'"); err == nil || !strings.Contains(err.Error(), "oktasql_deactivate_before_delete") {
		t.Errorf("deleting an ACTIVE app: error %v, want the rule and how to proceed", err)
	}
	s.mustExec("SET oktasql_deactivate_before_delete = 1")
	reqs = s.mustExec("DELETE FROM apps WHERE id = '" + app + "'")
	if len(reqs) < 2 || !hasRequest(reqs, "POST /api/v1/apps/"+app+"/lifecycle/deactivate") || !hasRequest(reqs, "DELETE /api/v1/apps/"+app) {
		t.Errorf("deleting with deactivation first made %q", reqs)
	}
	if got := s.value("SELECT count(*) FROM apps WHERE id = '" + app + "'"); got != "0" {
		t.Errorf("the deleted app is still there")
	}
	app2 := s.value("SELECT id FROM apps WHERE status = 'ACTIVE' LIMIT 1")
	reqs = s.mustExec("UPDATE apps SET status = 'INACTIVE' WHERE id = '" + app2 + "'")
	if !hasRequest(reqs, "POST /api/v1/apps/"+app2+"/lifecycle/deactivate") {
		t.Errorf("a status UPDATE made %q", reqs)
	}
}

// TestMultiRowFailureMidway updates rows of which one fails in Okta: the
// statement stops there and says which rows were applied.
func TestMultiRowFailureMidway(t *testing.T) {
	s := newWriteSession(t)
	active := s.value("SELECT id FROM users WHERE status = 'ACTIVE' LIMIT 1")
	staged := s.value("SELECT id FROM users WHERE status NOT IN ('ACTIVE', 'SUSPENDED') LIMIT 1")
	_, err := s.exec("UPDATE users SET status = 'SUSPENDED' WHERE id IN ('" + active + "', '" + staged + "')")
	if err == nil || !strings.Contains(err.Error(), "applied") || !strings.Contains(err.Error(), "no Okta lifecycle operation") && !strings.Contains(err.Error(), "E0000038") {
		t.Fatalf("error = %v, want the partial-failure report", err)
	}
}
