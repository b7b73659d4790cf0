package tables_test

import (
	"context"
	"strings"
	"testing"

	"github.com/oktasql/oktasql/schema"
	"github.com/oktasql/oktasql/tables"
)

// writeStep is one statement of a write script, run on the session's
// connection. {name} placeholders in every field are the session's vars.
type writeStep struct {
	query string
	// rows, when set, is the statement's exact answer (cells joined by |,
	// in order).
	rows []string
	// err, when set, must appear in the statement's error.
	err string
	// calls are the writes (requests other than GET) the statement must
	// make, exactly and in order, each given by a prefix of its request
	// line ("POST /api/v1/zones/00z.../lifecycle/deactivate").
	calls []string
	// save names a var that takes @@oktasql_last_id after the statement:
	// the id of the row it created.
	save string
}

// run runs a script, stopping at the first step that fails: later steps
// build on it.
func (s *writeSession) run(steps []writeStep) {
	s.t.Helper()
	for i, st := range steps {
		var pairs []string
		for k, v := range s.vars {
			pairs = append(pairs, "{"+k+"}", v)
		}
		r := strings.NewReplacer(pairs...)
		q := r.Replace(st.query)
		s.h.requests()
		var rows []string
		var err error
		if st.rows != nil {
			rows, err = query(s.t, s.conn, q, true)
		} else {
			_, err = s.conn.ExecContext(context.Background(), q)
		}
		var writes []string
		for _, req := range s.h.requests() {
			if !strings.HasPrefix(req, "GET ") {
				writes = append(writes, req)
			}
		}
		switch {
		case st.err != "":
			if want := r.Replace(st.err); err == nil || !strings.Contains(err.Error(), want) {
				s.t.Fatalf("step %d: %s\nerror = %v, want one containing %q", i+1, q, err, want)
			}
		case err != nil:
			s.t.Fatalf("step %d: %s\nfailed: %v", i+1, q, err)
		case st.rows != nil:
			want := make([]string, len(st.rows))
			for k, row := range st.rows {
				want[k] = r.Replace(row)
			}
			if strings.Join(rows, "\n") != strings.Join(want, "\n") {
				s.t.Fatalf("step %d: %s\nrows = %q\nwant   %q", i+1, q, rows, want)
			}
		}
		calls := make([]string, len(st.calls))
		for k, c := range st.calls {
			calls[k] = r.Replace(c)
		}
		ok := len(writes) == len(calls)
		for k := 0; ok && k < len(writes); k++ {
			ok = strings.HasPrefix(writes[k], calls[k])
		}
		if !ok {
			s.t.Fatalf("step %d: %s\nwrites = %q\nwant     %q", i+1, q, writes, calls)
		}
		if st.save != "" {
			s.vars[st.save] = s.value("SELECT @@oktasql_last_id")
		}
	}
}

// lifecycleResource describes a resource with a status that activate and
// deactivate calls change, for lifecycleScript.
type lifecycleResource struct {
	table string
	// path is the collection's API path.
	path string
	// key restricts the WHERE clause to the parent ("policy_id = '{policy}' AND "), if any.
	key string
	// columns and values of the INSERT.
	columns, values string
	// read are columns read back; inserted is what they read after the
	// INSERT.
	read, inserted string
	// set is an UPDATE's SET clause; updated is what read reads then.
	set, updated string
}

