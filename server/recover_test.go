package server

import (
	"context"
	"errors"
	"testing"

	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
	querypb "github.com/dolthub/vitess/go/vt/proto/query"

	"github.com/oktasql/oktasql/schema"
	"github.com/oktasql/oktasql/tables"
)

// panicking is a handler whose every statement panics, as go-mysql-server's
// join planner does on some plans.
type panicking struct{ mysql.Handler }

func (panicking) ComQuery(context.Context, *mysql.Conn, string, mysql.ResultSpoolFn) error {
	panic("index out of range [6] with length 5")
}

func (panicking) ComPrepare(context.Context, *mysql.Conn, string, *mysql.PrepareData) ([]*querypb.Field, error) {
	panic("index out of range [6] with length 5")
}

func (panicking) ComStmtExecute(context.Context, *mysql.Conn, *mysql.PrepareData, func(*sqltypes.Result) error) error {
	panic("index out of range [6] with length 5")
}

// TestPanicIsAnError checks that a statement whose planning panics answers
// its client with error 1105 instead of dropping the connection.
func TestPanicIsAnError(t *testing.T) {
	eng, err := NewEngine([]*tables.Org{{Name: "okta", Catalog: schema.Default()}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := &rewriteHandler{Handler: panicking{}, e: eng, memory: &memoryGuard{budget: DefaultMemoryBudget}}
	c := &mysql.Conn{}
	checks := map[string]func() error{
		"query": func() error { return h.ComQuery(context.Background(), c, "SELECT 1", nil) },
		"prepare": func() error {
			_, err := h.ComPrepare(context.Background(), c, "SELECT 1", &mysql.PrepareData{})
			return err
		},
		"execute": func() error { return h.ComStmtExecute(context.Background(), c, &mysql.PrepareData{}, nil) },
	}
	for name, run := range checks {
		t.Run(name, func(t *testing.T) {
			var se *mysql.SQLError
			if err := run(); !errors.As(err, &se) || se.Num != mysql.ERUnknownError {
				t.Errorf("error %v, want a 1105 naming the panic", err)
			}
		})
	}
}
