package tables_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/oktasql/oktasql/emulator"
)

// TestAnswersOfTheWrongShape serves users answers of other shapes than
// the spec's: each statement fails with one error naming the call and the
// shape or the column and value (never no rows and no error), and only a
// fault a new request may not repeat (an empty body) is asked again.
func TestAnswersOfTheWrongShape(t *testing.T) {
	type answerFunc func(next http.Handler, w http.ResponseWriter, r *http.Request)
	var answer atomic.Pointer[answerFunc]
	var requests atomic.Int32
	h := proxiedHarness(t, emulator.Config{Users: 20}, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			a := answer.Load()
			if a == nil || !strings.HasPrefix(r.URL.Path, "/api/v1/users") {
				next.ServeHTTP(w, r)
				return
			}
			requests.Add(1)
			(*a)(next, w, r)
		})
	})
	db := h.serve(false, "okta")
	body := func(b string) answerFunc {
		return func(_ http.Handler, w http.ResponseWriter, _ *http.Request) { w.Write([]byte(b)) }
	}
	tests := []struct {
		name     string
		query    string
		answer   answerFunc
		err      string
		requests int32
	}{
		{"an object for a page", "SELECT id FROM users WHERE status = 'ACTIVE'", body(`{"id":"x"}`),
			"okta: listUsers GET /api/v1/users: the answer is an object where the spec declares an array", 1},
		{"an array for a point GET", "SELECT id FROM users WHERE id = 'x'", body(`[{"id":"x"}]`),
			"oktasql: table users: an item is an array where the spec declares an object (in the answer to GET /api/v1/users/x)", 1},
		{"an empty page", "SELECT id FROM users WHERE status = 'ACTIVE'", body(``),
			"okta: listUsers GET /api/v1/users: the page is empty (a 200 with no JSON value) after 5 attempts", 5},
		{"a date that is not a date", "SELECT id, created FROM users WHERE status = 'ACTIVE'", func(next http.Handler, w http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			w.Write([]byte(strings.Replace(rec.Body.String(), `"created":"`, `"created":"soon `, 1)))
		}, `oktasql: table users: decoding an item: column created: value "soon 20`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answer.Store(&tt.answer)
			defer answer.Store(nil)
			requests.Store(0)
			rows, err := query(t, db, tt.query, false)
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%d rows, error %v; want %s", len(rows), err, tt.err)
			}
			if requests.Load() != tt.requests {
				t.Errorf("%d requests, want %d", requests.Load(), tt.requests)
			}
		})
	}
}
