package server

import (
	"fmt"
	"math"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/expression/function"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/oktasql/oktasql/tables"
)

// go-mysql-server builds whatever string REPEAT, LPAD, RPAD and SPACE are
// asked for (REPEAT('x', 1e9) took 1.2 GB). MySQL returns NULL with a
// warning for a result longer than max_allowed_packet; oktasql does so
// before building it, and bounds max_allowed_packet at MySQL's default.

// maxAllowedPacket is the default and ceiling of max_allowed_packet
// (MySQL 8's default, 64 MB).
const maxAllowedPacket = 64 << 20

// erAllowedPacketOverflowed is MySQL's ER_WARN_ALLOWED_PACKET_OVERFLOWED.
const erAllowedPacketOverflowed = 1301

// boundedString is a string function whose result length is known from
// its arguments before it is built.
type boundedString struct {
	sql.Expression // the go-mysql-server function
	name           string
	// size returns the result's length in characters from the values of
	// the arguments (none NULL).
	size func(ctx *sql.Context, args []any) int64
}

// bounded wraps the built-in function new, whose result length size
// computes.
func bounded(name string, new func(...sql.Expression) (sql.Expression, error), size func(*sql.Context, []any) int64) sql.FunctionN {
	return sql.FunctionN{Name: name, Fn: func(args ...sql.Expression) (sql.Expression, error) {
		e, err := new(args...)
		if err != nil {
			return nil, err
		}
		return &boundedString{Expression: e, name: name, size: size}, nil
	}}
}

// Eval returns NULL, with MySQL's warning, when the result would be
// longer than max_allowed_packet, and the function's result otherwise.
func (b *boundedString) Eval(ctx *sql.Context, row sql.Row) (any, error) {
	args := make([]any, len(b.Children()))
	for i, c := range b.Children() {
		v, err := c.Eval(ctx, row)
		if err != nil || v == nil {
			return nil, err
		}
		args[i] = v
	}
	max := tables.SessionInt(ctx, "max_allowed_packet")
	if max > 0 && b.size(ctx, args) > max {
		ctx.Warn(erAllowedPacketOverflowed, "Result of %s() was larger than max_allowed_packet (%d) - truncated", b.name, max)
		return nil, nil
	}
	return b.Expression.Eval(ctx, row)
}

// WithChildren implements sql.Expression.
func (b *boundedString) WithChildren(children ...sql.Expression) (sql.Expression, error) {
	e, err := b.Expression.WithChildren(children...)
	if err != nil {
		return nil, err
	}
	return &boundedString{Expression: e, name: b.name, size: b.size}, nil
}

// FunctionName implements sql.FunctionExpression.
func (b *boundedString) FunctionName() string { return b.name }

// Description implements sql.FunctionExpression.
func (b *boundedString) Description() string {
	return fmt.Sprintf("%s, NULL when longer than max_allowed_packet", strings.ToUpper(b.name))
}

// argInt reads an argument as an integer; one that is not reads as 0.
func argInt(ctx *sql.Context, v any) int64 {
	n, _, err := types.Int64.Convert(ctx, v)
	if err != nil {
		return 0
	}
	i, _ := n.(int64)
	return i
}

// argLen is the length of an argument as text.
func argLen(ctx *sql.Context, v any) int64 {
	s, _, err := types.LongText.Convert(ctx, v)
	if err != nil {
		return 0
	}
	str, _ := s.(string)
	return int64(len(str))
}

// boundedFunctions are the string functions boundedString guards.
var boundedFunctions = []sql.FunctionN{
	bounded("repeat", func(a ...sql.Expression) (sql.Expression, error) {
		if len(a) != 2 {
			return nil, sql.ErrInvalidArgumentNumber.New("repeat", 2, len(a))
		}
		return function.NewRepeat(a[0], a[1]), nil
	}, func(ctx *sql.Context, a []any) int64 {
		l, n := argLen(ctx, a[0]), max(argInt(ctx, a[1]), 0)
		if l > 0 && n > math.MaxInt64/l {
			return math.MaxInt64
		}
		return l * n
	}),
	bounded("lpad", function.NewLeftPad, func(ctx *sql.Context, a []any) int64 { return argInt(ctx, a[1]) }),
	bounded("rpad", function.NewRightPad, func(ctx *sql.Context, a []any) int64 { return argInt(ctx, a[1]) }),
	bounded("space", func(a ...sql.Expression) (sql.Expression, error) {
		if len(a) != 1 {
			return nil, sql.ErrInvalidArgumentNumber.New("space", 1, len(a))
		}
		return function.NewSpace(a[0]), nil
	}, func(ctx *sql.Context, a []any) int64 { return argInt(ctx, a[0]) }),
}
