package tables_test

import (
	"testing"
	"time"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/schema"
	"github.com/oktasql/oktasql/server"
	"github.com/oktasql/oktasql/tables"
)

// TestMultiOrgUnion serves two orgs as two databases of one server.
func TestMultiOrgUnion(t *testing.T) {
	var orgs []*tables.Org
	for i, name := range []string{"acme", "globex"} {
		emu, err := emulator.Start(emulator.Config{Users: 40 + 20*i, Seed: int64(i + 1), Token: testToken, Now: harnessNow})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(emu.Close)
		client, err := fetcher.New(emu.URL, fetcher.WithToken(testToken))
		if err != nil {
			t.Fatal(err)
		}
		orgs = append(orgs, &tables.Org{Name: name, Catalog: schema.Default(), API: client, Now: func() time.Time { return harnessNow }})
	}
	db := serveOrgs(t, orgs, server.Options{})
	rows, err := query(t, db, "SELECT 'acme', count(*) FROM acme.users UNION ALL SELECT 'globex', count(*) FROM globex.users", true)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0] != "acme|40" || rows[1] != "globex|60" {
		t.Errorf("rows = %q, want acme|40 and globex|60", rows)
	}
	dbs, err := query(t, db, "SHOW DATABASES", false)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, d := range dbs {
		found[d] = true
	}
	for _, want := range []string{"acme", "globex", "mysql", "information_schema"} {
		if !found[want] {
			t.Errorf("SHOW DATABASES = %q, lacks %s", dbs, want)
		}
	}
}
