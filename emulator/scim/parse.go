package scim

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth bounds the nesting of parentheses and not, so that hostile input
// cannot recurse without limit.
const maxDepth = 64

// operators are the comparison operators Parse accepts, lower case.
var operators = map[string]bool{
	OpEq: true, OpNe: true, OpGt: true, OpGe: true, OpLt: true,
	OpLe: true, OpPr: true, OpSw: true, OpCo: true, OpEw: true,
}

// Parse parses a filter or search expression. Operators, connectives and the
// literals true/false/null are case-insensitive; attribute names are kept as
// written. Errors are *Error with CodeInvalidSearch wrapping ErrSyntax (see
// AsFilterError for the System Log's code).
func Parse(s string) (Expr, error) {
	p := &parser{src: s}
	if err := p.lex(); err != nil {
		return nil, err
	}
	if len(p.toks) == 0 {
		return nil, p.errorf(0, "empty expression")
	}
	e, err := p.parseOr(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		return nil, p.errorf(t.pos, "unexpected %s after a complete expression", t.describe())
	}
	return e, nil
}

// tokKind is the lexical class of a token.
type tokKind int

const (
	tokEOF tokKind = iota
	tokLParen
	tokRParen
	tokWord   // attribute path, operator, connective, true/false/null
	tokString // double-quoted JSON string; text is the decoded value
	tokNumber // JSON number; num is its value
)

// token is one lexical unit with its byte offset in the input.
type token struct {
	kind tokKind
	pos  int
	text string
	num  float64
}

// describe names the token for error messages.
func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of input"
	case tokLParen:
		return `"("`
	case tokRParen:
		return `")"`
	case tokString:
		return "string " + quote(t.text)
	default:
		return strconv.Quote(t.text)
	}
}

// parser holds the input, its tokens and the read position.
type parser struct {
	src  string
	toks []token
	i    int
}

// errorf builds a syntax *Error naming the position and the input.
func (p *parser) errorf(pos int, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	return newError(CodeInvalidSearch, ErrSyntax,
		fmt.Sprintf("%s at position %d of %s", msg, pos, strconv.Quote(p.src)))
}

// peek returns the current token without consuming it.
func (p *parser) peek() token {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return token{kind: tokEOF, pos: len(p.src)}
}

// next consumes and returns the current token.
func (p *parser) next() token {
	t := p.peek()
	if p.i < len(p.toks) {
		p.i++
	}
	return t
}

// isWord reports whether t is the word w, ignoring case.
func isWord(t token, w string) bool {
	return t.kind == tokWord && strings.EqualFold(t.text, w)
}

// parseOr parses `and-expr { or and-expr }`, associating to the left.
func (p *parser) parseOr(depth int) (Expr, error) {
	left, err := p.parseAnd(depth)
	if err != nil {
		return nil, err
	}
	for isWord(p.peek(), Or) {
		p.next()
		right, err := p.parseAnd(depth)
		if err != nil {
			return nil, err
		}
		left = &Logical{Op: Or, Left: left, Right: right}
	}
	return left, nil
}

// parseAnd parses `unary { and unary }`, associating to the left.
func (p *parser) parseAnd(depth int) (Expr, error) {
	left, err := p.parseUnary(depth)
	if err != nil {
		return nil, err
	}
	for isWord(p.peek(), And) {
		p.next()
		right, err := p.parseUnary(depth)
		if err != nil {
			return nil, err
		}
		left = &Logical{Op: And, Left: left, Right: right}
	}
	return left, nil
}

// parseUnary parses a parenthesised expression, `not (expr)`, or a comparison.
func (p *parser) parseUnary(depth int) (Expr, error) {
	t := p.peek()
	if depth >= maxDepth && (t.kind == tokLParen || isWord(t, "not")) {
		return nil, p.errorf(t.pos, "expression nested deeper than %d levels", maxDepth)
	}
	switch {
	case t.kind == tokLParen:
		p.next()
		return p.parseGroup(depth+1, t)
	case isWord(t, "not") && p.i+1 < len(p.toks) && p.toks[p.i+1].kind == tokLParen:
		p.next()
		open := p.next()
		x, err := p.parseGroup(depth+1, open)
		if err != nil {
			return nil, err
		}
		return &NotExpr{X: x}, nil
	case t.kind == tokWord:
		return p.parseCompare()
	case t.kind == tokEOF:
		return nil, p.errorf(t.pos, "unexpected end of input, expected an attribute, \"(\" or not")
	default:
		return nil, p.errorf(t.pos, "unexpected %s, expected an attribute, \"(\" or not", t.describe())
	}
}

// parseGroup parses the inside of parentheses opened by open, and the ")".
func (p *parser) parseGroup(depth int, open token) (Expr, error) {
	e, err := p.parseOr(depth)
	if err != nil {
		return nil, err
	}
	if t := p.next(); t.kind != tokRParen {
		return nil, p.errorf(t.pos, "unexpected %s, expected \")\" closing the \"(\" at position %d", t.describe(), open.pos)
	}
	return e, nil
}

