package tables

import (
	"encoding/json"
	"testing"
)

func TestMaskSecrets(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"user password and recovery answer",
			`{"profile": {"login": "a@example.com"}, "credentials": {"password": {"value": "p"}, "recovery_question": {"question": "q", "answer": "a"}}}`,
			`{"credentials":{"password":{"value":"********"},"recovery_question":{"answer":"********","question":"q"}},"profile":{"login":"a@example.com"}}`},
		{"password hook: hashed password",
			`{"credentials": {"password": {"hash": {"algorithm": "BCRYPT", "workFactor": 10, "salt": "s", "value": "h"}}}}`,
			`{"credentials":{"password":{"hash":{"algorithm":"********","salt":"********","value":"********","workFactor":10}}}}`},
		{"event hook auth header and headers",
			`{"channel": {"config": {"authScheme": {"type": "HEADER", "key": "Authorization", "value": "s"}, "headers": [{"key": "X-Key", "value": "h"}]}}}`,
			`{"channel":{"config":{"authScheme":{"key":"Authorization","type":"HEADER","value":"********"},"headers":[{"key":"X-Key","value":"********"}]}}}`},
		{"OAuth client secret and token settings",
			`{"credentials": {"oauthClient": {"client_id": "c", "client_secret": "s"}}, "settings": {"accessTokenLifetimeMinutes": 60}}`,
			`{"credentials":{"oauthClient":{"client_id":"c","client_secret":"********"}},"settings":{"accessTokenLifetimeMinutes":60}}`},
		{"a value elsewhere is no secret",
			`{"gateways": [{"type": "CIDR", "value": "192.0.2.0/24"}]}`,
			`{"gateways":[{"type":"CIDR","value":"192.0.2.0/24"}]}`},
		{"no body", `null`, `null`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in any
			if err := json.Unmarshal([]byte(tt.in), &in); err != nil {
				t.Fatal(err)
			}
			before, _ := json.Marshal(in)
			got, _ := json.Marshal(maskSecrets(in, ""))
			if string(got) != tt.want {
				t.Errorf("maskSecrets = %s\nwant          %s", got, tt.want)
			}
			if after, _ := json.Marshal(in); string(after) != string(before) {
				t.Errorf("maskSecrets changed its input to %s", after)
			}
		})
	}
}
