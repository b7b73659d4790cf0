// Package spectest locates Okta's management OpenAPI spec and the
// inventories extracted from it for the tests that need them. They are not
// in the repository: they live in ../shared/okta, beside its checkout.
package spectest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// RequiredEnv is the environment variable that turns a missing spec from a
// skip into a failure; .ci/run sets it, so CI never skips these tests.
const RequiredEnv = "OKTASQL_SPEC_REQUIRED"

// Dir returns the folder the spec belongs in: shared/okta beside the
// repository's root.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "okta")
}

// Path returns the path of file in Dir. When the file is not there it
// skips t with a message that says where the file goes, or fails t when
// RequiredEnv is 1.
func Path(t testing.TB, file string) string {
	t.Helper()
	path := filepath.Join(Dir(), file)
	_, err := os.Stat(path)
	switch {
	case err == nil:
		return path
	case errors.Is(err, fs.ErrNotExist) && os.Getenv(RequiredEnv) != "1":
		t.Skipf("needs Okta's spec: put %s (from the shared/okta folder of the project) at %s; set %s=1 to fail instead of skipping", file, filepath.Clean(path), RequiredEnv)
	default:
		t.Fatalf("needs Okta's spec at %s: %v", filepath.Clean(path), err)
	}
	return ""
}
