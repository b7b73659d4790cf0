package tables_test

import (
	"reflect"
	"testing"
)

// TestFuzzComparison checks what the fuzzer may compare of an answer: the
// order only where the ORDER BY covers a unique key of every table, the
// sort keys where it does not, and no multiset where a LIMIT cuts ties.
func TestFuzzComparison(t *testing.T) {
	base := func() *fzQuery {
		return &fzQuery{table: "users", alias: "t", sel: []string{"t.id", "t.status"}, limit: -1, offset: -1,
			unique: map[string][]string{"t": {"t.id"}}}
	}
	tests := []struct {
		name string
		edit func(q *fzQuery)
		want comparison
	}{
		{"no ORDER BY", func(q *fzQuery) {}, comparison{multiset: true}},
		{"ORDER BY the key", func(q *fzQuery) { q.addOrder("t.id", true) }, comparison{ordered: true, multiset: true}},
		{"ORDER BY a column, then the key", func(q *fzQuery) { q.addOrder("t.status", false); q.addOrder("t.id", false) }, comparison{ordered: true, multiset: true}},
		{"ORDER BY a column", func(q *fzQuery) { q.addOrder("t.status", false) }, comparison{keys: []int{1}, multiset: true}},
		{"ORDER BY a column under a LIMIT", func(q *fzQuery) { q.addOrder("t.status", false); q.limit = 3 }, comparison{keys: []int{1}}},
		{"a table without a key never orders fully", func(q *fzQuery) { q.unique["t"] = nil; q.addOrder("t.id", false) }, comparison{keys: []int{0}, multiset: true}},
		{"a join orders fully only by both keys", func(q *fzQuery) {
			q.unique["c"] = []string{"c.group_id", "c.id"}
			q.addOrder("t.id", false)
		}, comparison{keys: []int{0}, multiset: true}},
		{"a count over a LIMIT is a multiset", func(q *fzQuery) { q.limit, q.wrap = 5, "SELECT count(*) FROM (%s) x" }, comparison{multiset: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := base()
			tt.edit(q)
			if got := q.comparison(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("comparison() = %+v, want %+v", got, tt.want)
			}
			back, err := parseComparison(tt.want.String())
			if err != nil || !reflect.DeepEqual(back, tt.want) {
				t.Errorf("parseComparison(%q) = %+v, %v", tt.want.String(), back, err)
			}
		})
	}
}

// TestFuzzShrink checks that the minimizer's steps keep the original
// query intact and drop one thing at a time.
func TestFuzzShrink(t *testing.T) {
	q := &fzQuery{table: "groups", alias: "p", sel: []string{"p.id", "c.id"}, limit: 5, offset: -1,
		unique: map[string][]string{"p": {"p.id"}, "c": {"c.group_id", "c.id"}},
		joins: []fzJoin{{kind: "LEFT JOIN", table: "group_members", alias: "c", keys: 1,
			on: []fzExpr{fzLeaf{"c.group_id = p.id"}, fzLeaf{"c.id = 'x'"}}}},
		where: fzAnd{[]fzExpr{fzLeaf{"p.type = 'OKTA_GROUP' COLLATE utf8mb4_bin"}, fzList{left: "p.id", terms: []string{"'a'", "'b'"}}}},
	}
	q.addOrder("p.id", false)
	before := q.sql()
	got := map[string]bool{}
	for _, c := range shrinkQuery(q) {
		got[c.sql()] = true
	}
	if q.sql() != before || len(q.unique) != 2 {
		t.Fatalf("shrinking changed the query: %s (unique %v)", q.sql(), q.unique)
	}
	for _, want := range []string{
		"SELECT p.id, c.id FROM `groups` p LEFT JOIN `group_members` c ON c.group_id = p.id AND c.id = 'x' WHERE p.type = 'OKTA_GROUP' COLLATE utf8mb4_bin ORDER BY p.id LIMIT 5",
		"SELECT p.id, c.id FROM `groups` p LEFT JOIN `group_members` c ON c.group_id = p.id AND c.id = 'x' WHERE p.type = 'OKTA_GROUP' AND p.id IN ('a', 'b') ORDER BY p.id LIMIT 5",
		"SELECT p.id, c.id FROM `groups` p LEFT JOIN `group_members` c ON c.group_id = p.id AND c.id = 'x' WHERE p.type = 'OKTA_GROUP' COLLATE utf8mb4_bin AND p.id IN ('b') ORDER BY p.id LIMIT 5",
		"SELECT p.id, c.id FROM `groups` p LEFT JOIN `group_members` c ON c.group_id = p.id WHERE p.type = 'OKTA_GROUP' COLLATE utf8mb4_bin AND p.id IN ('a', 'b') ORDER BY p.id LIMIT 5",
		"SELECT p.id, c.id FROM `groups` p JOIN `group_members` c ON c.group_id = p.id AND c.id = 'x' WHERE p.type = 'OKTA_GROUP' COLLATE utf8mb4_bin AND p.id IN ('a', 'b') ORDER BY p.id LIMIT 5",
		"SELECT p.id, c.id FROM `groups` p LEFT JOIN `group_members` c ON c.group_id = p.id AND c.id = 'x' WHERE p.type = 'OKTA_GROUP' COLLATE utf8mb4_bin AND p.id IN ('a', 'b') ORDER BY p.id",
		"SELECT p.id FROM `groups` p LEFT JOIN `group_members` c ON c.group_id = p.id AND c.id = 'x' WHERE p.type = 'OKTA_GROUP' COLLATE utf8mb4_bin AND p.id IN ('a', 'b') ORDER BY p.id LIMIT 5",
	} {
		if !got[want] {
			t.Errorf("no step to\n  %s", want)
		}
	}
	for s := range got {
		if s == "SELECT p.id, c.id FROM `groups` p LEFT JOIN `group_members` c ON c.id = 'x' WHERE p.type = 'OKTA_GROUP' COLLATE utf8mb4_bin AND p.id IN ('a', 'b') ORDER BY p.id LIMIT 5" {
			t.Errorf("a step drops the join's key condition: %s", s)
		}
	}
}
