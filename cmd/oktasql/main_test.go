package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// startServe runs `oktasql serve` in-process on a free loopback port over
// an embedded emulated org and returns the port.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	m := &Main{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: pw, Getenv: func(string) string { return "" }, Home: t.TempDir()}
	done := make(chan error, 1)
	go func() {
		done <- m.Run(ctx, append([]string{"serve", "--listen", "127.0.0.1:0", "--emulator-users", "200"}, args...))
		m.Close()
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	portRE := regexp.MustCompile(`serving MySQL on 127\.0\.0\.1:(\d+)`)
	lines := bufio.NewScanner(pr)
	found := make(chan string, 1)
	go func() {
		for lines.Scan() {
			if m := portRE.FindStringSubmatch(lines.Text()); m != nil {
				found <- m[1]
			}
		}
	}()
	select {
	case port := <-found:
		return port
	case err := <-done:
		t.Fatalf("serve exited: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("serve did not start within 60 s")
	}
	return ""
}

// TestMariaDBClientInteractive drives Debian's mariadb client through a
// pseudo-terminal, as a person would: password prompt, SHOW TABLES,
// DESCRIBE users and a query.
func TestMariaDBClientInteractive(t *testing.T) {
	client, err := exec.LookPath("mariadb")
	if err != nil {
		t.Skip("mariadb client not installed (.ci/run installs it)")
	}
	if _, err := exec.LookPath("script"); err != nil {
		t.Skip("script(1) not installed")
	}
	port := startServe(t, "--user", "admin:s3cret")
	cmdline := client + " -h 127.0.0.1 -P " + port + " -u admin -p okta"
	cmd := exec.Command("script", "-q", "-c", cmdline, "/dev/null")
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Answer each prompt as a person would: the password, then one
	// statement per "MySQL [okta]>" prompt.
	steps := []struct{ prompt, input string }{
		{"Enter password:", "s3cret"},
		{"[okta]>", "SHOW TABLES;"},
		{"[okta]>", "DESCRIBE users;"},
		{"[okta]>", "SELECT count(*) AS n FROM users WHERE status = 'ACTIVE';"},
		{"[okta]>", "quit"},
	}
	seen := 0
	for _, s := range steps {
		deadline := time.Now().Add(30 * time.Second)
		for strings.Count(out.String(), s.prompt) <= seen && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		if s.prompt == "[okta]>" {
			seen++
		}
		io.WriteString(in, s.input+"\n")
	}
	waitDone := make(chan error, 1)
	go func() { waitDone <- cmd.Wait() }()
	select {
	case <-waitDone:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatalf("mariadb did not exit; output:\n%s", out.String())
	}
	text := out.String()
	for _, want := range []string{"Tables_in_okta", "group_members", "profile_login", "| n ", "oktasql"} {
		if !strings.Contains(text, want) {
			t.Errorf("mariadb session output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "ERROR") {
		t.Errorf("mariadb session reported an error:\n%s", text)
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
