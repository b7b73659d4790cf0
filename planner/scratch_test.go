package planner

import (
	"fmt"
	"testing"
	"time"

	"github.com/oktasql/oktasql/schema"
)

func TestScratch(t *testing.T) {
	c := schema.Default()
	n := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	in := func(col string, v ...any) Cmp { return Cmp{Column: col, Op: OpIn, Values: v} }
	qs := []struct {
		tb    string
		where []Expr
		limit int
		order []Order
	}{
		{"users", nil, 10, nil},
		{"users", []Expr{eq("status", "ACTIVE")}, 10, nil},
		{"users", []Expr{Cmp{Column: "status", Op: OpNe, Values: []any{"DEPROVISIONED"}}}, 0, nil},
		{"users", []Expr{Cmp{Column: "profile_login", Op: OpPrefix, Values: []any{"jo"}}, Cmp{Column: "last_updated", Op: OpGt, Values: []any{n}}}, 5, []Order{{Column: "last_updated"}}},
		{"users", []Expr{Cmp{Column: "profile_first_name", Op: OpNotNull}}, 0, nil},
		{"users", []Expr{in("id", "00u1", "00u1", "..")}, 0, nil},
		{"groups", []Expr{Cmp{Column: "profile_name", Op: OpContains, Values: []any{"Eng"}}, Or{eq("type", "OKTA_GROUP"), eq("type", "APP_GROUP")}}, 0, nil},
		{"apps", []Expr{eq("status", "ACTIVE"), eq("id", "0oa1")}, 0, nil},
		{"apps", []Expr{Cmp{Column: "label", Op: OpPrefix, Values: []any{"Sales"}}}, 0, nil},
		{"system_log", []Expr{Cmp{Column: "published", Op: OpGe, Values: []any{n.Add(-24 * time.Hour)}}, eq("event_type", "user.session.start"), Not{X: eq("outcome_result", "SUCCESS")}}, 100, []Order{{Column: "published", Desc: true}}},
		{"system_log", []Expr{Cmp{Column: "published", Op: OpGe, Values: []any{n.Add(-400 * 24 * time.Hour)}}}, 0, nil},
		{"group_members", []Expr{in("group_id", "00g1", "00g2"), eq("id", "00u1")}, 0, nil},
		{"group_members", []Expr{eq("status", "ACTIVE")}, 0, nil},
		{"policies", nil, 0, nil},
		{"policies", []Expr{in("type", "PASSWORD", "MFA_ENROLL"), eq("status", "ACTIVE")}, 0, nil},
		{"principal_rate_limits", nil, 0, nil},
		{"principal_rate_limits", []Expr{in("principal_type", "SSWS_TOKEN", "OAUTH_CLIENT")}, 0, nil},
	}
	for _, q := range qs {
		p, err := Build(Query{Table: c.Table(q.tb), Where: q.where, Limit: q.limit, OrderBy: q.order, Now: n})
		if err != nil {
			fmt.Println(q.tb, "ERR", err)
			continue
		}
		fmt.Println("==", q.tb, describe(q.where), "limit", q.limit, q.order, "ordered", p.Ordered, "pushed", len(p.Pushed), "maxrows", func() []int {
			var m []int
			for _, c := range p.Calls {
				m = append(m, c.MaxRows)
			}
			return m
		}())
		for _, l := range p.Explain() {
			fmt.Println("   ", l)
		}
	}
}
