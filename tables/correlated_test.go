package tables_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/oktasql/oktasql/schema"
)

// TestCorrelatedKeySubqueries runs, for every table keyed by a user, a
// group or an app, a subquery keyed by the outer row (s.user_id = t.id)
// under an outer table whose own condition goes to Okta: each answers as
// without pushdown, with no more requests. Under an alias, the outer
// table read through its pushed condition lost the alias, the subquery
// found no lookup by the outer row and read its table for every parent
// once per outer row (keepAliases).
func TestCorrelatedKeySubqueries(t *testing.T) {
	h := newHarness(t, 300)
	outer := map[string]string{
		"users":  "t.profile_department = 'Sales'",
		"groups": "t.type = 'APP_GROUP'",
		"apps":   "t.status = 'INACTIVE'",
	}
	checked := 0
	for _, def := range schema.Default().Tables {
		if len(def.Keys) != 1 || def.Keys[0].SourceColumn != "id" || outer[def.Keys[0].SourceTable] == "" {
			continue
		}
		k := def.Keys[0]
		q := fmt.Sprintf("SELECT t.id FROM `%s` t WHERE %s AND t.id IN (SELECT s.%s FROM `%s` s WHERE s.%s = t.id)",
			k.SourceTable, outer[k.SourceTable], k.Column, def.Name, k.Column)
		res := diffAnswers(h, q, comparison{multiset: true})
		if res.class != "" {
			t.Errorf("pushdown changed the answer of %s\n%s", q, res.detail)
			continue
		}
		if res.bothErr {
			continue
		}
		with, without := requestsOf(h, q)
		if len(with) > len(without) {
			t.Errorf("%s: %d requests with pushdown, %d without; with: %v", q, len(with), len(without), with[:min(5, len(with))])
		}
		checked++
	}
	t.Logf("%d keyed tables checked", checked)
	if checked < 20 {
		t.Errorf("only %d keyed tables answered", checked)
	}
}

// TestKeysCompareAsMySQL joins each table keyed by a user, group or app to
// one parent row, with a condition on the child's id that MySQL compares
// otherwise than as the id's own string: the id upper-cased under a
// case-insensitive collation, and the number 0. As a lookup key each was
// looked up as written (a 404, or the item '0'), where MySQL matches the
// item (and, for 0, every id not starting with a digit). Each must answer
// as without pushdown, whether or not the org knows the parent table's
// size (the join's order depends on it).
func TestKeysCompareAsMySQL(t *testing.T) {
	h := newHarness(t, 300)
	checked := 0
	for _, def := range schema.Default().Tables {
		if len(def.Keys) != 1 || def.Keys[0].SourceColumn != "id" || len(def.PrimaryKey) != 2 || def.PrimaryKey[1] != "id" {
			continue
		}
		k := def.Keys[0]
		if k.SourceTable != "users" && k.SourceTable != "groups" && k.SourceTable != "apps" {
			continue
		}
		h.learned = nil
		var parent, id string
		err := h.ref.QueryRow(fmt.Sprintf("SELECT p.id, c.id FROM `%s` p JOIN `%s` c ON c.%s = p.id LIMIT 1", k.SourceTable, def.Name, k.Column)).Scan(&parent, &id)
		if err != nil {
			continue // no row, or the table cannot be read here
		}
		for _, value := range []string{"'" + strings.ToUpper(id) + "' COLLATE utf8mb4_0900_ai_ci", "0"} {
			q := fmt.Sprintf("SELECT p.id, c.id FROM `%s` p JOIN `%s` c ON c.%s = p.id WHERE p.id = '%s' AND c.id = %s",
				k.SourceTable, def.Name, k.Column, parent, value)
			for _, learned := range [][]string{nil, {k.SourceTable}} {
				h.learned = learned
				if res := diffAnswers(h, q, comparison{multiset: true}); res.class != "" {
					t.Errorf("pushdown changed the answer of %s (sizes known: %v)\n%s", q, learned, res.detail)
				}
			}
		}
		checked++
	}
	h.learned = nil
	t.Logf("%d keyed tables checked", checked)
	if checked < 15 {
		t.Errorf("only %d keyed tables had a row", checked)
	}
}