// lifecycleScript is the write script of a resource: INSERT; UPDATE of one
// column (a read-modify-write PUT that keeps the others); status changes
// through UPDATE; DELETE refused while ACTIVE, with deactivation first
// when the session allows it, and plain once INACTIVE.
func lifecycleScript(r lifecycleResource) []writeStep {
	where := " WHERE " + r.key + "id = '{id}'"
	item := r.path + "/{id}"
	return []writeStep{
		{query: "INSERT INTO " + r.table + " (" + r.columns + ") VALUES (" + r.values + ")", calls: []string{"POST " + r.path}, save: "id"},
		{query: "SELECT " + r.read + ", status FROM " + r.table + where, rows: []string{r.inserted + "|ACTIVE"}},
		{query: "UPDATE " + r.table + " SET " + r.set + where, calls: []string{"PUT " + item}},
		{query: "SELECT " + r.read + ", status FROM " + r.table + where, rows: []string{r.updated + "|ACTIVE"}},
		{query: "UPDATE " + r.table + " SET status = 'INACTIVE'" + where, calls: []string{"POST " + item + "/lifecycle/deactivate"}},
		{query: "SELECT status FROM " + r.table + where, rows: []string{"INACTIVE"}},
		{query: "UPDATE " + r.table + " SET status = 'ACTIVE'" + where, calls: []string{"POST " + item + "/lifecycle/activate"}},
		{query: "SELECT " + r.read + ", status FROM " + r.table + where, rows: []string{r.updated + "|ACTIVE"}},
		{query: "DELETE FROM " + r.table + where, err: "oktasql_deactivate_before_delete"},
		{query: "SET oktasql_deactivate_before_delete = 1"},
		{query: "DELETE FROM " + r.table + where, calls: []string{"POST " + item + "/lifecycle/deactivate", "DELETE " + item}},
		{query: "SELECT count(*) FROM " + r.table + where, rows: []string{"0"}},
		{query: "SET oktasql_deactivate_before_delete = 0"},
		{query: "INSERT INTO " + r.table + " (" + r.columns + ") VALUES (" + r.values + ")", calls: []string{"POST " + r.path}, save: "id"},
		{query: "UPDATE " + r.table + " SET status = 'INACTIVE'" + where, calls: []string{"POST " + item + "/lifecycle/deactivate"}},
		{query: "DELETE FROM " + r.table + where, calls: []string{"DELETE " + item}},
		{query: "SELECT count(*) FROM " + r.table + where, rows: []string{"0"}},
	}
}

func TestWriteScriptNetworkZones(t *testing.T) {
	newWriteSession(t).run(lifecycleScript(lifecycleResource{
		table: "network_zones", path: "/api/v1/zones",
		columns: "type, name, gateways", values: `'IP', 'oktasql office', '[{"type": "CIDR", "value": "192.0.2.0/24"}]'`,
		read: "name, gateways", inserted: `oktasql office|[{"type": "CIDR", "value": "192.0.2.0/24"}]`,
		set: "name = 'oktasql HQ'", updated: `oktasql HQ|[{"type": "CIDR", "value": "192.0.2.0/24"}]`,
	}))
}

func TestWriteScriptEventHooks(t *testing.T) {
	newWriteSession(t).run(lifecycleScript(lifecycleResource{
		table: "event_hooks", path: "/api/v1/eventHooks",
		columns: "name, channel, events",
		values:  `'oktasql hook', '{"type": "HTTP", "version": "1.0.0", "config": {"uri": "https://hooks.example.com/okta", "authScheme": {"type": "HEADER", "key": "Authorization", "value": "s3cret"}}}', '{"type": "EVENT_TYPE", "items": ["user.lifecycle.create"]}'`,
		read:    "name, channel_type, events->>'$.items[0]'", inserted: "oktasql hook|HTTP|user.lifecycle.create",
		// The auth secret is write-only: Okta never returns it, so the
		// replace must be given it again (TestReplaceKeepsSecrets).
		set:     "events = '{\"type\": \"EVENT_TYPE\", \"items\": [\"user.lifecycle.deactivate\"]}', channel = JSON_SET(channel, '$.config.authScheme.value', 's3cret')",
		updated: "oktasql hook|HTTP|user.lifecycle.deactivate",
	}))
}