// parseCompare parses `attr op [value]`.
func (p *parser) parseCompare() (Expr, error) {
	attr := p.next()
	if !validAttr(attr.text) {
		return nil, p.errorf(attr.pos, "invalid attribute name %q", attr.text)
	}
	opTok := p.next()
	if opTok.kind != tokWord {
		return nil, p.errorf(opTok.pos, "unexpected %s after attribute %q, expected an operator", opTok.describe(), attr.text)
	}
	op := strings.ToLower(opTok.text)
	if !operators[op] {
		return nil, p.errorf(opTok.pos, "unknown operator %q", opTok.text)
	}
	c := &Compare{Attr: attr.text, Op: op}
	if op == OpPr {
		return c, nil
	}
	v := p.next()
	switch {
	case v.kind == tokString:
		c.Value = v.text
	case v.kind == tokNumber:
		c.Value = v.num
	case isWord(v, "true"):
		c.Value = true
	case isWord(v, "false"):
		c.Value = false
	case isWord(v, "null"):
		c.Value = nil
	case v.kind == tokWord:
		return nil, p.errorf(v.pos, "value %q of %s %s must be a quoted string, a number, true, false or null", v.text, attr.text, op)
	default:
		return nil, p.errorf(v.pos, "unexpected %s, expected a value for %s %s", v.describe(), attr.text, op)
	}
	return c, nil
}

// validAttr reports whether s is a dotted attribute path with no empty segment.
func validAttr(s string) bool {
	for seg := range strings.SplitSeq(s, ".") {
		if seg == "" {
			return false
		}
	}
	return true
}

// lex splits the input into tokens.
func (p *parser) lex() error {
	s := p.src
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(':
			p.toks = append(p.toks, token{kind: tokLParen, pos: i})
			i++
		case c == ')':
			p.toks = append(p.toks, token{kind: tokRParen, pos: i})
			i++
		case c == '"':
			text, n, err := p.lexString(i)
			if err != nil {
				return err
			}
			p.toks = append(p.toks, token{kind: tokString, pos: i, text: text})
			i = n
		case c == '-' || (c >= '0' && c <= '9'):
			j := i + 1
			for j < len(s) && strings.IndexByte("0123456789.eE+-", s[j]) >= 0 {
				j++
			}
			f, err := parseNumber(s[i:j])
			if err != nil {
				return p.errorf(i, "invalid number %q", s[i:j])
			}
			p.toks = append(p.toks, token{kind: tokNumber, pos: i, text: s[i:j], num: f})
			i = j
		case isWordStart(c):
			j := i + 1
			for j < len(s) && isWordByte(s[j]) {
				j++
			}
			p.toks = append(p.toks, token{kind: tokWord, pos: i, text: s[i:j]})
			i = j
		default:
			r, _ := utf8.DecodeRuneInString(s[i:])
			return p.errorf(i, "unexpected character %q", r)
		}
	}
	return nil
}

// isWordStart reports whether c can start an attribute, operator or keyword.
func isWordStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$'
}

// isWordByte reports whether c can continue a word (attribute paths have
// dots; custom attribute names may have digits, '_', '$', ':' and '-').
func isWordByte(c byte) bool {
	return isWordStart(c) || c >= '0' && c <= '9' || c == '.' || c == ':' || c == '-'
}

// parseNumber parses a JSON number (no leading '+', no leading zeros, digits
// on both sides of '.', no NaN/Inf, no overflow).
func parseNumber(s string) (float64, error) {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - start
	}
	intStart := i
	n := digits()
	if n == 0 || (n > 1 && s[intStart] == '0') {
		return 0, strconv.ErrSyntax
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return 0, strconv.ErrSyntax
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return 0, strconv.ErrSyntax
		}
	}
	if i != len(s) {
		return 0, strconv.ErrSyntax
	}
	return strconv.ParseFloat(s, 64)
}

// lexString decodes the JSON string starting at the quote at start and
// returns its value and the offset after the closing quote.
func (p *parser) lexString(start int) (string, int, error) {
	s := p.src
	var b []byte
	for i := start + 1; i < len(s); {
		c := s[i]
		switch c {
		case '"':
			return string(b), i + 1, nil
		case '\\':
			if i+1 >= len(s) {
				return "", 0, p.errorf(start, "unterminated string")
			}
			esc := s[i+1]
			switch esc {
			case '"', '\\', '/':
				b = append(b, esc)
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'u':
				r, n, ok := decodeUnicodeEscape(s[i:])
				if !ok {
					return "", 0, p.errorf(i, "invalid \\u escape in string")
				}
				b = utf8.AppendRune(b, r)
				i += n
				continue
			default:
				return "", 0, p.errorf(i, "invalid escape \\%c in string", esc)
			}
			i += 2
		default:
			b = append(b, c)
			i++
		}
	}
	return "", 0, p.errorf(start, "unterminated string")
}

// decodeUnicodeEscape decodes `\uXXXX` (and a following low surrogate
// escape when XXXX is a high surrogate) at the start of s.
func decodeUnicodeEscape(s string) (rune, int, bool) {
	r, ok := hex4(s)
	if !ok {
		return 0, 0, false
	}
	if utf16.IsSurrogate(r) {
		if lo, ok := hex4(s[6:]); ok {
			if dec := utf16.DecodeRune(r, lo); dec != utf8.RuneError {
				return dec, 12, true
			}
		}
		return utf8.RuneError, 6, true
	}
	return r, 6, true
}

// hex4 reads `\uXXXX` at the start of s.
func hex4(s string) (rune, bool) {
	if len(s) < 6 || s[0] != '\\' || s[1] != 'u' {
		return 0, false
	}
	v, err := strconv.ParseUint(s[2:6], 16, 32)
	if err != nil {
		return 0, false
	}
	return rune(v), true
}
