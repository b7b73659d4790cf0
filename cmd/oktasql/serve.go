package main

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"strings"

	"github.com/oktasql/oktasql/server"
)

// accounts parses --user NAME:PASSWORD flags, or OKTASQL_USERS
// (comma-separated NAME:PASSWORD pairs) when no flag is given.
func (o *options) accounts(getenv func(string) string) ([]server.User, error) {
	specs := o.users
	if len(specs) == 0 && getenv("OKTASQL_USERS") != "" {
		specs = strings.Split(getenv("OKTASQL_USERS"), ",")
	}
	var users []server.User
	for _, s := range specs {
		name, pass, ok := strings.Cut(s, ":")
		if !ok || name == "" {
			return nil, fmt.Errorf("account %q: want NAME:PASSWORD", name)
		}
		users = append(users, server.User{Name: name, Password: pass})
	}
	return users, nil
}

// serve runs the MySQL server until ctx ends.
func (m *Main) serve(ctx context.Context, eng *server.Engine, o *options) error {
	users, err := o.accounts(m.Getenv)
	if err != nil {
		return err
	}
	if err := checkExposure(o.listen, users); err != nil {
		return err
	}
	cfg := server.ServerConfig{Address: o.listen, MaxConnections: o.maxConnections, RequireTLS: o.requireTLS, QueryTimeout: o.queryTimeout, MemoryBudget: o.maxMemoryMB << 20}
	if o.requireTLS && o.tlsCert == "" {
		return fmt.Errorf("--require-tls needs --tls-cert and --tls-key")
	}
	if o.tlsCert != "" || o.tlsKey != "" {
		cert, err := tls.LoadX509KeyPair(o.tlsCert, o.tlsKey)
		if err != nil {
			return fmt.Errorf("loading --tls-cert/--tls-key: %w", err)
		}
		cfg.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	srv, err := eng.NewServer(cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "oktasql: serving MySQL on %s (database %q); connect with: mysql -h %s -P %s -u %s %s\n",
		srv.Listener.Addr(), o.database, hostOf(srv.Listener.Addr()), portOf(srv.Listener.Addr()), userOf(users), o.database)
	errc := make(chan error, 1)
	go func() { errc <- srv.Start() }()
	select {
	case <-ctx.Done():
		return srv.Close()
	case err := <-errc:
		return err
	}
}

// checkExposure refuses to listen beyond loopback when any account has no
// password.
func checkExposure(listen string, users []server.User) error {
	host, _, err := net.SplitHostPort(listen)
	if err != nil {
		return fmt.Errorf("--listen %q: %w", listen, err)
	}
	if ip := net.ParseIP(host); host == "localhost" || ip != nil && ip.IsLoopback() {
		return nil
	}
	if len(users) == 0 {
		return fmt.Errorf("--listen %s is beyond loopback: configure accounts with passwords (--user NAME:PASSWORD)", listen)
	}
	for _, u := range users {
		if u.Password == "" {
			return fmt.Errorf("--listen %s is beyond loopback: account %q has no password", listen, u.Name)
		}
	}
	return nil
}

func hostOf(a net.Addr) string { h, _, _ := net.SplitHostPort(a.String()); return h }
func portOf(a net.Addr) string { _, p, _ := net.SplitHostPort(a.String()); return p }

func userOf(users []server.User) string {
	if len(users) == 0 {
		return "root"
	}
	return users[0].Name + " -p"
}