// TestReplaceKeepsSecrets refuses a read-modify-write replace that would
// drop a write-only secret (an event hook's auth header value), before
// any write, and makes it when the statement gives the secret.
func TestReplaceKeepsSecrets(t *testing.T) {
	s := newWriteSession(t)
	s.run([]writeStep{
		{query: `INSERT INTO event_hooks (name, channel, events) VALUES ('secret hook', '{"type": "HTTP", "version": "1.0.0", "config": {"uri": "https://hooks.example.com/okta", "authScheme": {"type": "HEADER", "key": "Authorization", "value": "s3cret"}}}', '{"type": "EVENT_TYPE", "items": ["user.lifecycle.create"]}')`,
			calls: []string{"POST /api/v1/eventHooks"}, save: "id"},
		{query: "UPDATE event_hooks SET name = 'renamed hook' WHERE id = '{id}'", err: "channel.config.authScheme.value is a secret Okta never returns"},
		{query: "UPDATE event_hooks SET name = 'renamed hook', channel = JSON_SET(channel, '$.config.authScheme.value', 's3cret') WHERE id = '{id}'",
			calls: []string{"PUT /api/v1/eventHooks/{id}"}},
		{query: "SELECT name FROM event_hooks WHERE id = '{id}'", rows: []string{"renamed hook"}},
	})
}

func TestWriteScriptTrustedOrigins(t *testing.T) {
	newWriteSession(t).run(lifecycleScript(lifecycleResource{
		table: "trusted_origins", path: "/api/v1/trustedOrigins",
		columns: "name, origin, scopes", values: `'oktasql docs', 'https://docs.example.com', '[{"type": "CORS"}]'`,
		read: "name, origin, scopes", inserted: `oktasql docs|https://docs.example.com|[{"type": "CORS"}]`,
		set: "origin = 'https://www.example.com'", updated: `oktasql docs|https://www.example.com|[{"type": "CORS"}]`,
	}))
}

func TestWriteScriptPolicies(t *testing.T) {
	s := newWriteSession(t)
	s.run(lifecycleScript(lifecycleResource{
		table: "policies", path: "/api/v1/policies",
		columns: "type, name, description", values: "'OKTA_SIGN_ON', 'oktasql sign-on', 'made by a test'",
		read: "type, name, description", inserted: "OKTA_SIGN_ON|oktasql sign-on|made by a test",
		set: "description = 'changed'", updated: "OKTA_SIGN_ON|oktasql sign-on|changed",
	}))
	s.run([]writeStep{
		{query: "INSERT INTO policies (type, name) VALUES ('OKTA_SIGN_ON', 'oktasql rules')", calls: []string{"POST /api/v1/policies"}, save: "policy"},
	})
	s.run(lifecycleScript(lifecycleResource{
		table: "policy_rules", path: "/api/v1/policies/{policy}/rules", key: "policy_id = '{policy}' AND ",
		columns: "policy_id, type, name, actions", values: `'{policy}', 'SIGN_ON', 'oktasql rule', '{"signon": {"access": "ALLOW"}}'`,
		read: "name, actions->>'$.signon.access'", inserted: "oktasql rule|ALLOW",
		set: `actions = '{"signon": {"access": "DENY"}}'`, updated: "oktasql rule|DENY",
	}))
}

