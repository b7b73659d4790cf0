package server

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	sqle "github.com/dolthub/go-mysql-server"
	"github.com/dolthub/go-mysql-server/memory"
	"github.com/dolthub/go-mysql-server/sql"
)

// TestJoinOrderKeepsConditions checks go-mysql-server's join planning, with
// oktasql's rules, against an oracle it cannot reorder: random chains of
// inner and LEFT joins over small in-memory tables with duplicates and
// indexes are compared with the same chain written as nested derived
// tables of two tables each, which leaves the planner no order to choose.
// The tables hold no NULL (a memory table's lookup matches a NULL key to
// NULL); the LEFT joins bring NULLs in.
// It caught `p LEFT JOIN c … JOIN c2 ON c2.id = c.id` losing its last
// condition (pinOuterJoinOrder).
func TestJoinOrderKeepsConditions(t *testing.T) {
	const tables = 4
	var setup []string
	for k := range tables {
		setup = append(setup,
			fmt.Sprintf("CREATE TABLE t%d (id INT PRIMARY KEY, a INT, b INT, INDEX (a), INDEX (a, b))", k),
			fmt.Sprintf("INSERT INTO t%d VALUES (1, 1, 1), (2, 1, 2), (3, 2, 4), (4, 3, 1), (5, %d, 3), (6, 2, 2)", k, k%3))
	}
	run := memoryEngine(t, setup...)

	r := rand.New(rand.NewPCG(1, 2))
	cols := []string{"id", "a", "b"}
	for n := 0; n < 400; n++ {
		count := 3 + r.IntN(tables-2)
		flat, nested := joinChain(r, count, cols)
		want, err := run(nested)
		if err != nil {
			t.Fatalf("oracle %s: %v", nested, err)
		}
		got, err := run(flat)
		if err != nil {
			t.Fatalf("%s: %v", flat, err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s\ngave %d rows, its nested form %d:\n%s\ngot  %v\nwant %v", flat, len(got), len(want), nested, got, want)
		}
	}
}

// memoryEngine runs setup on an engine over an in-memory database, with
// oktasql's analyzer rules, and returns a function that runs a query on
// it and returns its rows, printed and sorted.
func memoryEngine(t *testing.T, setup ...string) func(q string) ([]string, error) {
	pro := memory.NewDBProvider(memory.NewDatabase("db"))
	e := sqle.NewDefault(pro)
	ctx := sql.NewContext(context.Background(), sql.WithSession(memory.NewSession(sql.NewBaseSession(), pro)))
	ctx.SetCurrentDatabase("db")
	run := func(q string) ([]string, error) {
		_, iter, _, err := e.Query(ctx, q)
		if err != nil {
			return nil, err
		}
		rows, err := sql.RowIterToRows(ctx, iter)
		if err != nil {
			return nil, err
		}
		out := make([]string, len(rows))
		for i, r := range rows {
			out[i] = fmt.Sprint(r)
		}
		slices.Sort(out)
		return out, nil
	}
	for _, q := range setup {
		if _, err := run(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return run
}

// joinChain returns a random chain of count tables joined in the written
// order, and the same chain as nested derived tables (each level joins the
// one below, d, with one more table) selecting the same columns, both
// with the same random WHERE condition or none.
func joinChain(r *rand.Rand, count int, cols []string) (flat, nested string) {
	var flatSel, aliases []string
	for _, c := range cols {
		flatSel = append(flatSel, fmt.Sprintf("t0.%s AS t0_%s", c, c))
		aliases = append(aliases, "t0_"+c)
	}
	from := "t0"
	below := "(SELECT " + strings.Join(flatSel, ", ") + " FROM t0) d"
	for k := 1; k < count; k++ {
		op := []string{"JOIN", "LEFT JOIN"}[r.IntN(2)]
		var conds, nestedConds []string
		for range 1 + r.IntN(2) {
			j := r.IntN(k)
			mine, theirs := cols[r.IntN(len(cols))], cols[r.IntN(len(cols))]
			cond := fmt.Sprintf("t%d.%s = t%d.%s", k, mine, j, theirs)
			nc := fmt.Sprintf("t%d.%s = d.t%d_%s", k, mine, j, theirs)
			if r.IntN(4) == 0 {
				cond = fmt.Sprintf("(%s OR t%d.%s IS NULL)", cond, j, theirs)
				nc = fmt.Sprintf("(%s OR d.t%d_%s IS NULL)", nc, j, theirs)
			}
			conds = append(conds, cond)
			nestedConds = append(nestedConds, nc)
		}
		from += fmt.Sprintf(" %s t%d ON %s", op, k, strings.Join(conds, " AND "))
		var sel []string
		for _, a := range aliases {
			sel = append(sel, "d."+a+" AS "+a)
		}
		for _, c := range cols {
			flatSel = append(flatSel, fmt.Sprintf("t%d.%s AS t%d_%s", k, c, k, c))
			sel = append(sel, fmt.Sprintf("t%d.%s AS t%d_%s", k, c, k, c))
			aliases = append(aliases, fmt.Sprintf("t%d_%s", k, c))
		}
		nested = fmt.Sprintf("SELECT %s FROM %s %s t%d ON %s", strings.Join(sel, ", "), below, op, k, strings.Join(nestedConds, " AND "))
		below = "(" + nested + ") d"
	}
	flat = "SELECT " + strings.Join(flatSel, ", ") + " FROM " + from
	// A WHERE condition joins in the reordering as an inner condition.
	last := count - 1
	ref := func(k int, c string) string {
		if k == last {
			return fmt.Sprintf("t%d.%s", k, c)
		}
		return fmt.Sprintf("d.t%d_%s", k, c)
	}
	i, j := r.IntN(count), r.IntN(count)
	ci, cj := cols[r.IntN(len(cols))], cols[r.IntN(len(cols))]
	switch r.IntN(3) {
	case 0:
		flat += fmt.Sprintf(" WHERE t%d.%s = t%d.%s", i, ci, j, cj)
		nested += fmt.Sprintf(" WHERE %s = %s", ref(i, ci), ref(j, cj))
	case 1:
		flat += fmt.Sprintf(" WHERE t%d.%s IS NULL", i, ci)
		nested += fmt.Sprintf(" WHERE %s IS NULL", ref(i, ci))
	}
	return flat, nested
}

// TestSemiJoinsInDerivedTables runs IN and EXISTS subqueries, over
// aliased tables read for some of their columns, inside derived tables,
// where go-mysql-server v0.20.0's join planning panicked
// (survivePanics): each must count the rows of the same query run alone.
func TestSemiJoinsInDerivedTables(t *testing.T) {
	run := memoryEngine(t,
		"CREATE TABLE l (id VARCHAR(5) PRIMARY KEY, a INT, b INT, c INT, d VARCHAR(5), e VARCHAR(5))",
		"INSERT INTO l VALUES ('1', 1, 1, 1, 'x', 'S'), ('2', 2, 1, 3, 'y', 'F'), ('3', 3, 2, 1, 'x', 'F'), ('4', 4, 2, 2, 'z', 'S')")
	for _, outer := range []string{"l t", "l"} {
		col := func(c string) string { return strings.Fields(outer)[len(strings.Fields(outer))-1] + "." + c }
		for _, cond := range []string{
			col("d") + " IN (SELECT s.d FROM l s WHERE s.e = 'S')",
			col("d") + " NOT IN (SELECT s.d FROM l s WHERE s.e = 'S')",
			"EXISTS (SELECT 1 FROM l s WHERE s.d = " + col("d") + " AND s.c > " + col("b") + ")",
			col("c") + " IN (SELECT s.a FROM l s) AND " + col("e") + " = 'S'",
		} {
			inner := "SELECT " + col("id") + " FROM " + outer + " WHERE " + cond
			rows, err := run(inner)
			if err != nil {
				t.Fatalf("%s: %v", inner, err)
			}
			q := "SELECT count(*) FROM (" + inner + ") x"
			got, err := run(q)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			if want := fmt.Sprintf("[%d]", len(rows)); len(got) != 1 || got[0] != want {
				t.Errorf("%s gave %v, want %s", q, got, want)
			}
		}
	}
}
