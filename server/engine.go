package server

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	sqle "github.com/dolthub/go-mysql-server"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/mysql_db"
	"github.com/dolthub/go-mysql-server/sql/rowexec"
	_ "github.com/dolthub/go-mysql-server/sql/variables" // registers MySQL's system variables
	"github.com/sirupsen/logrus"

	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/schema"
	"github.com/oktasql/oktasql/tables"
)

// User is a MySQL account of the oktasql server.
type User struct {
	Name     string
	Password string
}

// Options configure an Engine.
type Options struct {
	// Users are the accounts; none means root with no password.
	Users []User
	// ReadOnly refuses every write.
	ReadOnly bool
	// Version is shown by VERSION() and @@version_comment.
	Version string
	// DryRun makes writes report their calls instead of making them:
	// oktasql_dry_run is on and read-only.
	DryRun bool
	// MaxAffectedRows is the default and ceiling of
	// oktasql_max_affected_rows: a write that would change more rows is
	// refused. 0 means 100.
	MaxAffectedRows int64
	// ParallelScan is the default of oktasql_parallel_scan: full reads of
	// users and groups split into that many searches read at once.
	ParallelScan int64
	// NoPushdown is the default of oktasql_pushdown off: tables are read
	// plain (see the plain field of tables.Table).
	NoPushdown bool
}

// Engine is go-mysql-server configured for oktasql: one database per org,
// accounts with privileges (so the mysql system database, SHOW GRANTS and
// mysql.user work) and unquoted reserved table names.
type Engine struct {
	*sqle.Engine
	orgs     map[string]*tables.Org // by lower-case name
	reserved map[string]bool
	clients  clientSessions
	user     string
	nextID   atomic.Uint32
	// killed holds the connection ids a KILL named during their statement.
	killed *sync.Map
}

// NewEngine builds the engine over orgs.
func NewEngine(orgs []*tables.Org, opts Options) (*Engine, error) {
	if len(orgs) == 0 {
		return nil, fmt.Errorf("oktasql: no org to serve")
	}
	logrus.SetLevel(logrus.ErrorLevel)
	pro := newProvider(orgs...)
	a := analyzer.NewDefault(pro)
	own := &execBuilder{killed: &sync.Map{}}
	a.ExecBuilder = rowexec.NewOverrideBuilder(own)
	own.base = a.ExecBuilder
	a.Coster = tables.APICoster{Coster: a.Coster}
	eng := sqle.New(a, &sqle.Config{IsReadOnly: opts.ReadOnly})

	if opts.MaxAffectedRows == 0 {
		opts.MaxAffectedRows = 100
	}
	if opts.MaxAffectedRows < 0 {
		return nil, fmt.Errorf("max affected rows %d: want a positive ceiling", opts.MaxAffectedRows)
	}
	if opts.ParallelScan < 0 || opts.ParallelScan > maxParallelScan {
		return nil, fmt.Errorf("parallel scan %d: want 0 to %d partitions", opts.ParallelScan, maxParallelScan)
	}
	if err := registerSessionVars(opts); err != nil {
		return nil, fmt.Errorf("oktasql: session variables: %w", err)
	}
	comment := "oktasql " + opts.Version + " (Okta management API over SQL)"
	if err := sql.SystemVariables.AssignValues(map[string]interface{}{"version_comment": strings.ReplaceAll(comment, "  ", " "), "version": serverVersion}); err != nil {
		return nil, fmt.Errorf("oktasql: setting version and version_comment: %w", err)
	}

	users := opts.Users
	if len(users) == 0 {
		users = []User{{Name: "root"}}
	}
	db := eng.Analyzer.Catalog.MySQLDb
	db.SetPersister(&mysql_db.NoopPersister{})
	ed := db.Editor()
	for _, u := range users {
		db.AddSuperUser(ed, u.Name, "%", u.Password)
		db.AddSuperUser(ed, u.Name, "localhost", u.Password)
	}
	ed.Close()
	pro.system = systemDatabase{Database: db, DefinitionsRefused: tables.NewDefinitionsRefused(db.Name())}

	var names []string
	byName := map[string]*tables.Org{}
	for _, o := range orgs {
		byName[strings.ToLower(o.Name)] = o
		for _, t := range o.Catalog.Tables {
			names = append(names, t.Name)
		}
	}
	return &Engine{Engine: eng, orgs: byName, reserved: reservedTableNames(names), user: users[0].Name, killed: own.killed}, nil
}

// forgetSession drops what the engine keeps for a closed connection's
// session: its request log and dry-run calls in every org, and a KILL
// mark.
func (e *Engine) forgetSession(id uint32) {
	e.clients.remove(id)
	e.killed.Delete(id)
	for _, o := range e.orgs {
		o.ForgetSession(id)
	}
}

// Rewrite prepares a statement for the parser: reserved table names such
// as groups are quoted, \% and \_ in strings keep their backslash, and
// user-variable assignments in expressions become function calls.
func (e *Engine) Rewrite(query string) string {
	return assignUserVars(quoteReserved(keepWildcardEscapes(query), e.reserved))
}

// NewSession returns an in-process session of the first account, using
// database db. A shell keeps one session for all its statements.
func (e *Engine) NewSession(db string) sql.Session {
	sess := newClientSession(sql.NewBaseSessionWithClientServer("oktasql", sql.Client{User: e.user, Address: "localhost"}, e.nextID.Add(1)))
	sess.SetCurrentDatabase(db)
	return sess
}

// Context returns a statement context in sess, cancelled with ctx; a
// wait for Okta's rate limit warns sess.
func (e *Engine) Context(ctx context.Context, sess sql.Session) *sql.Context {
	ctx = fetcher.WithWaitNotice(ctx, rateWaitNotice(func() (sql.Session, bool) { return sess, true }))
	return sql.NewContext(ctx, sql.WithSession(sess), sql.WithProcessList(e.ProcessList))
}

// Query runs one statement in ctx's session.
func (e *Engine) Query(ctx *sql.Context, query string) (_ sql.Schema, _ sql.RowIter, err error) {
	defer recovered(&err)
	if err := checkNesting(query); err != nil {
		return nil, nil, err
	}
	sch, iter, _, err := e.Engine.Query(ctx, e.Rewrite(query))
	return sch, iter, err
}

// Tables returns the catalog tables of database db, nil when there is none.
func (e *Engine) Tables(db string) []*schema.Table {
	if o, ok := e.orgs[strings.ToLower(db)]; ok {
		return o.Catalog.Tables
	}
	return nil
}

// APIStats sums the request counters of every org's client: requests made
// (retries included) and 429 answers, for progress reports.
func (e *Engine) APIStats() (requests, rateLimited int) {
	for _, o := range e.orgs {
		st := o.API.Stats().Total
		requests += st.Requests
		rateLimited += st.RateLimited
	}
	return requests, rateLimited
}
