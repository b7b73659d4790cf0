package scim

import (
	"errors"
	"strings"
	"testing"
)

// Grammars shaped like the curated ones of API-NOTES section 2.
var (
	usersFilter = &Grammar{
		Param: "filter",
		Fields: map[string][]string{
			"status": {"eq"}, "id": {"eq"}, "profile.login": {"eq"}, "profile.email": {"eq"},
			"profile.firstName": {"eq"}, "profile.lastName": {"eq"},
			"lastUpdated": {"eq", "gt", "ge", "lt", "le"},
		},
		And: true, Or: true,
	}
	usersSearch = &Grammar{
		Param: "search",
		Fields: map[string][]string{
			"id": {"eq", "sw", "gt", "ge", "lt", "le", "pr"}, "status": {"eq", "sw", "pr"},
			"profile.email": {"eq", "sw", "gt", "ge", "lt", "le", "pr", "co"},
		},
		AnyPrefix: "profile.", AnyOps: []string{"eq", "sw", "gt", "ge", "lt", "le", "pr"},
		And: true, Or: true,
	}
	appsFilter = &Grammar{
		Param:    "filter",
		Fields:   map[string][]string{"status": {"eq"}, "name": {"eq"}, "user.id": {"eq"}},
		MaxTerms: 1,
	}
	logsFilter = &Grammar{
		Param:  "filter",
		Fields: map[string][]string{"published": {}},
		AnyOps: []string{"eq", "ne", "gt", "ge", "lt", "le", "pr", "sw", "co", "ew"},
		And:    true, Or: true, Not: true,
	}
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name    string
		g       *Grammar
		in      string
		code    string // "" when valid
		kind    error
		mention string // fragment the cause must contain
	}{
		{"users filter eq", usersFilter, `status eq "ACTIVE" or profile.login eq "a@x"`, "", nil, ""},
		{"users filter range on lastUpdated", usersFilter, `lastUpdated GT "2024-01-01T00:00:00.000Z"`, "", nil, ""},
		{"users filter range elsewhere", usersFilter, `status gt "A"`, CodeInvalidSearch, ErrUnsupported, `operator "gt" is not supported on the attribute "status"`},
		{"users filter unknown field", usersFilter, `profile.department eq "Sales"`, CodeInvalidSearch, ErrUnsupported, `attribute "profile.department"`},
		{"users filter attribute case", usersFilter, `Status eq "ACTIVE"`, CodeInvalidSearch, ErrUnsupported, `attribute "Status"`},
		{"users filter not", usersFilter, `not (status eq "ACTIVE")`, CodeInvalidSearch, ErrUnsupported, `connective "not"`},
		{"users filter nested check", usersFilter, `status eq "A" and (id eq "1" or profile.city eq "x")`, CodeInvalidSearch, ErrUnsupported, `attribute "profile.city"`},
		{"users search any profile attribute", usersSearch, `profile.department eq "Sales" and profile.costCenter sw "CC"`, "", nil, ""},
		{"users search co on email", usersSearch, `profile.email co "exa"`, "", nil, ""},
		{"users search co elsewhere", usersSearch, `profile.department co "Sal"`, CodeInvalidSearch, ErrUnsupported, `operator "co" is not supported on the attribute "profile.department"`},
		{"fields add to any ops", &Grammar{Param: "search", Fields: map[string][]string{"profile.login": {"co"}}, AnyPrefix: "profile.", AnyOps: []string{"eq"}, Or: true}, `profile.login eq "a" or profile.login co "b"`, "", nil, ""},
		{"fields add to any ops only for their attribute", &Grammar{Param: "search", Fields: map[string][]string{"profile.login": {"co"}}, AnyPrefix: "profile.", AnyOps: []string{"eq"}, Or: true}, `profile.email co "b"`, CodeInvalidSearch, ErrUnsupported, `operator "co" is not supported on the attribute "profile.email"`},
		{"users search ne", usersSearch, `status ne "ACTIVE"`, CodeInvalidSearch, ErrUnsupported, `operator "ne"`},
		{"users search outside prefix", usersSearch, `credentials.provider.type eq "OKTA"`, CodeInvalidSearch, ErrUnsupported, `attribute "credentials.provider.type"`},
		{"apps one term", appsFilter, `user.id eq "00u1"`, "", nil, ""},
		{"apps two terms", appsFilter, `status eq "ACTIVE" or name eq "x"`, CodeInvalidSearch, ErrUnsupported, `connective "or"`},
		{"logs anything", logsFilter, `not (eventType co "session") and target.id ne "x" or actor.alternateId ew "@x.com"`, "", nil, ""},
		{"logs published refused", logsFilter, `published gt "2024-01-01T00:00:00.000Z"`, CodeInvalidSearch, ErrUnsupported, `attribute "published" is not supported`},
		{"sw needs a string", usersSearch, `profile.email sw 5`, CodeInvalidSearch, ErrUnsupported, `needs a string, not 5`},
		{"co needs a string", usersSearch, `profile.email co null`, CodeInvalidSearch, ErrUnsupported, `needs a string, not null`},
		{"gt needs a string or number", usersSearch, `profile.age gt true`, CodeInvalidSearch, ErrUnsupported, `needs a string or a number, not true`},
		{"gt on a number", usersSearch, `profile.age gt 30`, "", nil, ""},
		{"nil grammar", nil, `anything eq 1`, "", nil, ""},
		{"keyword grammar", &Grammar{Param: "search", Keyword: true}, `a eq "1"`, CodeInvalidSearch, ErrUnsupported, "keyword"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			err = Validate(e, tt.g)
			if tt.code == "" {
				if err != nil {
					t.Fatalf("Validate(%q): %v", tt.in, err)
				}
				return
			}
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("Validate(%q) = %v, want *Error", tt.in, err)
			}
			if se.Code != tt.code || !errors.Is(err, tt.kind) {
				t.Errorf("code %s, want %s wrapping %v", se.Code, tt.code, tt.kind)
			}
			if !strings.Contains(se.Cause, tt.mention) {
				t.Errorf("cause %q does not mention %q", se.Cause, tt.mention)
			}
		})
	}
}

