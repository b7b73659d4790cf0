package server

import (
	"strings"

	"github.com/dolthub/vitess/go/mysql"
)

// maxSelectNesting bounds how deeply SELECTs nest in one statement.
// go-mysql-server's analysis time doubles with each level of nested
// subqueries (0.4 s at 12 levels on 2 cores; 20 levels ran for minutes and
// parts of it cannot be cancelled), so deeper statements are refused
// before they are parsed, as MySQL refuses those over 63 levels.
const maxSelectNesting = 12

// erTooHighNesting is MySQL's ER_TOO_HIGH_LEVEL_OF_NESTING_FOR_SELECT.
const erTooHighNesting = 1473

// checkNesting returns MySQL's error 1473 for a query whose SELECTs nest
// deeper than maxSelectNesting.
func checkNesting(query string) error {
	if d := selectNesting(query); d > maxSelectNesting {
		return mysql.NewSQLError(erTooHighNesting, "HY000", "Too high level of nesting for select: %d levels, oktasql takes at most %d", d, maxSelectNesting)
	}
	return nil
}

// selectNesting returns the deepest nesting of SELECT in query: 1 for a
// plain SELECT, 2 for one with a subquery, ... Strings, quoted names and
// comments are skipped.
func selectNesting(query string) int {
	selects := []bool{false}  // per open parenthesis: holds a SELECT
	inSelect, deepest := 0, 0 // levels of selects holding a SELECT
	for i := 0; i < len(query); {
		kind, j := nextToken(query, i)
		switch {
		case kind == tokWord && strings.EqualFold(query[i:j], "select"):
			if top := len(selects) - 1; !selects[top] {
				selects[top] = true
				inSelect++
			}
			deepest = max(deepest, inSelect)
		case kind == tokOther && query[i] == '(':
			selects = append(selects, false)
		case kind == tokOther && query[i] == ')' && len(selects) > 1:
			if selects[len(selects)-1] {
				inSelect--
			}
			selects = selects[:len(selects)-1]
		}
		i = j
	}
	return deepest
}
