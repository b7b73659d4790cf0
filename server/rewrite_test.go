package server

import (
	"reflect"
	"testing"
)

func TestQuoteReserved(t *testing.T) {
	reserved := reservedTableNames([]string{"groups", "users", "group_members"})
	if !reserved["groups"] || reserved["users"] || reserved["group_members"] {
		t.Fatalf("reservedTableNames = %v, want only groups", reserved)
	}
	tests := []struct{ name, in, want string }{
		{"select", "SELECT * FROM groups", "SELECT * FROM `groups`"},
		{"insert", "insert into Groups (profile_name) values ('x')", "insert into `Groups` (profile_name) values ('x')"},
		{"join", "SELECT g.id FROM groups g JOIN group_members m ON m.group_id = g.id", "SELECT g.id FROM `groups` g JOIN group_members m ON m.group_id = g.id"},
		{"qualified", "SELECT * FROM okta.groups", "SELECT * FROM okta.groups"},
		{"quoted already", "SELECT * FROM `groups`", "SELECT * FROM `groups`"},
		{"string", "SELECT 'groups' FROM users", "SELECT 'groups' FROM users"},
		{"escaped string", `SELECT 'it''s groups', "a\"groups" FROM users`, `SELECT 'it''s groups', "a\"groups" FROM users`},
		{"comment", "SELECT 1 -- groups\nFROM users /* groups */", "SELECT 1 -- groups\nFROM users /* groups */"},
		{"window frame", "SELECT SUM(x) OVER (ORDER BY y GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM users", "SELECT SUM(x) OVER (ORDER BY y GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM users"},
		{"frame shorthand", "SELECT SUM(x) OVER (GROUPS UNBOUNDED PRECEDING) FROM users", "SELECT SUM(x) OVER (GROUPS UNBOUNDED PRECEDING) FROM users"},
		{"describe", "DESCRIBE groups", "DESCRIBE `groups`"},
		{"word inside identifier", "SELECT my_groups FROM users", "SELECT my_groups FROM users"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := quoteReserved(tt.in, reserved); got != tt.want {
				t.Errorf("quoteReserved(%q) =\n %q, want\n %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplitStatements(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     []string
		wantRest string
	}{
		{"one", "SELECT 1;", []string{"SELECT 1"}, ""},
		{"two and rest", "SELECT 1; SELECT 2;\nSELECT", []string{"SELECT 1", "SELECT 2"}, "SELECT"},
		{"semicolon in string", "SELECT ';' ; SELECT \"a;b\";", []string{"SELECT ';'", "SELECT \"a;b\""}, ""},
		{"semicolon in comment", "SELECT 1 -- x;y\n; /* ; */ SELECT 2;", []string{"SELECT 1 -- x;y", "/* ; */ SELECT 2"}, ""},
		{"empty statements", ";;SELECT 1;;", []string{"SELECT 1"}, ""},
		{"unterminated string", "SELECT 'abc;", nil, "SELECT 'abc;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rest := SplitStatements(tt.in)
			if !reflect.DeepEqual(got, tt.want) || rest != tt.wantRest {
				t.Errorf("SplitStatements(%q) = %q, %q; want %q, %q", tt.in, got, rest, tt.want, tt.wantRest)
			}
		})
	}
}

// TestKeepWildcardEscapes checks that \% and \_ keep their backslash in
// string literals only, and that other escapes are left to the parser.
func TestKeepWildcardEscapes(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"percent", `SELECT 1 WHERE a LIKE '\%%'`, `SELECT 1 WHERE a LIKE '\\%%'`},
		{"underscore in double quotes", `SELECT "\_x"`, `SELECT "\\_x"`},
		{"an escaped backslash then a wildcard", `SELECT '\\%'`, `SELECT '\\%'`},
		{"other escapes", `SELECT 'it\'s\n'`, `SELECT 'it\'s\n'`},
		{"identifiers and comments", "SELECT `a\\_b` -- \\_\n", "SELECT `a\\_b` -- \\_\n"},
		{"nothing to do", `SELECT 'abc'`, `SELECT 'abc'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := keepWildcardEscapes(tt.in); got != tt.want {
				t.Errorf("keepWildcardEscapes(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSelectNesting(t *testing.T) {
	for _, tt := range []struct {
		query string
		want  int
	}{
		{"SELECT 1", 1},
		{"SELECT (SELECT 1)", 2},
		{"SELECT a FROM t WHERE a IN (SELECT b FROM u WHERE b IN (SELECT c FROM v)) AND (x > 1)", 3},
		{"SELECT 1 UNION SELECT (SELECT 2)", 2},
		{"SELECT '(SELECT (SELECT' FROM t /* (SELECT */", 1},
		{"SELECT (1), (SELECT 1), ((SELECT 2))", 2},
		{"INSERT INTO t VALUES ((1), (2))", 0},
	} {
		if got := selectNesting(tt.query); got != tt.want {
			t.Errorf("selectNesting(%q) = %d, want %d", tt.query, got, tt.want)
		}
	}
}