// userLifecycleScript calls every lifecycle procedure of users, right and
// wrong states alike, and moves users through UPDATE of status. {staged}
// is created here; {locked} is a seeded LOCKED_OUT user.
var userLifecycleScript = []writeStep{
	// Creating with activate=false stages the user.
	{query: "SET @activate = FALSE"},
	{query: "INSERT INTO users (profile_login, profile_email, profile_first_name, profile_last_name) VALUES ('ada@example.com', 'ada@example.com', 'Ada', 'Lovelace')",
		calls: []string{"POST /api/v1/users?activate=false"}, save: "staged"},
	{query: "SELECT status FROM users WHERE id = '{staged}'", rows: []string{"STAGED"}},
	// Okta's errors name their code and summary.
	{query: "INSERT INTO users (profile_login, profile_email, profile_first_name, profile_last_name) VALUES ('ada@example.com', 'ada@example.com', 'Ada', 'Again')",
		err: "E0000001 Api validation failed: login", calls: []string{"POST /api/v1/users?activate=false"}},
	{query: "CALL user_suspend('{staged}')", err: "E0000038 This operation is not allowed in the user's current status", calls: []string{"POST /api/v1/users/{staged}/lifecycle/suspend"}},
	{query: "UPDATE users SET status = 'SUSPENDED' WHERE id = '{staged}'", err: "E0000038", calls: []string{"POST /api/v1/users/{staged}/lifecycle/suspend"}},
	{query: "CALL user_unsuspend('{staged}')", err: "E0000038", calls: []string{"POST /api/v1/users/{staged}/lifecycle/unsuspend"}},
	{query: "CALL user_unlock('{staged}')", err: "E0000038", calls: []string{"POST /api/v1/users/{staged}/lifecycle/unlock"}},
	{query: "CALL user_reactivate('{staged}', FALSE)", err: "E0000038", calls: []string{"POST /api/v1/users/{staged}/lifecycle/reactivate?sendEmail=false"}},
	// A status no lifecycle call leads to is refused before any call.
	{query: "UPDATE users SET status = 'LOCKED_OUT' WHERE id = '{staged}'", err: "no Okta lifecycle operation moves users {staged} (ada@example.com) from status STAGED to LOCKED_OUT"},
	{query: "CALL user_activate('{staged}', FALSE)", calls: []string{"POST /api/v1/users/{staged}/lifecycle/activate?sendEmail=false"}},
	{query: "SELECT status FROM users WHERE id = '{staged}'", rows: []string{"ACTIVE"}},
	{query: "CALL user_activate('{staged}', FALSE)", err: "E0000016", calls: []string{"POST /api/v1/users/{staged}/lifecycle/activate?sendEmail=false"}},
	{query: "CALL user_suspend('{staged}')", calls: []string{"POST /api/v1/users/{staged}/lifecycle/suspend"}},
	{query: "CALL user_reset_factors('{staged}')", calls: []string{"POST /api/v1/users/{staged}/lifecycle/reset_factors"}},
	{query: "UPDATE users SET status = 'ACTIVE' WHERE id = '{staged}'", calls: []string{"POST /api/v1/users/{staged}/lifecycle/unsuspend"}},
	{query: "CALL user_expire_password('{staged}')", calls: []string{"POST /api/v1/users/{staged}/lifecycle/expire_password"}},
	{query: "SELECT status FROM users WHERE id = '{staged}'", rows: []string{"PASSWORD_EXPIRED"}},
	{query: "CALL user_reset_password('{staged}', FALSE, TRUE)", calls: []string{"POST /api/v1/users/{staged}/lifecycle/reset_password?revokeSessions=true&sendEmail=false"}},
	{query: "SELECT status FROM users WHERE id = '{staged}'", rows: []string{"RECOVERY"}},
	{query: "CALL user_reactivate('{staged}', FALSE)", calls: []string{"POST /api/v1/users/{staged}/lifecycle/reactivate?sendEmail=false"}},
	{query: "SELECT status FROM users WHERE id = '{staged}'", rows: []string{"PROVISIONED"}},
	{query: "UPDATE users SET status = 'DEPROVISIONED' WHERE id = '{staged}'", calls: []string{"POST /api/v1/users/{staged}/lifecycle/deactivate"}},
	{query: "CALL user_deactivate('{staged}', FALSE)", err: "E0000038", calls: []string{"POST /api/v1/users/{staged}/lifecycle/deactivate?sendEmail=false"}},
	{query: "CALL user_activate('{staged}', FALSE)", calls: []string{"POST /api/v1/users/{staged}/lifecycle/activate?sendEmail=false"}},
	// The temporary password comes back as the procedure's result.
	{query: "CALL user_expire_password_with_temp_password('{staged}', FALSE)",
		calls: []string{"POST /api/v1/users/{staged}/lifecycle/expire_password_with_temp_password?revokeSessions=false"}},
	{query: "SELECT status FROM users WHERE id = '{staged}'", rows: []string{"PASSWORD_EXPIRED"}},
	{query: "CALL user_expire_password_with_temp_password('{staged}', FALSE)", err: "E0000038",
		calls: []string{"POST /api/v1/users/{staged}/lifecycle/expire_password_with_temp_password?revokeSessions=false"}},
	{query: "CALL user_credential_forgot_password('{staged}', FALSE)", calls: []string{"POST /api/v1/users/{staged}/credentials/forgot_password?sendEmail=false"}},
	{query: `CALL user_credential_change_password('{staged}', TRUE, '{"oldPassword": {"value": "Old-pass-1"}, "newPassword": {"value": "New-pass-2"}}')`,
		calls: []string{"POST /api/v1/users/{staged}/credentials/change_password?strict=true"}},
	{query: `CALL user_credential_change_recovery_question('{staged}', '{"password": {"value": "New-pass-2"}, "recovery_question": {"question": "Favourite engine?", "answer": "Analytical"}}')`,
		calls: []string{"POST /api/v1/users/{staged}/credentials/change_recovery_question"}},
	{query: `CALL user_credential_forgot_password_recovery_question('{staged}', FALSE, '{"password": {"value": "Newer-pass-3"}, "recovery_question": {"answer": "Analytical"}}')`,
		calls: []string{"POST /api/v1/users/{staged}/credentials/forgot_password_recovery_question?sendEmail=false"}},
	{query: "CALL user_sessions_revoke('{staged}', TRUE, FALSE)", calls: []string{"DELETE /api/v1/users/{staged}/sessions?forgetDevices=false&oauthTokens=true"}},
	// A locked-out user is unlocked by user_unlock or UPDATE of status.
	{query: "CALL user_unlock('{locked}')", calls: []string{"POST /api/v1/users/{locked}/lifecycle/unlock"}},
	{query: "SELECT status FROM users WHERE id = '{locked}'", rows: []string{"ACTIVE"}},
	{query: "CALL user_unlock('{locked}')", err: "E0000038", calls: []string{"POST /api/v1/users/{locked}/lifecycle/unlock"}},
}

