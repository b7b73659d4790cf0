package server

import (
	"context"
	"fmt"
	"runtime/metrics"
	"sync"
	"time"
)

// DefaultMemoryBudget is the heap the server lets its statements grow to
// before it stops them (ServerConfig.MemoryBudget).
const DefaultMemoryBudget = 2 << 30

// erOutOfResources is MySQL's ER_OUT_OF_RESOURCES.
const erOutOfResources = 1041

// MemoryBudgetError is the cause of a statement stopped because the
// server's heap passed its budget.
type MemoryBudgetError struct {
	Heap, Budget uint64
}

func (e *MemoryBudgetError) Error() string {
	return fmt.Sprintf("Out of memory: the server's heap reached %d MB, over its budget of %d MB (--max-memory); the running statements were stopped",
		e.Heap>>20, e.Budget>>20)
}

// memoryGuard stops the running statements when the heap passes budget.
// go-mysql-server has no per-statement accounting, so the guard cannot
// tell which statement grows: it stops all that run, and the server
// lives. It watches (every 100 ms) only while a statement runs.
type memoryGuard struct {
	budget uint64

	mu       sync.Mutex
	next     uint64
	running  map[uint64]context.CancelCauseFunc
	watching bool
}

// track makes ctx's statement one the guard may stop; call the returned
// function when the statement ends.
func (g *memoryGuard) track(ctx context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(ctx)
	g.mu.Lock()
	if g.running == nil {
		g.running = map[uint64]context.CancelCauseFunc{}
	}
	if !g.watching {
		g.watching = true
		go g.watch()
	}
	g.next++
	id := g.next
	g.running[id] = cancel
	g.mu.Unlock()
	return ctx, func() {
		g.mu.Lock()
		delete(g.running, id)
		g.mu.Unlock()
		cancel(nil)
	}
}

// watch checks the heap until no statement runs.
func (g *memoryGuard) watch() {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for range t.C {
		metrics.Read(sample)
		heap := sample[0].Value.Uint64()
		g.mu.Lock()
		if len(g.running) == 0 {
			g.watching = false
			g.mu.Unlock()
			return
		}
		if heap > g.budget {
			for id, cancel := range g.running {
				cancel(&MemoryBudgetError{Heap: heap, Budget: g.budget})
				delete(g.running, id)
			}
		}
		g.mu.Unlock()
	}
}
