// Package emulator serves an emulated Okta org over HTTP for tests, the
// benchmark and the oktasql command when no real org is configured.
package emulator

import "time"

// Config configures an emulated org.
type Config struct {
	// Users is the number of seeded users (default 2000).
	Users int
	// Seed selects the generated org (default 1).
	Seed int64
	// Token is the accepted SSWS API token (default "emulator-token").
	Token string
	// Now is the clock the org is generated at (default time.Now()).
	Now time.Time
	// RateLimits configures the per-minute buckets and the concurrency limit.
	RateLimits RateLimitConfig
	// Latency and Jitter delay every response.
	Latency, Jitter time.Duration
}

// withDefaults returns cfg with zero fields replaced by their defaults.
func (cfg Config) withDefaults() Config {
	if cfg.Users <= 0 {
		cfg.Users = 2000
	}
	if cfg.Seed == 0 {
		cfg.Seed = 1
	}
	if cfg.Token == "" {
		cfg.Token = "emulator-token"
	}
	if cfg.Now.IsZero() {
		cfg.Now = time.Now()
	}
	return cfg
}
