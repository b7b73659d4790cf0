package tables_test

import (
	"os"
	"strings"
	"testing"

	"github.com/oktasql/oktasql/schema"
)

// TestEveryProcedureCalls calls every procedure of the catalog against the
// emulated org with its required arguments. The org may refuse a call (an
// unknown id, a wrong state): that is an Okta error; what must not happen
// is an error of oktasql's own in binding the arguments or making the call.
func TestEveryProcedureCalls(t *testing.T) {
	h := newHarness(t, 30)
	user := mustValue(t, h, "SELECT id FROM users WHERE status = 'ACTIVE' LIMIT 1")
	for _, p := range schema.Default().Procedures {
		t.Run(p.Name, func(t *testing.T) {
			var args []string
			for _, a := range p.Args {
				switch {
				case !a.Required:
					args = append(args, "NULL")
				case a.In == "body":
					args = append(args, "'{}'")
				case a.Type == schema.TypeBoolean:
					args = append(args, "FALSE")
				case a.Type == schema.TypeInteger:
					args = append(args, "1")
				case a.In == "path" && strings.HasPrefix(a.Name, "user"):
					args = append(args, "'"+user+"'")
				default:
					args = append(args, "'oktasql-test'")
				}
			}
			_, err := query(t, h.db, "CALL "+p.Name+"("+strings.Join(args, ", ")+")", true)
			if err != nil && !strings.Contains(err.Error(), "okta: ") {
				t.Errorf("CALL %s(%s): %v", p.Name, strings.Join(args, ", "), err)
			}
		})
	}
}

func mustValue(t *testing.T, h *harness, q string) string {
	t.Helper()
	rows, err := query(t, h.db, q, true)
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %v %v", q, rows, err)
	}
	return rows[0]
}

// TestUserLifecycleScriptCallsEveryProcedure checks that the user
// lifecycle script (testdata/scripts/writes_users.test) calls every
// procedure on users in the catalog.
func TestUserLifecycleScriptCallsEveryProcedure(t *testing.T) {
	path := scriptDir + "/writes_users.test"
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parseScript(path, string(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range schema.Default().Table("users").Procedures {
		called := false
		for _, b := range f.blocks {
			called = called || strings.HasPrefix(b.query.sql, "CALL "+name+"(")
		}
		if !called {
			t.Errorf("%s never calls %s", path, name)
		}
	}
}
