package scim

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// comp, and, or and not build expected trees tersely.
func comp(attr, op string, v any) *Compare { return &Compare{Attr: attr, Op: op, Value: v} }
func and(l, r Expr) *Logical               { return &Logical{Op: And, Left: l, Right: r} }
func or(l, r Expr) *Logical                { return &Logical{Op: Or, Left: l, Right: r} }
func not(x Expr) *NotExpr                  { return &NotExpr{X: x} }

func TestParse(t *testing.T) {
	a, b, c, d := comp("a", OpEq, "1"), comp("b", OpEq, "2"), comp("c", OpEq, "3"), comp("d", OpEq, "4")
	tests := []struct {
		name string
		in   string
		want Expr
		// canon is String() of the result; empty means the input itself.
		canon string
	}{
		// Every operator.
		{"eq", `profile.login eq "a@example.com"`, comp("profile.login", OpEq, "a@example.com"), ""},
		{"ne", `status ne "ACTIVE"`, comp("status", OpNe, "ACTIVE"), ""},
		{"gt", `lastUpdated gt "2024-01-01T00:00:00.000Z"`, comp("lastUpdated", OpGt, "2024-01-01T00:00:00.000Z"), ""},
		{"ge", `lastUpdated ge "2024-01-01T00:00:00.000Z"`, comp("lastUpdated", OpGe, "2024-01-01T00:00:00.000Z"), ""},
		{"lt", `count lt 5`, comp("count", OpLt, 5.0), ""},
		{"le", `count le -2.5e3`, comp("count", OpLe, -2500.0), `count le -2500`},
		{"pr", `profile.mobilePhone pr`, comp("profile.mobilePhone", OpPr, nil), ""},
		{"sw", `profile.lastName sw "Sm"`, comp("profile.lastName", OpSw, "Sm"), ""},
		{"co", `profile.email co "exam"`, comp("profile.email", OpCo, "exam"), ""},
		{"ew", `eventType ew ".start"`, comp("eventType", OpEw, ".start"), ""},
		// Literals.
		{"true", `settings.slo.enabled eq true`, comp("settings.slo.enabled", OpEq, true), ""},
		{"false", `system eq false`, comp("system", OpEq, false), ""},
		{"null", `profile.manager eq null`, comp("profile.manager", OpEq, nil), ""},
		{"literal keywords any case", `system eq TRUE or x eq Null`, or(comp("system", OpEq, true), comp("x", OpEq, nil)), `system eq true or x eq null`},
		{"zero", `n eq 0`, comp("n", OpEq, 0.0), ""},
		{"fraction", `n eq 0.25`, comp("n", OpEq, 0.25), ""},
		{"exponent", `n eq 1E+2`, comp("n", OpEq, 100.0), `n eq 100`},
		// Escaping.
		{"escaped quote", `profile.nickName eq "say \"hi\""`, comp("profile.nickName", OpEq, `say "hi"`), ""},
		{"escaped backslash", `profile.dn eq "CORP\\eng"`, comp("profile.dn", OpEq, `CORP\eng`), ""},
		{"backslash before quote", `x eq "a\\\"b"`, comp("x", OpEq, `a\"b`), ""},
		{"json escapes", `x eq "\/\b\f\n\r\t"`, comp("x", OpEq, "/\b\f\n\r\t"), `x eq "/\u0008\u000c\n\r\t"`},
		{"unicode escape", `x eq "caf\u00e9"`, comp("x", OpEq, "café"), `x eq "café"`},
		{"surrogate pair", `x eq "\ud83d\ude00"`, comp("x", OpEq, "😀"), `x eq "😀"`},
		{"raw unicode", `profile.lastName eq "Müller"`, comp("profile.lastName", OpEq, "Müller"), ""},
		{"operators and connectives in values", `x eq "a and b or not (c)"`, comp("x", OpEq, "a and b or not (c)"), ""},
		{"empty string", `x eq ""`, comp("x", OpEq, ""), ""},
		// Case rules: operators and connectives fold, attributes do not.
		{"operator case", `status EQ "ACTIVE"`, comp("status", OpEq, "ACTIVE"), `status eq "ACTIVE"`},
		{"operator mixed case", `profile.email Co "x" AND id Pr`, and(comp("profile.email", OpCo, "x"), comp("id", OpPr, nil)), `profile.email co "x" and id pr`},
		{"attribute case kept", `Profile.Login eq "x"`, comp("Profile.Login", OpEq, "x"), ""},
		{"value case kept", `status eq "aCtIvE"`, comp("status", OpEq, "aCtIvE"), ""},
		// Precedence and parentheses.
		{"and binds tighter than or", `a eq "1" or b eq "2" and c eq "3"`, or(a, and(b, c)), ""},
		{"and then or", `a eq "1" and b eq "2" or c eq "3"`, or(and(a, b), c), ""},
		{"parentheses override", `(a eq "1" or b eq "2") and c eq "3"`, and(or(a, b), c), ""},
		{"right parentheses", `a eq "1" and (b eq "2" or c eq "3")`, and(a, or(b, c)), ""},
		{"left associative and", `a eq "1" and b eq "2" and c eq "3"`, and(and(a, b), c), ""},
		{"right grouping kept", `a eq "1" and (b eq "2" and c eq "3")`, and(a, and(b, c)), ""},
		{"redundant parentheses", `((a eq "1"))`, a, `a eq "1"`},
		{"nested", `(a eq "1" or (b eq "2" and (c eq "3" or d eq "4")))`, or(a, and(b, or(c, d))), `a eq "1" or b eq "2" and (c eq "3" or d eq "4")`},
		{"not", `not (a eq "1")`, not(a), ""},
		{"not binds to its group", `not (a eq "1") and b eq "2"`, and(not(a), b), ""},
		{"not case", `NOT(a eq "1" or b eq "2")`, not(or(a, b)), `not (a eq "1" or b eq "2")`},
		{"double not", `not (not (a eq "1"))`, not(not(a)), ""},
		{"whitespace", "\t a  eq\n\"1\"  ", a, `a eq "1"`},
		{"no space around parens", `(a eq "1")and(b eq "2")`, and(a, b), `a eq "1" and b eq "2"`},
		// Attribute shapes.
		{"deep path", `debugContext.debugData.requestUri eq "/x"`, comp("debugContext.debugData.requestUri", OpEq, "/x"), ""},
		{"custom attribute", `profile.cost_center$2 eq "x"`, comp("profile.cost_center$2", OpEq, "x"), ""},
		{"keyword-named attribute", `and eq "x"`, comp("and", OpEq, "x"), ""},
		{"not as attribute", `not eq "x"`, comp("not", OpEq, "x"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Parse(%q) = %s, want %s", tt.in, got, tt.want)
			}
			canon := tt.canon
			if canon == "" {
				canon = tt.in
			}
			if s := got.String(); s != canon {
				t.Errorf("String() = %q, want %q", s, canon)
			}
			again, err := Parse(got.String())
			if err != nil || !reflect.DeepEqual(again, got) {
				t.Errorf("round trip of %q: %v, %v", got.String(), again, err)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		// cause is a fragment the error's cause must contain (the offending text).
		cause string
	}{
		{"empty", ``, "empty expression"},
		{"blank", "  \t", "empty expression"},
		{"unterminated string", `profile.login eq "abc`, "unterminated string"},
		{"unterminated after escaped quote", `x eq "abc\"`, "unterminated string"},
		{"dangling backslash", `x eq "abc\`, "unterminated string"},
		{"bad escape", `x eq "a\qb"`, `invalid escape \q`},
		{"bad unicode escape", `x eq "\u12G4"`, `invalid \u escape`},
		{"short unicode escape", `x eq "\u12"`, `invalid \u escape`},
		{"missing value", `status eq`, "expected a value for status eq"},
		{"missing operator", `status`, "expected an operator"},
		{"missing attribute", `eq "x"`, `after attribute "eq", expected an operator`},
		{"value before operator", `status "ACTIVE"`, "expected an operator"},
		{"unquoted value", `status eq ACTIVE`, `value "ACTIVE" of status eq must be a quoted string`},
		{"unknown operator", `profile.login like "a%"`, `unknown operator "like"`},
		{"operator as symbol", `a = "1"`, `unexpected character '='`},
		{"dangling and", `a eq "1" and`, "unexpected end of input"},
		{"dangling or", `a eq "1" or`, "unexpected end of input"},
		{"leading and", `and a eq "1"`, `unknown operator "a"`},
		{"double and", `a eq "1" and and b eq "2"`, `unknown operator "b"`},
		{"missing connective", `a eq "1" b eq "2"`, `unexpected "b" after a complete expression`},
		{"trailing garbage", `a eq "1" xyz`, `unexpected "xyz"`},
		{"trailing value", `a eq "1" "2"`, `unexpected string "2"`},
		{"trailing paren", `a eq "1")`, `unexpected ")"`},
		{"unclosed paren", `(a eq "1"`, `expected ")" closing the "(" at position 0`},
		{"empty parens", `()`, `unexpected ")", expected an attribute`},
		{"not without parens", `not a eq "1"`, `unknown operator "a"`},
		{"not alone", `not`, "expected an operator"},
		{"pr with value", `a pr "x"`, `unexpected string "x"`},
		{"bad number", `n eq 01`, `invalid number "01"`},
		{"bad number dot", `n eq 1.`, `invalid number "1."`},
		{"bad number minus", `n eq -`, `invalid number "-"`},
		{"number overflow", `n eq 1e999`, `invalid number "1e999"`},
		{"number then word", `n eq 1abc`, `unexpected "abc"`},
		{"empty path segment", `profile..login eq "x"`, `invalid attribute name "profile..login"`},
		{"trailing dot", `profile. eq "x"`, `invalid attribute name "profile."`},
		{"value filter brackets", `emails[type eq "work"]`, `unexpected character '['`},
		{"single quotes", `a eq 'x'`, `unexpected character '\''`},
		{"too deep", strings.Repeat("(", maxDepth+1) + `a eq "1"` + strings.Repeat(")", maxDepth+1), "nested deeper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %s, want an error", tt.in, e)
			}
			var se *Error
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error %T is not *Error", tt.in, err)
			}
			if se.Code != CodeInvalidSearch || !errors.Is(err, ErrSyntax) {
				t.Errorf("code %s, syntax %v; want %s wrapping ErrSyntax", se.Code, errors.Is(err, ErrSyntax), CodeInvalidSearch)
			}
			if se.Summary != "Invalid search criteria." {
				t.Errorf("summary %q", se.Summary)
			}
			if !strings.Contains(se.Cause, tt.cause) {
				t.Errorf("cause %q does not contain %q", se.Cause, tt.cause)
			}
		})
	}
}

func TestParseDepthLimit(t *testing.T) {
	in := strings.Repeat("(", maxDepth) + `a eq "1"` + strings.Repeat(")", maxDepth)
	if _, err := Parse(in); err != nil {
		t.Fatalf("nesting of %d levels: %v", maxDepth, err)
	}
	nots := strings.Repeat("not (", maxDepth+1) + `a eq "1"` + strings.Repeat(")", maxDepth+1)
	if _, err := Parse(nots); !errors.Is(err, ErrSyntax) {
		t.Fatalf("nesting of %d nots: %v, want a syntax error", maxDepth+1, err)
	}
}

func TestAsFilterError(t *testing.T) {
	_, err := Parse(`eventType eq`)
	var se *Error
	if !errors.As(AsFilterError(err), &se) || se.Code != CodeInvalidFilter || !errors.Is(se, ErrSyntax) {
		t.Fatalf("AsFilterError(syntax) = %v, want %s", se, CodeInvalidFilter)
	}
	if se.Summary != "Invalid SCIM filter." {
		t.Errorf("summary %q", se.Summary)
	}
	unsupported := newError(CodeInvalidSearch, ErrUnsupported, "x")
	if got := AsFilterError(unsupported); got != error(unsupported) {
		t.Errorf("AsFilterError(unsupported) = %v, want it unchanged", got)
	}
	if got := AsFilterError(nil); got != nil {
		t.Errorf("AsFilterError(nil) = %v", got)
	}
}

func TestStringOfHandBuiltTrees(t *testing.T) {
	tests := []struct {
		name string
		e    Expr
		want string
	}{
		{"int value", comp("n", OpEq, 42), `n eq 42`},
		{"control characters", comp("x", OpEq, "a\x01b"), `x eq "a\u0001b"`},
		{"or inside and", and(or(comp("a", OpEq, 1.0), comp("b", OpEq, 2.0)), comp("c", OpEq, 3.0)), `(a eq 1 or b eq 2) and c eq 3`},
		{"or inside or on the right", or(comp("a", OpEq, 1.0), or(comp("b", OpEq, 2.0), comp("c", OpEq, 3.0))), `a eq 1 or (b eq 2 or c eq 3)`},
		{"and inside or", or(comp("a", OpEq, 1.0), and(comp("b", OpEq, 2.0), comp("c", OpEq, 3.0))), `a eq 1 or b eq 2 and c eq 3`},
		{"nil operand", not(nil), `not (<nil>)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.e.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}