func TestWriteScriptUserLifecycle(t *testing.T) {
	s := newWriteSession(t)
	s.vars["locked"] = s.value("SELECT id FROM users WHERE status = 'LOCKED_OUT' LIMIT 1")
	if s.vars["locked"] == "" {
		t.Fatal("the seeded org has no LOCKED_OUT user")
	}
	s.run(userLifecycleScript)
	// The script must call every procedure on users in the catalog.
	for _, name := range schema.Default().Table("users").Procedures {
		called := false
		for _, st := range userLifecycleScript {
			called = called || strings.HasPrefix(st.query, "CALL "+name+"(")
		}
		if !called {
			t.Errorf("the user lifecycle script never calls %s", name)
		}
	}
}

// hookChannel is an event hook's channel with a secret in it.
const hookChannel = `'{"type": "HTTP", "version": "1.0.0", "config": {"uri": "https://hooks.example.com/okta", "authScheme": {"type": "HEADER", "key": "Authorization", "value": "s3cret"}}}'`

// TestWriteScriptDryRun runs writes and procedures in dry run: each call
// is a row of oktasql_dry_run and a note, secrets masked, and none is made
// (read-modify-write still reads).
func TestWriteScriptDryRun(t *testing.T) {
	s := newWriteSession(t)
	s.vars["user"] = s.value("SELECT id FROM users WHERE status = 'ACTIVE' LIMIT 1")
	s.run([]writeStep{
		{query: `INSERT INTO network_zones (type, name, gateways) VALUES ('IP', 'oktasql office', '[{"type": "CIDR", "value": "192.0.2.0/24"}]')`, calls: []string{"POST /api/v1/zones"}, save: "zone"},
		{query: "SET oktasql_dry_run = 1"},
		{query: "INSERT INTO event_hooks (name, channel, events) VALUES ('dry hook', " + hookChannel + `, '{"type": "EVENT_TYPE", "items": ["user.lifecycle.create"]}')`},
		{query: "SHOW WARNINGS", rows: []string{`Warning|0|dry run: POST /api/v1/eventHooks {"channel":{"config":{"authScheme":{"key":"Authorization","type":"HEADER","value":"********"},"uri":"https://hooks.example.com/okta"},"type":"HTTP","version":"1.0.0"},"events":{"items":["user.lifecycle.create"],"type":"EVENT_TYPE"},"name":"dry hook"}`}},
		{query: "SELECT seq, method, path, query, body->>'$.name', body->>'$.channel.config.authScheme.value' FROM oktasql_dry_run",
			rows: []string{"1|POST|/api/v1/eventHooks|NULL|dry hook|********"}},
		// The replace body is the current zone with the change, without
		// what Okta computes.
		{query: "UPDATE network_zones SET name = 'renamed' WHERE id = '{zone}'"},
		{query: "SELECT method, path, body->>'$.name', body->>'$.gateways[0].value', body->>'$.id' FROM oktasql_dry_run",
			rows: []string{"PUT|/api/v1/zones/{zone}|renamed|192.0.2.0/24|NULL"}},
		{query: "SET oktasql_deactivate_before_delete = 1"},
		{query: "DELETE FROM network_zones WHERE id = '{zone}'"},
		{query: "SELECT seq, method, path, body FROM oktasql_dry_run",
			rows: []string{"1|POST|/api/v1/zones/{zone}/lifecycle/deactivate|NULL", "2|DELETE|/api/v1/zones/{zone}|NULL"}},
		{query: "UPDATE users SET status = 'RECOVERY' WHERE id = '{user}'"},
		{query: "SELECT method, path, query FROM oktasql_dry_run", rows: []string{"POST|/api/v1/users/{user}/lifecycle/reset_password|sendEmail=false"}},
		{query: `CALL user_credential_change_password('{user}', NULL, '{"oldPassword": {"value": "Old-pass-1"}, "newPassword": {"value": "New-pass-2"}}')`, rows: []string{"0|NULL"}},
		{query: "SELECT method, path, body->>'$.oldPassword.value', body->>'$.newPassword.value' FROM oktasql_dry_run",
			rows: []string{"POST|/api/v1/users/{user}/credentials/change_password|********|********"}},
		// A statement that plans no call empties the table.
		{query: "UPDATE network_zones SET name = 'renamed' WHERE id = 'nzoNOPE'"},
		{query: "SELECT count(*) FROM oktasql_dry_run", rows: []string{"0"}},
		{query: "SET oktasql_dry_run = 0"},
		{query: "SELECT name, status FROM network_zones WHERE id = '{zone}'", rows: []string{"oktasql office|ACTIVE"}},
		{query: "SELECT status FROM users WHERE id = '{user}'", rows: []string{"ACTIVE"}},
		{query: "SELECT count(*) FROM event_hooks WHERE name = 'dry hook'", rows: []string{"0"}},
	})
}

