package main

import (
	"time"

	"github.com/spf13/pflag"

	"github.com/oktasql/oktasql/emulator"
	"github.com/oktasql/oktasql/fetcher"
	"github.com/oktasql/oktasql/server"
)

// options are the flags of the shell, one-shot and serve modes.
type options struct {
	// Org selection.
	orgURL, token, authMode, clientID, privateKeyFile, privateKeyID string
	scopes                                                          []string
	configFile, specFile, database                                  string

	// Emulated org, when no org is configured.
	emulatorUsers int
	emulatorSeed  int64
	// emulatorLimits are the embedded emulated org's rate limits.
	emulatorLimits emulator.RateLimitConfig

	// Query behaviour.
	execute     string
	format      string
	readOnly    bool
	dryRun      bool
	maxAffected int64
	progress    bool
	// parallelScan splits full reads of users and groups.
	parallelScan int64
	// noPushdown reads every table plain (oktasql_pushdown = 0).
	noPushdown bool

	// Server.
	listen, tlsCert, tlsKey string
	requireTLS              bool
	users                   []string
	admins                  []string
	maxConnections          uint64
	maxMemoryMB             uint64

	queryTimeout   time.Duration
	requestTimeout time.Duration
	maxRateWait    time.Duration
	cacheTTL       time.Duration
	// rateShare is the share of each rate-limit bucket oktasql uses;
	// rateWindow the org's window length (a test knob).
	rateShare  float64
	rateWindow time.Duration

	// MCP server (oktasql mcp).
	allowWrites bool
	bearerToken string
}

// clientOptions are the options of every org client: the response cache,
// the request timeout, the bound on rate-limit waits and the rate share.
func (o *options) clientOptions() []fetcher.Option {
	return []fetcher.Option{fetcher.WithCache(o.cacheTTL), fetcher.WithRequestTimeout(o.requestTimeout), fetcher.WithMaxRateWait(o.maxRateWait),
		fetcher.WithRateShare(o.rateShare), fetcher.WithRateWindow(o.rateWindow)}
}

// serveQueryTimeout is the default statement time limit of serve, where
// one client's statement must not hold the server's calls for ever; the
// shell has none by default.
const serveQueryTimeout = 5 * time.Minute

// serveCacheTTL is the response cache's default time to live in serve,
// where dashboards repeat their queries; the shell has none by default.
const serveCacheTTL = 30 * time.Second

