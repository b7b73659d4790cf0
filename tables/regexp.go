package tables

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/expression/function"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// go-mysql-server matches REGEXP_LIKE, REGEXP and RLIKE with ICU, whose
// backtracking is exponential ('(a|a)*b' over 30,000 a's ran for minutes)
// and cannot be interrupted: KILL QUERY and the statement timeout answer
// while the CPU keeps burning. oktasql matches them with Go's regexp
// (RE2), which runs in time linear in the text. RE2 has no backreferences
// or lookaround; such a pattern is an error, not a hang.

// re2RuleID is the rule that replaces go-mysql-server's REGEXP operators.
const re2RuleID analyzer.RuleId = 9006

func init() {
	analyzer.OnceBeforeDefault = append(analyzer.OnceBeforeDefault, analyzer.Rule{Id: re2RuleID, Apply: linearRegexps})
}

// linearRegexps replaces every ICU REGEXP_LIKE (the REGEXP and RLIKE
// operators parse into one directly, not through the function catalog)
// with regexpLike.
func linearRegexps(_ *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.NodeExprs(n, func(e sql.Expression) (sql.Expression, transform.TreeIdentity, error) {
		r, ok := e.(*function.RegexpLike)
		if !ok {
			return e, transform.SameTree, nil
		}
		return &regexpLike{text: r.Text, pattern: r.Pattern, flags: r.Flags}, transform.NewTree, nil
	})
}

// newRegexpLike is REGEXP_LIKE(text, pattern[, match_type]).
func newRegexpLike(args ...sql.Expression) (sql.Expression, error) {
	switch len(args) {
	case 2:
		return &regexpLike{text: args[0], pattern: args[1]}, nil
	case 3:
		return &regexpLike{text: args[0], pattern: args[1], flags: args[2]}, nil
	}
	return nil, sql.ErrInvalidArgumentNumber.New("regexp_like", "2 or 3", len(args))
}

// regexpLike is MySQL's REGEXP_LIKE over RE2. Case sensitivity follows
// the collation (a _ci one matches case-insensitively) unless match_type
// says otherwise: c (case-sensitive), i, m (multi-line), n (. matches
// newlines), u (accepted: RE2 ends lines at \n only).
type regexpLike struct {
	text, pattern, flags sql.Expression

	mu  sync.Mutex
	key string // pattern and flags of re
	re  *regexp.Regexp
}

var _ sql.FunctionExpression = (*regexpLike)(nil)

// FunctionName implements sql.FunctionExpression.
func (*regexpLike) FunctionName() string { return "regexp_like" }

// Description implements sql.FunctionExpression.
func (*regexpLike) Description() string {
	return "returns whether the text matches the regular expression (RE2 syntax, linear time)"
}

// Resolved implements sql.Expression.
func (r *regexpLike) Resolved() bool {
	return r.text.Resolved() && r.pattern.Resolved() && (r.flags == nil || r.flags.Resolved())
}

// String implements sql.Expression.
func (r *regexpLike) String() string {
	if r.flags != nil {
		return fmt.Sprintf("REGEXP_LIKE(%s, %s, %s)", r.text, r.pattern, r.flags)
	}
	return fmt.Sprintf("REGEXP_LIKE(%s, %s)", r.text, r.pattern)
}

// Type implements sql.Expression.
func (*regexpLike) Type() sql.Type { return types.Int8 }

// IsNullable implements sql.Expression.
func (*regexpLike) IsNullable() bool { return true }

// Children implements sql.Expression.
func (r *regexpLike) Children() []sql.Expression {
	if r.flags != nil {
		return []sql.Expression{r.text, r.pattern, r.flags}
	}
	return []sql.Expression{r.text, r.pattern}
}

// WithChildren implements sql.Expression.
func (r *regexpLike) WithChildren(children ...sql.Expression) (sql.Expression, error) {
	if len(children) != len(r.Children()) {
		return nil, sql.ErrInvalidChildrenNumber.New(r, len(children), len(r.Children()))
	}
	return newRegexpLike(children...)
}

// Eval implements sql.Expression.
func (r *regexpLike) Eval(ctx *sql.Context, row sql.Row) (any, error) {
	text, ok, err := evalString(ctx, r.text, row)
	if err != nil || !ok {
		return nil, err
	}
	pattern, ok, err := evalString(ctx, r.pattern, row)
	if err != nil || !ok {
		return nil, err
	}
	flags := ""
	if coll, _ := sql.GetCoercibility(ctx, r.text); strings.HasSuffix(coll.String(), "_ci") {
		flags = "i"
	}
	if r.flags != nil {
		f, ok, err := evalString(ctx, r.flags, row)
		if err != nil || !ok {
			return nil, err
		}
		flags += f
	}
	re, err := r.compile(pattern, flags)
	if err != nil {
		return nil, err
	}
	if re.MatchString(text) {
		return int8(1), nil
	}
	return int8(0), nil
}

// compile returns the RE2 program of pattern under MySQL's match_type
// flags (later flags win), reusing the last one.
func (r *regexpLike) compile(pattern, flags string) (*regexp.Regexp, error) {
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
			return nil, fmt.Errorf("incorrect arguments to regexp_like: match type %q", flags)
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
