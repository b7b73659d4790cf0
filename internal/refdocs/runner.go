package refdocs

import "context"

// Runner runs a page's example statements against an org.
type Runner interface {
	// Run runs stmts in one new session.
	Run(ctx context.Context, stmts []string) (Result, error)
}

// Result is what running an example's statements gave.
type Result struct {
	// Rows are the rows of the last statement, as text.
	Rows [][]string
	// Requests are the requests to Okta the statements made, as sorted
	// "GET /path?k=v" lines with decoded parameters sorted by name (calls
	// made at once arrive in any order).
	Requests []string
	// DryRun are the calls a statement run in dry run reported, in the
	// same form, with their bodies.
	DryRun []string
}
