package fetcher

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/oktasql/oktasql/schema"
)

// TestPageShapes serves pages of other shapes than their endpoint's:
// valid JSON of the wrong shape is one error naming the path and the
// shape, never retried; an empty or null body is asked again, then fails,
// never taken for an empty last page.
func TestPageShapes(t *testing.T) {
	tests := []struct {
		name     string
		envelope string
		bodies   []string // the answers in turn; the last one repeats
		ids      int
		requests int32
		wantErr  error
		shape    string // the ShapeError's text, when wantErr is one
	}{
		{"an object for an array", "", []string{`{"id":"1"}`}, 0, 1, &ShapeError{},
			"okta: listUsers GET /api/v1/users: the answer is an object where the spec declares an array"},
		{"an array for an envelope", "roles", []string{`[{"id":"1"}]`}, 0, 1, &ShapeError{},
			"okta: listUsers GET /api/v1/users: the answer is an array where the spec declares an object"},
		{"an object under the envelope", "roles", []string{`{"roles":{"id":"1"}}`}, 0, 1, &ShapeError{},
			`okta: listUsers GET /api/v1/users: the answer is an object under "roles" where the spec declares an array under "roles"`},
		{"no envelope member", "roles", []string{`{"id":"1"}`}, 0, 1, &ShapeError{},
			`okta: listUsers GET /api/v1/users: the answer is an object without "roles" where the spec declares an object with "roles"`},
		{"an empty body is asked again", "", []string{``, `[{"id":"1"}]`}, 1, 2, nil, ""},
		{"a null body is asked again", "", []string{`null`, `[{"id":"1"}]`}, 1, 2, nil, ""},
		{"an empty body fails after the retries", "", []string{` `}, 0, 4, errEmptyPage, ""},
		{"a truncated body fails after the retries", "", []string{`[{"id":"1"`}, 0, 4, errTruncatedPage, ""},
		{"an envelope's null list is empty", "roles", []string{`{"roles":null}`}, 0, 1, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n atomic.Int32
			c, _ := setup(t, func(w http.ResponseWriter, r *http.Request) {
				i := min(int(n.Add(1)), len(tt.bodies)) - 1
				fmt.Fprint(w, tt.bodies[i])
			})
			ids, err := collect(t, c.List(context.Background(), ListRequest{Operation: "listUsers", Path: "/api/v1/users", Envelope: tt.envelope, Pagination: schema.PaginationLink}))
			var shape *ShapeError
			switch {
			case tt.wantErr == nil && err != nil:
				t.Fatalf("error %v", err)
			case tt.shape != "" && (!errors.As(err, &shape) || err.Error() != tt.shape):
				t.Errorf("error %v, want %s", err, tt.shape)
			case tt.wantErr != nil && tt.shape == "" && !errors.Is(err, tt.wantErr):
				t.Errorf("error %v, want %v", err, tt.wantErr)
			}
			if len(ids) != tt.ids || n.Load() != tt.requests {
				t.Errorf("%d items in %d requests, want %d in %d", len(ids), n.Load(), tt.ids, tt.requests)
			}
		})
	}
}
