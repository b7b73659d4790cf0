package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"
)

func TestFaults(t *testing.T) {
	srv := startTest(t, 10)
	for _, tc := range []struct {
		name   string
		fault  Fault
		status []int // statuses of three requests to /api/v1/users; -1: transport or body error
	}{
		{"429 always", Fault{Kind: Fault429}, []int{429, 429, 429}},
		{"500 on the 2nd", Fault{Kind: Fault500, Nth: 2}, []int{200, 500, 200}},
		{"503 twice", Fault{Kind: Fault503, Count: 2}, []int{503, 503, 200}},
		{"other prefix", Fault{Kind: Fault429, PathPrefix: "/api/v1/groups"}, []int{200, 200, 200}},
		{"concurrency", Fault{Kind: FaultConcurrency429, Count: 1}, []int{429, 200, 200}},
		{"truncate", Fault{Kind: FaultTruncate, Count: 1}, []int{-1, 200, 200}},
		{"drop", Fault{Kind: FaultDrop, Count: 1}, []int{-1, 200, 200}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv.Org.ClearFaults()
			srv.Org.InjectFault(tc.fault)
			defer srv.Org.ClearFaults()
			for i, want := range tc.status {
				if got := fetchStatus(srv.URL + "/api/v1/users?limit=2"); got != want {
					t.Fatalf("request %d: status %d, want %d", i+1, got, want)
				}
			}
		})
	}
}

// fetchStatus returns the status of a GET whose body is valid JSON, or -1.
func fetchStatus(url string) int {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Authorization", "SSWS tok")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || !json.Valid(body) {
		return -1
	}
	return resp.StatusCode
}
