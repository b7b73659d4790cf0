package server

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/expression/function"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/oktasql/oktasql/tables"
)

// go-mysql-server matches REGEXP_LIKE, REGEXP_INSTR, REGEXP_SUBSTR,
// REGEXP_REPLACE, REGEXP and RLIKE with ICU, whose
// backtracking is exponential ('(a|a)*b' over 30,000 a's ran for minutes)
// and cannot be interrupted: KILL QUERY and the statement timeout answer
// while the CPU keeps burning. oktasql runs them with Go's regexp
// (RE2), which runs in time linear in the text. RE2 has no backreferences
// or lookaround; such a pattern is an error, not a hang.

// re2RuleID is the rule that replaces go-mysql-server's REGEXP operators.
const re2RuleID analyzer.RuleId = 9006

func init() {
	analyzer.OnceBeforeDefault = append(analyzer.OnceBeforeDefault, analyzer.Rule{Id: re2RuleID, Apply: linearRegexps})
}

// linearRegexps replaces every ICU REGEXP_LIKE (the REGEXP and RLIKE
// operators parse into one directly, not through the function catalog)
// with regexpFunc.
func linearRegexps(_ *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.NodeExprs(n, func(e sql.Expression) (sql.Expression, transform.TreeIdentity, error) {
		r, ok := e.(*function.RegexpLike)
		if !ok {
			return e, transform.SameTree, nil
		}
		args := []sql.Expression{r.Text, r.Pattern}
		if r.Flags != nil {
			args = append(args, r.Flags)
		}
		return &regexpFunc{kind: reLike, args: args}, transform.NewTree, nil
	})
}

// regexpKind is one of MySQL's regular expression functions.
type regexpKind int

const (
	reLike    regexpKind = iota // REGEXP_LIKE(expr, pat[, match_type])
	reInstr                     // REGEXP_INSTR(expr, pat[, pos[, occurrence[, return_option[, match_type]]]])
	reSubstr                    // REGEXP_SUBSTR(expr, pat[, pos[, occurrence[, match_type]]])
	reReplace                   // REGEXP_REPLACE(expr, pat, repl[, pos[, occurrence[, match_type]]])
)

// regexpSignature is a function's name, least and most arguments, and the
// index of its position argument (occurrence follows it) and of
// match_type.
type regexpSignature struct {
	name             string
	least, most      int
	posArg, flagsArg int
}

var regexpSignatures = map[regexpKind]regexpSignature{
	reLike:    {"regexp_like", 2, 3, -1, 2},
	reInstr:   {"regexp_instr", 2, 6, 2, 5},
	reSubstr:  {"regexp_substr", 2, 5, 2, 4},
	reReplace: {"regexp_replace", 3, 6, 3, 5},
}

// regexpFunction is the catalog entry of a regular expression function.
func regexpFunction(kind regexpKind) sql.FunctionN {
	sig := regexpSignatures[kind]
	return sql.FunctionN{Name: sig.name, Fn: func(args ...sql.Expression) (sql.Expression, error) {
		if len(args) < sig.least || len(args) > sig.most {
			return nil, sql.ErrInvalidArgumentNumber.New(sig.name, fmt.Sprintf("%d to %d", sig.least, sig.most), len(args))
		}
		return &regexpFunc{kind: kind, args: args}, nil
	}}
}

// regexpFunc is one of MySQL's regular expression functions over RE2.
// Case sensitivity follows the collation of the text (a _ci one matches
// case-insensitively) unless match_type says otherwise: c
// (case-sensitive), i, m (multi-line), n (. matches newlines), u
// (accepted: RE2 ends lines at \n only). Positions count characters
// from 1.
type regexpFunc struct {
	kind regexpKind
	args []sql.Expression

	mu  sync.Mutex
	key string // pattern and flags of re
	re  *regexp.Regexp
}

var _ sql.FunctionExpression = (*regexpFunc)(nil)

func (r *regexpFunc) sig() regexpSignature { return regexpSignatures[r.kind] }

// FunctionName implements sql.FunctionExpression.
func (r *regexpFunc) FunctionName() string { return r.sig().name }

// Description implements sql.FunctionExpression.
func (r *regexpFunc) Description() string {
	return strings.ToUpper(r.sig().name) + " with RE2 syntax, in linear time"
}

// Resolved implements sql.Expression.
func (r *regexpFunc) Resolved() bool {
	for _, a := range r.args {
		if !a.Resolved() {
			return false
		}
	}
	return true
}

// String implements sql.Expression.
func (r *regexpFunc) String() string {
	args := make([]string, len(r.args))
	for i, a := range r.args {
		args[i] = a.String()
	}
	return fmt.Sprintf("%s(%s)", strings.ToUpper(r.sig().name), strings.Join(args, ", "))
}

// Type implements sql.Expression.
func (r *regexpFunc) Type() sql.Type {
	switch r.kind {
	case reLike:
		return types.Int8
	case reInstr:
		return types.Int64
	}
	return types.LongText
}

// IsNullable implements sql.Expression.
func (*regexpFunc) IsNullable() bool { return true }

