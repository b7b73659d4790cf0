package tables_test

import (
	"context"
	gosql "database/sql"
	"errors"
	"flag"
	"fmt"
	"math/rand"
	"net/http"
	"os"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/server"
)

var soak = flag.Duration("soak", 3*time.Second, "how long TestSoak runs (go test ./tables -run TestSoak -soak 10m)")

// TestSoak runs 32 clients of mixed reads, dry-run writes, killed
// statements and clients hanging up mid-statement against one server for
// -soak, then requires: no unexpected error, and goroutines, open files
// and heap back to their baseline once the clients are gone.
func TestSoak(t *testing.T) {
	h := proxiedHarness(t, emulator.Config{Users: 200}, func(next http.Handler) http.Handler { return next })
	addr := h.serveWith(server.Options{DryRun: true}, server.ServerConfig{QueryTimeout: 10 * time.Second, MaxConnections: 512})
	admin := open(t, addr, "root")
	admin.SetMaxOpenConns(8)
	var ids []string
	rows, err := query(t, admin, "SELECT id FROM users ORDER BY id LIMIT 50", true)
	if err != nil {
		t.Fatal(err)
	}
	ids = append(ids, rows...)
	db := open(t, addr, "root")
	db.SetMaxOpenConns(48)
	mix := soakMix{db: db, admin: admin, ids: ids, done: map[string]int{}}
	mix.run(time.Second) // warm up: pools of connections to the org fill
	mix.unexpected, mix.done = nil, map[string]int{}
	base := measure(t)
	mix.run(*soak)
	db.Close()
	t.Logf("%v in %s", mix.done, *soak)
	for _, u := range mix.unexpected {
		t.Errorf("unexpected error: %s", u)
	}

	admin.Close()
	var after usage
	for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		if after = measure(t); after.within(base) {
			break
		}
	}
	t.Logf("baseline %+v, after %+v", base, after)
	if !after.within(base) {
		t.Errorf("resources did not return to the baseline: %+v, baseline %+v", after, base)
	}
}

// soakMix is the soak test's load.
type soakMix struct {
	db, admin *gosql.DB
	ids       []string

	mu         sync.Mutex
	unexpected []string
	done       map[string]int
}

// run runs 32 clients for d.
func (m *soakMix) run(d time.Duration) {
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	for w := 0; w < 32; w++ {
		wg.Add(1)
		go func(rnd *rand.Rand) {
			defer wg.Done()
			for time.Now().Before(deadline) {
				switch n := rnd.Intn(10); {
				case n < 5:
					m.report("read", soakRead(m.db, rnd))
				case n < 7:
					_, err := m.db.Exec("UPDATE users SET profile_title = 'soak' WHERE id = ?", m.ids[rnd.Intn(len(m.ids))])
					m.report("dry-run write", err)
				case n < 9:
					m.report("kill", soakKill(m.db, m.admin))
				default:
					m.report("hang up", soakHangUp(m.db))
				}
			}
		}(rand.New(rand.NewSource(rand.Int63())))
	}
	wg.Wait()
}

func (m *soakMix) report(action string, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.done[action]++
	if err != nil && len(m.unexpected) < 20 {
		m.unexpected = append(m.unexpected, fmt.Sprintf("%s: %v", action, err))
	}
}

// soakRead runs one of a few reads and reads its rows.
func soakRead(db *gosql.DB, rnd *rand.Rand) error {
	qs := []string{
		"SELECT id, profile_login FROM users LIMIT 20",
		"SELECT count(*) FROM users WHERE status = 'ACTIVE'",
		"SELECT g.id, count(*) FROM okta.groups g JOIN group_members m ON m.group_id = g.id GROUP BY g.id LIMIT 5",
		"SELECT * FROM oktasql_requests",
		"SELECT profile_login FROM users WHERE profile_login REGEXP '^[a-m]' ORDER BY profile_login LIMIT 10",
	}
	rows, err := db.Query(qs[rnd.Intn(len(qs))])
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

// soakKill starts a long statement on one connection and kills it from
// another; the statement must end with MySQL's "interrupted" error (or
// have finished first).
func soakKill(db, admin *gosql.DB) error {
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var id int64
	if err := conn.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&id); err != nil {
		return err
	}
	errc := make(chan error, 1)
	go func() {
		var v any
		errc <- conn.QueryRowContext(ctx, "SELECT SLEEP(3)").Scan(&v)
	}()
	// The statement may not have reached the server yet: kill until it ends.
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(2 * time.Second)
	for {
		select {
		case err := <-errc:
			if err != nil && mysqlCode(err) != 1317 {
				return err
			}
			return nil
		case <-tick.C:
			if _, err := admin.Exec(fmt.Sprintf("KILL QUERY %d", id)); err != nil {
				return err
			}
		case <-deadline:
			return errors.New("KILL QUERY did not stop SLEEP(3) within 2 s")
		}
	}
}

// soakHangUp starts a statement and drops the connection under it.
func soakHangUp(db *gosql.DB) error {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	var v any
	err := db.QueryRowContext(ctx, "SELECT SLEEP(2)").Scan(&v)
	if errors.Is(err, context.DeadlineExceeded) {
		return nil
	}
	return fmt.Errorf("hanging up: %v, want the client's deadline", err)
}

// usage is what the process holds.
type usage struct {
	Goroutines int
	Files      int
	HeapMB     float64
}

func measure(t *testing.T) usage {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	files := -1
	if fds, err := os.ReadDir("/proc/self/fd"); err == nil {
		files = len(fds)
	}
	return usage{Goroutines: runtime.NumGoroutine(), Files: files, HeapMB: float64(ms.HeapAlloc) / (1 << 20)}
}

// within reports whether u is back to base, give or take idle HTTP
// connections to the org and the runtime's own.
func (u usage) within(base usage) bool {
	return u.Goroutines <= base.Goroutines+8 && u.Files <= base.Files+8 && u.HeapMB <= base.HeapMB*1.5+8
}
