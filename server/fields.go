package server

import (
	"strings"

	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
	querypb "github.com/dolthub/vitess/go/vt/proto/query"
)

// markBooleans gives the result fields of boolean catalog columns MySQL's
// BOOLEAN display width, tinyint(1): go-mysql-server sends every TINYINT
// with width 4, and JDBC (like other drivers) reads a tinyint(1) as a
// Boolean and any other TINYINT as an Integer, while its getColumns
// already calls the column BIT. A field keeps its table but not its
// column name under an alias; booleans are the only TINYINT columns of
// catalog tables (tables' sqlType), so the table is enough.
func (e *Engine) markBooleans(fields []*querypb.Field) {
	for _, f := range fields {
		if f.Type == querypb.Type_INT8 && f.ColumnLength != 1 && e.catalogTable(f.OrgTable) {
			f.ColumnLength = 1
		}
	}
}

// catalogTable reports whether name is a table of an org's catalog.
func (e *Engine) catalogTable(name string) bool {
	if name == "" {
		return false
	}
	for _, o := range e.orgs {
		if o.Catalog.Table(strings.ToLower(name)) != nil {
			return true
		}
	}
	return false
}

// markingBooleans is callback with markBooleans applied to each result's
// fields.
func (e *Engine) markingBooleans(callback mysql.ResultSpoolFn) mysql.ResultSpoolFn {
	return func(r *sqltypes.Result, more bool) error {
		e.markBooleans(r.Fields)
		return callback(r, more)
	}
}
