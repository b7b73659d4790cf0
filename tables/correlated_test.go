package tables_test

import (
	"fmt"
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
