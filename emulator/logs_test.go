package emulator

import (
	"encoding/json"
	"net/url"
	"testing"
	"time"
)

func TestLogs(t *testing.T) {
	srv := startTest(t, 50)
	events := srv.Org.gen.Events
	if len(events) == 0 {
		t.Fatal("no seeded events")
	}
	until := url.QueryEscape(testNow.Add(time.Hour).Format(time.RFC3339))
	since := url.QueryEscape(testNow.Add(-100 * 24 * time.Hour).Format(time.RFC3339))
	for _, tc := range []struct {
		name, query string
		pages       int  // pages to read
		wantNext    bool // whether the last page read has a next link
		wantRows    int  // rows over the pages read (-1: don't check)
	}{
		{"bounded ends", "limit=1000&since=" + since + "&until=" + until, 50, false, len(events)},
		{"polling always has next", "limit=1000&since=" + since, 50, true, len(events)},
		{"bad since", "since=yesterday", 1, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, rows, next := srv.URL+"/api/v1/logs?"+tc.query, 0, ""
			for i := 0; i < tc.pages && u != ""; i++ {
				resp, body := get(t, u, "SSWS tok")
				var page []json.RawMessage
				if resp.StatusCode == 200 {
					if err := json.Unmarshal(body, &page); err != nil {
						t.Fatal(err)
					}
				}
				rows += len(page)
				next = nextLink(resp.Header.Values("Link"))
				if len(page) == 0 {
					break
				}
				u = next
			}
			if (next != "") != tc.wantNext || rows != tc.wantRows {
				t.Fatalf("%d rows, next %q; want %d rows, next %v", rows, next, tc.wantRows, tc.wantNext)
			}
		})
	}
}
