package server

import (
	"testing"

	querypb "github.com/dolthub/vitess/go/vt/proto/query"

	"github.com/oktasql/oktasql/schema"
	"github.com/oktasql/oktasql/tables"
)

func TestMarkBooleans(t *testing.T) {
	e := &Engine{orgs: map[string]*tables.Org{"okta": {Name: "okta", Catalog: schema.Default()}}}
	fields := []*querypb.Field{
		{Name: "accessibility_self_service", OrgTable: "apps", Type: querypb.Type_INT8, ColumnLength: 4},
		{Name: "one", Type: querypb.Type_INT8, ColumnLength: 4},
		{Name: "users_count", OrgTable: "groups", Type: querypb.Type_INT64, ColumnLength: 20},
	}
	e.markBooleans(fields)
	for i, want := range []uint32{1, 4, 20} {
		if fields[i].ColumnLength != want {
			t.Errorf("%s: length %d, want %d", fields[i].Name, fields[i].ColumnLength, want)
		}
	}
}
