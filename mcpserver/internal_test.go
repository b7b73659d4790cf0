package mcpserver

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/oktasql/oktasql/fetcher"
)

func TestConfirmer(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	c := newConfirmer(time.Minute, func() time.Time { return now })
	a, _ := c.issue("DELETE FROM users WHERE id = 'a'")
	b, _ := c.issue("DELETE FROM users WHERE id = 'a'")
	if a == b {
		t.Error("two dry runs of one statement got the same token")
	}
	for _, tc := range []struct {
		name, token, stmt string
		want              error
	}{
		{"other statement", a, "DELETE FROM users WHERE id = 'b'", ErrConfirmMismatch},
		{"garbage", "x.y", "DELETE FROM users WHERE id = 'a'", ErrConfirmInvalid},
		{"tampered", "A" + a[1:], "DELETE FROM users WHERE id = 'a'", ErrConfirmMismatch},
		{"good", a, "DELETE FROM users WHERE id = 'a'", nil},
		{"reused", a, "DELETE FROM users WHERE id = 'a'", ErrConfirmUsed},
	} {
		if err := c.redeem(tc.token, tc.stmt); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	now = now.Add(2 * time.Minute)
	if err := c.redeem(b, "DELETE FROM users WHERE id = 'a'"); !errors.Is(err, ErrConfirmExpired) {
		t.Errorf("expired: %v", err)
	}
	if other := newConfirmer(time.Minute, func() time.Time { return now }); other.redeem(b, "DELETE FROM users WHERE id = 'a'") == nil {
		t.Error("another server's token was taken")
	}
}

func TestRateLimitedError(t *testing.T) {
	reset := time.Date(2026, 12, 1, 12, 1, 0, 0, time.UTC)
	rl := &fetcher.RateLimitError{APIError: &fetcher.APIError{Status: 429, Code: "E0000047", Operation: "listUsers", Method: "GET", Path: "/api/v1/users"}, Reset: reset}
	err := (&Server{}).actionable(nil, fmt.Errorf("reading users: %w", rl), 4)
	var got *RateLimitedError
	if !errors.As(err, &got) || got.Waits != 4 || !errors.Is(err, rl) {
		t.Fatalf("actionable = %#v", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "after 4 waits; retry after 2026-12-01T12:01:00Z") {
		t.Errorf("message %q", msg)
	}
}

func TestClosest(t *testing.T) {
	cols := []string{"id", "status", "profile_email", "profile_login", "profile_second_email", "created"}
	for _, c := range []struct {
		name string
		want string
	}{
		{"profile_emial", "profile_email"},
		{"statsu", "status"},
		{"email", "profile_email,profile_second_email"},
		{"zzzzzz", ""},
	} {
		if got := strings.Join(closest(c.name, cols), ","); got != c.want {
			t.Errorf("closest(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}