// TestWriteScriptGuards checks the guards on the resources' writes: safe
// updates, the row limit, and a multi-row write that fails midway.
func TestWriteScriptGuards(t *testing.T) {
	s := newWriteSession(t)
	s.run([]writeStep{
		{query: `INSERT INTO network_zones (type, name, gateways) VALUES ('IP', 'zone a', '[{"type": "CIDR", "value": "192.0.2.0/24"}]'), ('IP', 'zone b', '[{"type": "CIDR", "value": "198.51.100.0/24"}]')`,
			calls: []string{"POST /api/v1/zones", "POST /api/v1/zones"}, save: "b"},
	})
	s.vars["a"] = s.value("SELECT id FROM network_zones WHERE name = 'zone a'")
	s.run([]writeStep{
		{query: "UPDATE network_zones SET name = 'everything'", err: "sql_safe_updates"},
		{query: "DELETE FROM event_hooks", err: "sql_safe_updates"},
		// A WHERE Okta cannot filter by reads the whole table all the same.
		{query: "UPDATE policies SET description = 'x' WHERE description = 'y'", err: "UPDATE policies has no WHERE clause that narrows the rows"},
		{query: "DELETE FROM network_zones WHERE name = 'zone a'", err: "DELETE FROM network_zones has no WHERE clause that narrows the rows"},
		{query: "UPDATE network_zones SET name = 'x' WHERE id > 'a'", err: "sql_safe_updates"},
		{query: "SET oktasql_max_affected_rows = 1"},
		{query: "UPDATE network_zones SET status = 'INACTIVE' WHERE id IN ('{a}', '{b}')", err: "would change 2 rows, more than oktasql_max_affected_rows (1)"},
		{query: "SET oktasql_max_affected_rows = 2"},
		{query: "UPDATE network_zones SET status = 'INACTIVE' WHERE id IN ('{a}', '{b}')",
			calls: []string{"POST /api/v1/zones/{a}/lifecycle/deactivate", "POST /api/v1/zones/{b}/lifecycle/deactivate"}},
		{query: "SELECT name, status FROM network_zones WHERE id IN ('{a}', '{b}') ORDER BY name", rows: []string{"zone a|INACTIVE", "zone b|INACTIVE"}},
		// Okta refuses the second group (no name): the first stays created.
		{query: "INSERT INTO `groups` (profile_name, profile_description) VALUES ('made first', 'ok'), ('', 'no name')",
			err:   "INSERT INTO groups failed (Okta has no transactions; applied changes stay): 1 applied [groups (made first)]; failed: groups: okta: addGroup POST /api/v1/groups: 400 E0000001 Api validation failed: name",
			calls: []string{"POST /api/v1/groups", "POST /api/v1/groups"}},
		{query: "SELECT count(*) FROM `groups` WHERE profile_name = 'made first'", rows: []string{"1"}},
		// With oktasql_continue_on_error the rows after a failure are still tried.
		{query: "SET oktasql_continue_on_error = 1"},
		{query: "INSERT INTO `groups` (profile_name, profile_description) VALUES ('', 'no name'), ('made after', 'ok')",
			err:   "INSERT INTO groups failed (Okta has no transactions; applied changes stay): 1 applied [groups (made after)]; failed: groups: okta: addGroup POST /api/v1/groups: 400 E0000001",
			calls: []string{"POST /api/v1/groups", "POST /api/v1/groups"}},
		{query: "SELECT count(*) FROM `groups` WHERE profile_name = 'made after'", rows: []string{"1"}},
	})
}

