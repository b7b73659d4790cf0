package server

import "testing"

func TestAssignUserVars(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"select", "SELECT @dt:=5", "SELECT oktasql_assign('dt', 5)"},
		{"case branches", "SELECT CASE x WHEN 'a' THEN @dt:=(-6) ELSE @dt:=(-4)END AS DATA_TYPE",
			"SELECT CASE x WHEN 'a' THEN oktasql_assign('dt', (-6)) ELSE oktasql_assign('dt', (-4))END AS DATA_TYPE"},
		{"nested case and alias", "SELECT @tol:=CAST(CASE @dt WHEN 1 THEN 2 END AS SIGNED) AS B, y FROM t",
			"SELECT oktasql_assign('tol', CAST(CASE @dt WHEN 1 THEN 2 END AS SIGNED)) AS B, y FROM t"},
		{"bare case", "SELECT @a := CASE WHEN b THEN 1 ELSE 2 END, c", "SELECT oktasql_assign('a', CASE WHEN b THEN 1 ELSE 2 END), c"},
		{"inside a call", "SELECT IF(x, @c:=7, @c:=8)", "SELECT IF(x, oktasql_assign('c', 7), oktasql_assign('c', 8))"},
		{"chained", "SELECT @a := @b := 1", "SELECT oktasql_assign('a', oktasql_assign('b', 1))"},
		{"SET is the parser's", "SET @x := 5", "SET @x := 5"},
		{"string", "SELECT '@x:=1'", "SELECT '@x:=1'"},
		{"system variable", "SELECT @@x", "SELECT @@x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := assignUserVars(tt.in); got != tt.want {
				t.Errorf("assignUserVars(%q) =\n %q, want\n %q", tt.in, got, tt.want)
			}
		})
	}
}
