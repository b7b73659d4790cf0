package emulator

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"

	"github.com/spf13/pflag"
)

// Main runs `oktasql emulate`: it serves an emulated org on --listen, prints
// its URL and token to stdout and serves until SIGINT.
func Main(args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("emulate", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8089", "address to listen on")
	var cfg Config
	fs.IntVar(&cfg.Users, "users", 2000, "number of seeded users")
	fs.Int64Var(&cfg.Seed, "seed", 1, "seed of the generated org")
	fs.StringVar(&cfg.Token, "token", "emulator-token", "accepted SSWS token")
	fs.DurationVar(&cfg.Latency, "latency", 0, "delay added to every response")
	noLimits := fs.Bool("no-rate-limits", false, "never answer 429 (the headers are still sent)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg.RateLimits.Enabled = !*noLimits
	org, err := New(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("emulate: listen on %s: %w", *listen, err)
	}
	srv := &http.Server{Handler: org}
	fmt.Fprintf(stdout, "emulated Okta org at http://%s\ntoken: %s\n", ln.Addr(), org.cfg.Token)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	defer signal.Stop(sig)
	go func() {
		<-sig
		srv.Close()
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("emulate: %w", err)
	}
	return nil
}
