package emulator

import "net/http/httptest"

// Server is an emulated org listening on 127.0.0.1.
type Server struct {
	// URL is the base URL of the org, e.g. http://127.0.0.1:41234.
	URL string
	// Org is the org the server answers from.
	Org *Org
	srv *httptest.Server
}

// Start builds an org from cfg and serves it on a free port of 127.0.0.1.
func Start(cfg Config) (*Server, error) {
	org, err := New(cfg)
	if err != nil {
		return nil, err
	}
	srv := httptest.NewServer(org)
	return &Server{URL: srv.URL, Org: org, srv: srv}, nil
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }
