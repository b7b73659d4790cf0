package scim

import "errors"

// Okta error codes for rejected filter and search expressions (API-NOTES
// sections 2.1 and 4).
const (
	// CodeInvalidSearch is E0000031, "Invalid search criteria": a syntax
	// error in users/groups/apps filter or search, or an attribute, operator
	// or connective the endpoint does not support.
	CodeInvalidSearch = "E0000031"
	// CodeInvalidFilter is E0000053, "Invalid SCIM filter": the System Log
	// answers syntax errors in its filter with this code.
	CodeInvalidFilter = "E0000053"
	// CodeTooComplex is E0000094: the expression has more terms than the
	// endpoint accepts.
	CodeTooComplex = "E0000094"
)

// Sentinels that every *Error wraps, so callers can tell the kinds apart with
// errors.Is without looking at codes.
var (
	// ErrSyntax marks a malformed expression (Parse).
	ErrSyntax = errors.New("scim: invalid expression syntax")
	// ErrUnsupported marks an attribute, operator or connective the
	// endpoint's grammar does not accept (Validate).
	ErrUnsupported = errors.New("scim: unsupported attribute, operator or connective")
	// ErrTooComplex marks an expression with more comparisons than the
	// grammar's MaxTerms (Validate).
	ErrTooComplex = errors.New("scim: expression has too many terms")
)

// Error is a syntax or validation error, shaped for an Okta error response:
// Code and Summary become errorCode and errorSummary, Cause the one entry of
// errorCauses.
type Error struct {
	Code    string // Okta error code (CodeInvalidSearch, CodeInvalidFilter, CodeTooComplex)
	Summary string // Okta's errorSummary for Code
	Cause   string // what is wrong, naming the offending text, attribute or operator
	kind    error  // ErrSyntax, ErrUnsupported or ErrTooComplex
}

// Error returns "summary (code): cause".
func (e *Error) Error() string {
	return e.Summary + " (" + e.Code + "): " + e.Cause
}

// Unwrap returns the kind sentinel (ErrSyntax, ErrUnsupported, ErrTooComplex).
func (e *Error) Unwrap() error {
	return e.kind
}

// AsFilterError returns err recoded for an endpoint that reports syntax
// errors as E0000053 (the System Log filter): a syntax *Error gets
// CodeInvalidFilter; any other error is returned unchanged.
func AsFilterError(err error) error {
	var e *Error
	if !errors.As(err, &e) || !errors.Is(e, ErrSyntax) {
		return err
	}
	return newError(CodeInvalidFilter, ErrSyntax, e.Cause)
}

// summaries are Okta's errorSummary texts per code.
var summaries = map[string]string{
	CodeInvalidSearch: "Invalid search criteria.",
	CodeInvalidFilter: "Invalid SCIM filter.",
	CodeTooComplex:    "The search criteria is too complex.",
}

// newError builds an *Error of the given code and kind.
func newError(code string, kind error, cause string) *Error {
	return &Error{Code: code, Summary: summaries[code], Cause: cause, kind: kind}
}
