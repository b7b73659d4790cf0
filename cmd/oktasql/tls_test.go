package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	gosql "database/sql"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
)

// writeSelfSigned writes a self-signed certificate for 127.0.0.1.
func writeSelfSigned(t *testing.T) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "oktasql test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	return certFile, keyFile
}

// TestServeTLSAndAccounts serves over TLS with a password account, and
// checks read-only mode, the version comment, and a prepared statement
// naming groups unquoted (rewritten after TLS is taken off).
func TestServeTLSAndAccounts(t *testing.T) {
	cert, key := writeSelfSigned(t)
	port := startServe(t, "--tls-cert", cert, "--tls-key", key, "--user", "analyst:pa55", "--read-only")
	var handshakes atomic.Int32
	mysql.RegisterTLSConfig("oktasql-test", &tls.Config{InsecureSkipVerify: true, VerifyConnection: func(tls.ConnectionState) error {
		handshakes.Add(1)
		return nil
	}})
	db, err := gosql.Open("mysql", "analyst:pa55@tcp(127.0.0.1:"+port+")/okta?tls=oktasql-test")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var comment string
	if err := db.QueryRow("SELECT @@version_comment").Scan(&comment); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(comment, "oktasql") {
		t.Errorf("@@version_comment = %q, want it to name oktasql", comment)
	}
	if handshakes.Load() == 0 {
		t.Errorf("the connection did not use TLS")
	}
	var builtIn int
	if err := db.QueryRow("SELECT count(*) FROM groups WHERE type = ?", "BUILT_IN").Scan(&builtIn); err != nil || builtIn != 1 {
		t.Errorf("prepared SELECT from groups over TLS: %d, %v; want 1 BUILT_IN group", builtIn, err)
	}
	if _, err := db.Exec("INSERT INTO groups (profile_name) VALUES ('x')"); err == nil || !strings.Contains(strings.ToLower(err.Error()), "read") {
		t.Errorf("INSERT in read-only mode: error %v, want a read-only refusal", err)
	}
	bad, _ := gosql.Open("mysql", "analyst:wrong@tcp(127.0.0.1:"+port+")/okta?tls=skip-verify")
	defer bad.Close()
	if err := bad.Ping(); err == nil {
		t.Errorf("a wrong password was accepted")
	}
}

func TestServeRefusesOpenListenWithoutPassword(t *testing.T) {
	if err := checkExposure("0.0.0.0:3306", nil); err == nil {
		t.Error("listening on 0.0.0.0 with no accounts was allowed")
	}
	if err := checkExposure("0.0.0.0:3306", nil); err != nil && !strings.Contains(err.Error(), "--user") {
		t.Errorf("error %v does not say how to proceed", err)
	}
	if err := checkExposure("127.0.0.1:3306", nil); err != nil {
		t.Errorf("loopback without accounts refused: %v", err)
	}
}

// TestRequireTLS: with --require-tls a plaintext login fails with MySQL's
// error 3159 and a TLS login works; without the flag, SET GLOBAL
// require_secure_transport = ON has the same effect on later logins.
func TestRequireTLS(t *testing.T) {
	cert, key := writeSelfSigned(t)
	mysql.RegisterTLSConfig("oktasql-require", &tls.Config{InsecureSkipVerify: true})
	login := func(port, tlsMode string) error {
		db, err := gosql.Open("mysql", "root@tcp(127.0.0.1:"+port+")/okta?tls="+tlsMode)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		return db.Ping()
	}
	code := func(err error) uint16 {
		var me *mysql.MySQLError
		if errors.As(err, &me) {
			return me.Number
		}
		return 0
	}
	port := startServe(t, "--tls-cert", cert, "--tls-key", key, "--require-tls")
	if err := login(port, "false"); code(err) != 3159 {
		t.Errorf("plaintext login with --require-tls: %v, want error 3159", err)
	}
	if err := login(port, "oktasql-require"); err != nil {
		t.Errorf("TLS login with --require-tls: %v", err)
	}

	port = startServe(t, "--tls-cert", cert, "--tls-key", key)
	db, err := gosql.Open("mysql", "root@tcp(127.0.0.1:"+port+")/okta?tls=oktasql-require")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("SET GLOBAL require_secure_transport = ON"); err != nil {
		t.Fatal(err)
	}
	defer db.Exec("SET GLOBAL require_secure_transport = OFF")
	if err := login(port, "false"); code(err) != 3159 {
		t.Errorf("plaintext login under require_secure_transport: %v, want error 3159", err)
	}
}