// TestWriteScriptReadOnly runs a server with --read-only: every write and
// procedure is refused before any call.
func TestWriteScriptReadOnly(t *testing.T) {
	h := newSpecHarness(t, 30)
	org := h.org("okta", false)
	org.ReadOnly = true
	s := sessionOn(t, h, serveOrgs(t, []*tables.Org{org}, tables.Options{ReadOnly: true}))
	s.vars["user"] = s.value("SELECT id FROM users WHERE status = 'ACTIVE' LIMIT 1")
	s.run([]writeStep{
		{query: "INSERT INTO network_zones (type, name) VALUES ('IP', 'z')", err: "read only mode"},
		{query: "UPDATE users SET status = 'SUSPENDED' WHERE id = '{user}'", err: "read only mode"},
		{query: "DELETE FROM users WHERE id = '{user}'", err: "read only mode"},
		{query: "CALL user_suspend('{user}')", err: "read only mode"},
		{query: "SELECT status FROM users WHERE id = '{user}'", rows: []string{"ACTIVE"}},
	})
}

// TestWriteScriptAppReplace replaces a bookmark app: the body read back
// keeps the name the spec requires of it although the catalog flags the
// column read-only (keptOnReplace).
func TestWriteScriptAppReplace(t *testing.T) {
	s := newWriteSession(t)
	s.vars["app"] = s.value("SELECT id FROM apps WHERE sign_on_mode = 'BOOKMARK' LIMIT 1")
	s.run([]writeStep{
		// A read-modify-write replace (replaceApplication); the body it
		// sends is validated against the spec.
		{query: "UPDATE apps SET label = 'renamed' WHERE id = '{app}'", calls: []string{"PUT /api/v1/apps/{app}"}},
		{query: "SELECT label, sign_on_mode FROM apps WHERE id = '{app}'", rows: []string{"renamed|BOOKMARK"}},
	})
}