// Children implements sql.Expression.
func (r *regexpFunc) Children() []sql.Expression { return r.args }

// WithChildren implements sql.Expression.
func (r *regexpFunc) WithChildren(children ...sql.Expression) (sql.Expression, error) {
	if len(children) != len(r.args) {
		return nil, sql.ErrInvalidChildrenNumber.New(r, len(children), len(r.args))
	}
	return &regexpFunc{kind: r.kind, args: children}, nil
}

// Eval implements sql.Expression.
func (r *regexpFunc) Eval(ctx *sql.Context, row sql.Row) (any, error) {
	sig := r.sig()
	vals := make([]string, len(r.args))
	for i, a := range r.args {
		v, ok, err := evalString(ctx, a, row)
		if err != nil || !ok {
			return nil, err
		}
		vals[i] = v
	}
	text := vals[0]
	flags := ""
	if coll, _ := sql.GetCoercibility(ctx, r.args[0]); strings.HasSuffix(coll.String(), "_ci") {
		flags = "i"
	}
	if len(vals) > sig.flagsArg {
		flags += vals[sig.flagsArg]
	}
	re, err := r.compile(vals[1], flags)
	if err != nil {
		return nil, err
	}
	if r.kind == reLike {
		if re.MatchString(text) {
			return int8(1), nil
		}
		return int8(0), nil
	}
	pos, occurrence := int64(1), int64(1)
	if r.kind == reReplace {
		occurrence = 0 // every match
	}
	if len(vals) > sig.posArg {
		pos = argInt(ctx, vals[sig.posArg])
	}
	if len(vals) > sig.posArg+1 {
		occurrence = argInt(ctx, vals[sig.posArg+1])
	}
	runes := int64(utf8.RuneCountInString(text))
	if pos < 1 || pos > runes+1 {
		return nil, fmt.Errorf("index out of bounds in regular expression search: position %d of %d characters", pos, runes)
	}
	off := len(string([]rune(text)[:pos-1]))
	matches := re.FindAllStringSubmatchIndex(text[off:], -1)
	var m []int
	if occurrence >= 1 && occurrence <= int64(len(matches)) {
		m = matches[occurrence-1]
	}
	switch r.kind {
	case reInstr:
		if m == nil {
			return int64(0), nil
		}
		at := m[0]
		if len(vals) > 4 && argInt(ctx, vals[4]) == 1 {
			at = m[1]
		}
		return int64(utf8.RuneCountInString(text[:off+at])) + 1, nil
	case reSubstr:
		if m == nil {
			return nil, nil
		}
		return text[off+m[0] : off+m[1]], nil
	}
	repl := vals[2]
	if occurrence == 0 {
		if size := int64(len(text) + len(matches)*len(repl)); size > tables.SessionInt(ctx, "max_allowed_packet") {
			ctx.Warn(erAllowedPacketOverflowed, "Result of regexp_replace() was larger than max_allowed_packet (%d) - truncated", tables.SessionInt(ctx, "max_allowed_packet"))
			return nil, nil
		}
		return text[:off] + re.ReplaceAllString(text[off:], repl), nil
	}
	if m == nil {
		return text, nil
	}
	rest := text[off:]
	return text[:off] + rest[:m[0]] + string(re.ExpandString(nil, repl, rest, m)) + rest[m[1]:], nil
}

// compile returns the RE2 program of pattern under MySQL's match_type
// flags (later flags win), reusing the last one.
func (r *regexpFunc) compile(pattern, flags string) (*regexp.Regexp, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := flags + "\x00" + pattern
	if r.re != nil && r.key == key {
		return r.re, nil
	}
	if pattern == "" {
		return nil, fmt.Errorf("illegal argument to regular expression: an empty pattern")
	}
	opts := map[byte]bool{}
	for i := 0; i < len(flags); i++ {
		switch c := flags[i]; c {
		case 'c':
			opts['i'] = false
		case 'i', 'm':
			opts[c] = true
		case 'n':
			opts['s'] = true
		case 'u':
		default:
			return nil, fmt.Errorf("incorrect arguments to %s: match type %q", r.sig().name, flags)
		}
	}
	prefix := ""
	for _, c := range []byte("ims") {
		if opts[c] {
			prefix += string(c)
		}
	}
	if prefix != "" {
		prefix = "(?" + prefix + ")"
	}
	re, err := regexp.Compile(prefix + pattern)
	if err != nil {
		return nil, fmt.Errorf("regular expression %q: %w (oktasql matches with RE2: no backreferences or lookaround)", pattern, err)
	}
	r.key, r.re = key, re
	return re, nil
}

// evalString evaluates e as text; ok is false for NULL.
func evalString(ctx *sql.Context, e sql.Expression, row sql.Row) (s string, ok bool, err error) {
	v, err := e.Eval(ctx, row)
	if err != nil || v == nil {
		return "", false, err
	}
	v, _, err = types.LongText.Convert(ctx, v)
	if err != nil {
		return "", false, err
	}
	s, _, err = sql.Unwrap[string](ctx, v)
	return s, err == nil, err
}
