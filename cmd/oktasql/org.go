package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/schema"
	"github.com/oktasql/oktasql/schema/openapi"
	"github.com/oktasql/oktasql/server"
	"github.com/oktasql/oktasql/tables"
)

// emulatorToken is the API token of an embedded emulated org; it guards
// nothing but a loopback port of this process.
const emulatorToken = "oktasql-embedded-emulator"

// catalog returns the built-in catalog, or the one built from --spec.
func (o *options) catalog() (*schema.Catalog, error) {
	if o.specFile == "" {
		return schema.Default(), nil
	}
	spec, err := os.ReadFile(o.specFile)
	if err != nil {
		return nil, fmt.Errorf("reading --spec: %w", err)
	}
	cat, err := openapi.Load(spec)
	if err != nil {
		return nil, fmt.Errorf("loading --spec %s: %w", o.specFile, err)
	}
	return cat, nil
}

// openEngine connects to the configured orgs (--config, or the one org of
// flags, environment and ~/.okta/okta.yaml), starting an embedded emulated
// org when none is configured, and builds the SQL engine.
func (m *Main) openEngine(ctx context.Context, o *options) (*server.Engine, error) {
	cat, err := o.catalog()
	if err != nil {
		return nil, err
	}
	var orgs []*tables.Org
	if o.configFile != "" {
		fc, err := readConfigFile(o.configFile, m.Getenv)
		if err != nil {
			return nil, err
		}
		for _, oc := range fc.Orgs {
			client, err := m.connectOrg(oc, o)
			if err != nil {
				return nil, fmt.Errorf("org %s: %w", oc.Name, err)
			}
			orgs = append(orgs, &tables.Org{Name: oc.Name, Catalog: cat, API: client, ReadOnly: o.readOnly})
		}
		o.database = fc.Orgs[0].Name
	} else {
		client, err := m.connect(o)
		if err != nil {
			return nil, err
		}
		orgs = append(orgs, &tables.Org{Name: o.database, Catalog: cat, API: client, ReadOnly: o.readOnly})
	}
	for _, org := range orgs {
		if err := org.LoadCustomAttributes(ctx); err != nil {
			return nil, fmt.Errorf("org %s: %w", org.Name, err)
		}
	}
	users, err := o.accounts(m.Getenv)
	if err != nil {
		return nil, err
	}
	return server.NewEngine(orgs, server.Options{Users: users, ReadOnly: o.readOnly, Version: version, DryRun: o.dryRun, MaxAffectedRows: o.maxAffected, ParallelScan: o.parallelScan, NoPushdown: o.noPushdown})
}

// connect returns the API client of the org configured by flags, the
// environment or ~/.okta/okta.yaml, or of a new embedded emulated org.
func (m *Main) connect(o *options) (*fetcher.Client, error) {
	flags := fetcher.Config{
		OrgURL:            o.orgURL,
		AuthorizationMode: o.authMode,
		Token:             o.token,
		ClientID:          o.clientID,
		Scopes:            o.scopes,
		PrivateKeyFile:    o.privateKeyFile,
		PrivateKeyID:      o.privateKeyID,
	}
	cfg, err := fetcher.LoadConfig(flags, m.Getenv, m.Home)
	if errors.Is(err, fetcher.ErrNoOrg) {
		return m.emulated(o.emulatorUsers, o.emulatorSeed, o.emulatorLimits, o.clientOptions()...)
	}
	if err != nil {
		return nil, err
	}
	return newClient(cfg, o.clientOptions()...)
}

// connectOrg returns the API client of one org of a config file.
func (m *Main) connectOrg(oc orgConfig, o *options) (*fetcher.Client, error) {
	if oc.Emulate {
		users, seed := oc.Users, oc.Seed
		if users == 0 {
			users = o.emulatorUsers
		}
		if seed == 0 {
			seed = o.emulatorSeed
		}
		return m.emulated(users, seed, o.emulatorLimits, o.clientOptions()...)
	}
	return newClient(oc.fetcherConfig(), o.clientOptions()...)
}

func newClient(cfg fetcher.Config, extra ...fetcher.Option) (*fetcher.Client, error) {
	opts, err := cfg.Options()
	if err != nil {
		return nil, err
	}
	return fetcher.New(cfg.OrgURL, append(opts, extra...)...)
}

// emulated starts an embedded emulated org, with the rate limits of
// --emulator-rate-*, and returns its client, which knows the org's window.
func (m *Main) emulated(users int, seed int64, limits emulator.RateLimitConfig, extra ...fetcher.Option) (*fetcher.Client, error) {
	srv, err := emulator.Start(emulator.Config{Users: users, Seed: seed, Token: emulatorToken, RateLimits: limits})
	if err != nil {
		return nil, fmt.Errorf("starting the embedded emulated org: %w", err)
	}
	m.onClose(func() error { srv.Close(); return nil })
	fmt.Fprintf(m.Stderr, "oktasql: no Okta org configured; using an embedded emulated org (%d users) at %s\n", users, srv.URL)
	if limits.Enabled {
		fmt.Fprintf(m.Stderr, "oktasql: the emulated org enforces the %s tier's rate limits in windows of %s\n", limits.Tier, limits.Window)
	}
	opts := append([]fetcher.Option{fetcher.WithToken(emulatorToken)}, extra...)
	if limits.Window > 0 {
		opts = append(opts, fetcher.WithRateWindow(limits.Window))
	}
	return fetcher.New(srv.URL, opts...)
}