func (o *options) flagSet(cmd string) *pflag.FlagSet {
	fs := pflag.NewFlagSet("oktasql "+cmd, pflag.ContinueOnError)
	fs.StringVar(&o.orgURL, "org-url", "", "Okta org URL, e.g. https://acme.okta.com (env OKTA_CLIENT_ORGURL)")
	fs.StringVar(&o.token, "token", "", "SSWS API token (env OKTA_CLIENT_TOKEN); prefer the environment over this flag")
	fs.StringVar(&o.authMode, "auth-mode", "", "SSWS or PrivateKey (env OKTA_CLIENT_AUTHORIZATIONMODE)")
	fs.StringVar(&o.clientID, "client-id", "", "OAuth service app client id (env OKTA_CLIENT_CLIENTID)")
	fs.StringSliceVar(&o.scopes, "scopes", nil, "OAuth scopes (env OKTA_CLIENT_SCOPES)")
	fs.StringVar(&o.privateKeyFile, "private-key-file", "", "PEM private key of the service app (env OKTA_CLIENT_PRIVATEKEY)")
	fs.StringVar(&o.privateKeyID, "private-key-id", "", "key id (kid) of the private key (env OKTA_CLIENT_PRIVATEKEYID)")
	fs.StringVar(&o.configFile, "config", "", "oktasql config file listing several orgs (each becomes a database)")
	fs.StringVar(&o.specFile, "spec", "", "load the catalog from this Okta OpenAPI spec instead of the built-in one")
	fs.StringVar(&o.database, "database", "okta", "database name of the org")
	fs.IntVar(&o.emulatorUsers, "emulator-users", 2000, "users in the embedded emulated org")
	fs.Int64Var(&o.emulatorSeed, "emulator-seed", 1, "seed of the embedded emulated org")
	fs.BoolVar(&o.emulatorLimits.Enabled, "emulator-rate-limits", false, "the embedded emulated org enforces Okta's rate limits (429 over them)")
	fs.StringVar(&o.emulatorLimits.Tier, "emulator-rate-tier", emulator.TierWorkforce, "the published rate limits the embedded emulated org enforces: "+emulator.TierWorkforce+", "+emulator.TierEnterprise+" or "+emulator.TierIntegratorFree)
	fs.DurationVar(&o.emulatorLimits.Window, "emulator-rate-window", time.Minute, "rate-limit window of the embedded emulated org (a test knob: shorter windows, the same limits per window)")
	fs.Float64Var(&o.rateShare, "rate-share", fetcher.DefaultRateShare, "share of each Okta rate-limit bucket (and of the org's requests in flight) oktasql uses; the rest is left to the org's other clients")
	fs.DurationVar(&o.rateWindow, "rate-window", fetcher.DefaultRateWindow, "length of the org's rate-limit windows (Okta's: a minute; a test knob for an emulated org run with a shorter --rate-window)")
	fs.BoolVar(&o.readOnly, "read-only", false, "refuse every write and every non-read procedure")
	fs.BoolVar(&o.dryRun, "dry-run", false, "writes and procedures report the calls they would make (SHOW WARNINGS, SELECT * FROM oktasql_dry_run) and make none; a lock no session can lift")
	fs.Int64Var(&o.maxAffected, "max-affected-rows", 100, "refuse writes that would change more rows; a ceiling: a session may lower oktasql_max_affected_rows, never raise it")
	fs.Int64Var(&o.parallelScan, "parallel-scan", 0, "split full reads of users and groups into this many searches on created, read at once (session: oktasql_parallel_scan; 0: one read)")
	fs.BoolVar(&o.noPushdown, "no-pushdown", false, "send Okta only the key columns a table needs and check every predicate, sort and limit in oktasql (session: oktasql_pushdown = 0); slow, for checking an answer")
	cacheTTL, queryTimeout := time.Duration(0), time.Duration(0)
	if cmd == "serve" || cmd == "mcp" {
		cacheTTL, queryTimeout = serveCacheTTL, serveQueryTimeout
	}
	fs.DurationVar(&o.queryTimeout, "query-timeout", queryTimeout, "cancel a statement after this long (0: no limit; in serve a ceiling: a session's max_execution_time may only shorten it)")
	fs.DurationVar(&o.maxRateWait, "max-rate-wait", fetcher.DefaultMaxRateWait, "wait at most this long for an Okta rate limit to reset (with a warning), else fail the statement (0: no limit)")
	fs.DurationVar(&o.requestTimeout, "request-timeout", fetcher.DefaultRequestTimeout, "give up on an Okta API request (its whole response) after this long (0: no limit)")
	fs.DurationVar(&o.cacheTTL, "cache-ttl", cacheTTL, "keep API responses this long and answer repeated reads from them; writes drop what they change (0: off)")
	if cmd == "serve" {
		fs.StringVar(&o.listen, "listen", "127.0.0.1:3306", "address of the MySQL server")
		fs.StringSliceVar(&o.users, "user", nil, "account as NAME:PASSWORD (repeatable; env OKTASQL_USERS); default root with no password, an admin, loopback only")
		fs.StringSliceVar(&o.admins, "admin", nil, "admin account as NAME:PASSWORD, which may also SET GLOBAL and KILL other accounts' statements (repeatable; env OKTASQL_ADMINS)")
		fs.StringVar(&o.tlsCert, "tls-cert", "", "TLS certificate file (PEM)")
		fs.StringVar(&o.tlsKey, "tls-key", "", "TLS key file (PEM)")
		fs.BoolVar(&o.requireTLS, "require-tls", false, "refuse clients that do not use TLS (needs --tls-cert/--tls-key; as require_secure_transport = ON)")
		fs.Uint64Var(&o.maxConnections, "max-connections", 100, "most clients at once (the next gets error 1040)")
		fs.Uint64Var(&o.maxMemoryMB, "max-memory-mb", server.DefaultMemoryBudget>>20, "stop the running statements (error 1041) when the heap passes this many MB")
		return fs
	}
	if cmd == "mcp" {
		o.mcpFlags(fs)
		return fs
	}
	fs.StringVarP(&o.execute, "execute", "e", "", "run these statements and exit")
	fs.StringVar(&o.format, "format", "table", "output format: table, csv, tsv or json")
	fs.BoolVar(&o.progress, "progress", true, "show progress of long scans on stderr (table format only)")
	return fs
}
