package tables_test

import (
	"context"
	"testing"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/schema"
	"github.com/oktasql/oktasql/server"
	"github.com/oktasql/oktasql/tables"
)

// TestEndSession: an ended session's request log and dry run are gone.
func TestEndSession(t *testing.T) {
	emu, err := emulator.Start(emulator.Config{Users: 20, Seed: 7, Token: testToken, Now: harnessNow})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(emu.Close)
	client, err := fetcher.New(emu.URL, fetcher.WithToken(testToken))
	if err != nil {
		t.Fatal(err)
	}
	eng, err := server.NewEngine([]*tables.Org{{Name: "okta", Catalog: schema.Default(), API: client}}, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sess := eng.NewSession("okta")
	count := func(query string) int {
		t.Helper()
		ctx := eng.Context(context.Background(), sess)
		_, iter, err := eng.Query(ctx, query)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		rows, err := sql.RowIterToRows(ctx, iter)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return len(rows)
	}
	for _, q := range []string{"SET oktasql_dry_run = 1", "SELECT id FROM users LIMIT 1", "DELETE FROM groups WHERE id = 'none'", "CALL user_suspend('00u1')"} {
		count(q)
	}
	if count("SELECT * FROM oktasql_requests") == 0 || count("SELECT * FROM oktasql_dry_run") == 0 {
		t.Fatal("no requests or no dry run before EndSession")
	}
	eng.EndSession(sess)
	if n, m := count("SELECT * FROM oktasql_requests"), count("SELECT * FROM oktasql_dry_run"); n != 0 || m != 0 {
		t.Errorf("after EndSession: %d requests, %d dry-run calls; want none", n, m)
	}
}