func TestValidateMaxTerms(t *testing.T) {
	g := &Grammar{Param: "filter", Fields: map[string][]string{"a": {"eq"}}, And: true, Or: true, MaxTerms: 2}
	tests := []struct {
		in      string
		tooMany bool
	}{
		{`a eq 1`, false},
		{`a eq 1 and a eq 2`, false},
		{`a eq 1 and a eq 2 or a eq 3`, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			e, err := Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			err = Validate(e, g)
			var se *Error
			if got := errors.As(err, &se) && se.Code == CodeTooComplex && errors.Is(err, ErrTooComplex); got != tt.tooMany {
				t.Fatalf("Validate(%q) = %v, want too complex %v", tt.in, err, tt.tooMany)
			}
			if !tt.tooMany && err != nil {
				t.Fatalf("Validate(%q) = %v", tt.in, err)
			}
		})
	}
}

func TestValidateHandBuilt(t *testing.T) {
	g := &Grammar{Param: "filter", Fields: map[string][]string{"a": {"eq"}}, And: true, Or: true, Not: true}
	tests := []struct {
		name    string
		e       Expr
		mention string
	}{
		{"unknown connective", &Logical{Op: "xor", Left: comp("a", OpEq, "1"), Right: comp("a", OpEq, "2")}, `connective "xor"`},
		{"nil operand", &NotExpr{X: nil}, "unsupported expression <nil>"},
		{"upper-case operator", &Compare{Attr: "a", Op: "NE", Value: "1"}, `operator "NE"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.e, g)
			var se *Error
			if !errors.As(err, &se) || !errors.Is(err, ErrUnsupported) || !strings.Contains(se.Cause, tt.mention) {
				t.Fatalf("Validate = %v, want an unsupported error mentioning %q", err, tt.mention)
			}
		})
	}
	if err := Validate(&Compare{Attr: "a", Op: "EQ", Value: "1"}, g); err != nil {
		t.Errorf("upper-case eq: %v", err)
	}
}

func TestErrorString(t *testing.T) {
	_, err := Parse(`a eq`)
	want := `Invalid search criteria. (E0000031): unexpected end of input, expected a value for a eq at position 4 of "a eq"`
	if err == nil || err.Error() != want {
		t.Errorf("Error() = %q, want %q", err, want)
	}
}
