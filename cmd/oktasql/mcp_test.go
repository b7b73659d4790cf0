package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// buildBinary builds oktasql into a temporary folder and returns its path.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "oktasql")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestMCPBinary builds oktasql once and drives `oktasql mcp` over stdio
// with two clients: the Go SDK's and the MCP Inspector's CLI.
func TestMCPBinary(t *testing.T) {
	bin := buildBinary(t)
	t.Run("sdk client", func(t *testing.T) { testMCPStdio(t, bin) })
	t.Run("inspector", func(t *testing.T) { testMCPInspector(t, bin) })
}

// testMCPStdio drives `oktasql mcp` as a desktop assistant does: the built
// binary as a subprocess, MCP over its stdin and stdout, the SDK's client.
func testMCPStdio(t *testing.T, bin string) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "mcp", "--emulator-users", "50")
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	cs, err := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "1"}, nil).Connect(ctx, &mcp.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	if got := cs.InitializeResult().ServerInfo.Name; got != "oktasql" {
		t.Errorf("server name %q", got)
	}
	tools, err := cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(tools.Tools) != 6 {
		t.Errorf("%d tools, want 6", len(tools.Tools))
	}
	res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "query", Arguments: map[string]any{"sql": "SELECT COUNT(*) AS n FROM users"}})
	if err != nil || res.IsError {
		t.Fatalf("query: %v %+v", err, res)
	}
	b, _ := json.Marshal(res.StructuredContent)
	if !strings.Contains(string(b), `"rows":[[50]]`) {
		t.Errorf("query result %s: want 50 users", b)
	}
	res, err = cs.CallTool(ctx, &mcp.CallToolParams{Name: "query", Arguments: map[string]any{"sql": "DELETE FROM users WHERE id = 'x'"}})
	if err != nil || !res.IsError {
		t.Errorf("a write without --allow-writes: %v %+v, want a tool error", err, res)
	}
}

// testMCPInspector drives `oktasql mcp` with the MCP Inspector's CLI mode,
// a client no one here wrote: it lists the tools and calls query on the
// embedded demo org. .ci/run installs the inspector into .ci/node and sets
// OKTASQL_REQUIRE_MCP_INSPECTOR; elsewhere the test skips without it.
func testMCPInspector(t *testing.T, bin string) {
	inspector, err := filepath.Abs("../../.ci/node/node_modules/.bin/mcp-inspector")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(inspector); err != nil {
		if os.Getenv("OKTASQL_REQUIRE_MCP_INSPECTOR") != "" {
			t.Fatalf("the MCP Inspector is not installed (%v): npm install --prefix .ci/node @modelcontextprotocol/inspector", err)
		}
		t.Skip("the MCP Inspector is not installed in .ci/node")
	}
	run := func(args ...string) []byte {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, inspector, append([]string{"--cli", bin, "mcp", "--emulator-users", "50", "--"}, args...)...)
		cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("inspector %v: %v\n%s%s", args, err, out, stderr.String())
		}
		return out
	}
	var list struct{ Tools []struct{ Name string } }
	if err := json.Unmarshal(run("--method", "tools/list"), &list); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, tool := range list.Tools {
		names[tool.Name] = true
	}
	for _, name := range []string{"query", "explain", "list_tables", "describe_table", "list_procedures", "describe_procedure"} {
		if !names[name] {
			t.Errorf("tools/list lacks %s: %v", name, names)
		}
	}
	var call struct {
		IsError           bool
		StructuredContent struct {
			Rows     [][]any
			Requests []struct{ Path string }
		}
	}
	if err := json.Unmarshal(run("--method", "tools/call", "--tool-name", "query", "--tool-arg", "sql=SELECT COUNT(*) AS n FROM users"), &call); err != nil {
		t.Fatal(err)
	}
	if sc := call.StructuredContent; call.IsError || len(sc.Rows) != 1 || sc.Rows[0][0] != float64(50) || len(sc.Requests) == 0 {
		t.Errorf("tools/call query = %+v: want [[50]] and the users requests", call)
	}
}

func TestCheckMCPExposure(t *testing.T) {
	for _, c := range []struct {
		listen, token string
		ok            bool
	}{
		{"127.0.0.1:7000", "", true},
		{"localhost:7000", "", true},
		{"[::1]:7000", "", true},
		{"0.0.0.0:7000", "", false},
		{"0.0.0.0:7000", "tok", true},
		{"nohost", "", false},
	} {
		if err := checkMCPExposure(c.listen, c.token); (err == nil) != c.ok {
			t.Errorf("checkMCPExposure(%q, %q) = %v, want ok %v", c.listen, c.token, err, c.ok)
		}
	}
}

// TestMCPListen runs `oktasql mcp --listen` in-process and calls query over
// the streamable HTTP transport with the bearer token of the environment.
func TestMCPListen(t *testing.T) {
	env := map[string]string{"OKTASQL_MCP_TOKEN": "s3cret"}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: pw, Getenv: func(k string) string { return env[k] }, Home: t.TempDir()}
	done := make(chan error, 1)
	go func() {
		done <- m.Run(ctx, []string{"mcp", "--listen", "127.0.0.1:0", "--emulator-users", "20"})
		m.Close()
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("mcp: %v", err)
		}
	})
	urlRE := regexp.MustCompile(`serving MCP on (http://\S+)`)
	found := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(pr)
		for lines.Scan() {
			if m := urlRE.FindStringSubmatch(lines.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	var endpoint string
	select {
	case endpoint = <-found:
	case err := <-done:
		t.Fatalf("mcp exited: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("mcp did not start within 60 s")
	}
	for _, c := range []struct {
		token string
		ok    bool
	}{{"wrong", false}, {"s3cret", true}} {
		client := &http.Client{Transport: bearerTransport{c.token}}
		cs, err := mcp.NewClient(&mcp.Implementation{Name: "test", Version: "1"}, nil).
			Connect(ctx, &mcp.StreamableClientTransport{Endpoint: endpoint, HTTPClient: client, DisableStandaloneSSE: true}, nil)
		if (err == nil) != c.ok {
			t.Fatalf("connecting with token %q: %v, want ok %v", c.token, err, c.ok)
		}
		if err != nil {
			continue
		}
		res, err := cs.CallTool(ctx, &mcp.CallToolParams{Name: "query", Arguments: map[string]any{"sql": "SELECT COUNT(*) FROM users"}})
		if err != nil || res.IsError {
			t.Errorf("query over HTTP: %v %+v", err, res)
		}
		cs.Close()
	}
}

// TestMCPRefusesExposure: beyond loopback, mcp --listen needs a token.
func TestMCPRefusesExposure(t *testing.T) {
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }, Home: t.TempDir()}
	defer m.Close()
	err := m.Run(context.Background(), []string{"mcp", "--listen", "0.0.0.0:0", "--emulator-users", "10"})
	if err == nil || !strings.Contains(err.Error(), "bearer token") {
		t.Errorf("mcp --listen 0.0.0.0:0 without a token: %v", err)
	}
}

// bearerTransport adds an Authorization header to every request.
type bearerTransport struct{ token string }

func (b bearerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return http.DefaultTransport.RoundTrip(r)
}
