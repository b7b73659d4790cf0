package emulator

import (
	"encoding/json"
	"net/http"
)

// apiError is an error body in Okta's shape.
type apiError struct {
	ErrorCode    string       `json:"errorCode"`
	ErrorSummary string       `json:"errorSummary"`
	ErrorLink    string       `json:"errorLink"`
	ErrorID      string       `json:"errorId"`
	ErrorCauses  []errorCause `json:"errorCauses"`
}

// errorCause is one entry of an Okta error's errorCauses.
type errorCause struct {
	ErrorSummary string `json:"errorSummary"`
}

// writeError writes an Okta-shaped error with the given status, code and causes.
func writeError(w http.ResponseWriter, status int, code, summary string, causes ...string) {
	list := make([]errorCause, len(causes))
	for i, c := range causes {
		list[i] = errorCause{ErrorSummary: c}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	body, _ := json.Marshal(apiError{
		ErrorCode: code, ErrorSummary: summary, ErrorLink: code,
		ErrorID: w.Header().Get("X-Okta-Request-Id"), ErrorCauses: list,
	})
	w.Write(body)
}
