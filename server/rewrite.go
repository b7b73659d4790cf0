package server

import (
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
)

// tokenKind classifies the lexical pieces of a SQL text that the rewriters
// care about.
type tokenKind int

const (
	tokOther   tokenKind = iota // one byte of anything else
	tokQuoted                   // '...', "..." or `...`
	tokComment                  // -- ..., # ..., /* ... */
	tokWord                     // identifier or keyword
)

// nextToken returns the kind of the token starting at s[i] and the index
// just past it.
func nextToken(s string, i int) (tokenKind, int) {
	c := s[i]
	switch {
	case c == '\'' || c == '"' || c == '`':
		return tokQuoted, skipQuoted(s, i)
	case c == '#' || (c == '-' && strings.HasPrefix(s[i:], "-- ")):
		if j := strings.IndexByte(s[i:], '\n'); j >= 0 {
			return tokComment, i + j
		}
		return tokComment, len(s)
	case c == '/' && strings.HasPrefix(s[i:], "/*"):
		if j := strings.Index(s[i+2:], "*/"); j >= 0 {
			return tokComment, i + 2 + j + 2
		}
		return tokComment, len(s)
	case isIdentByte(c):
		j := i
		for j < len(s) && isIdentByte(s[j]) {
			j++
		}
		return tokWord, j
	}
	return tokOther, i + 1
}

// reservedTableNames returns the table names the parser rejects unquoted
// (`groups` is reserved in MySQL 8 and in the vitess parser).
func reservedTableNames(names []string) map[string]bool {
	out := map[string]bool{}
	for _, n := range names {
		if _, err := sql.GlobalParser.ParseSimple("SELECT * FROM " + n); err != nil {
			out[strings.ToLower(n)] = true
		}
	}
	return out
}

// quoteReserved backquotes every bare occurrence of a reserved table name
// in query, so `SELECT * FROM groups` and `INSERT INTO groups ...` parse.
// Strings, quoted identifiers and comments are left alone, and so is a
// name used as a keyword: a window frame's GROUPS BETWEEN / UNBOUNDED /
// CURRENT / n PRECEDING, or a function call.
func quoteReserved(query string, reserved map[string]bool) string {
	if len(reserved) == 0 {
		return query
	}
	var b strings.Builder
	changed := false
	for i := 0; i < len(query); {
		kind, j := nextToken(query, i)
		word := query[i:j]
		if kind == tokWord && reserved[strings.ToLower(word)] && !precededByDot(query, i) &&
			(afterTableKeyword(query[:i]) || !usedAsKeyword(query[j:])) {
			b.WriteString("`" + word + "`")
			changed = true
		} else {
			b.WriteString(word)
		}
		i = j
	}
	if !changed {
		return query
	}
	return b.String()
}

// keepWildcardEscapes doubles the backslash of every \% and \_ escape in
// a string literal. MySQL keeps that backslash (the string '\%' is two
// characters, so LIKE '\%%' matches a leading %), where the vitess parser
// drops it and LIKE '\_%' would match any first character, with or
// without pushdown; '\\%' parses to what MySQL reads.
func keepWildcardEscapes(query string) string {
	if !strings.Contains(query, `\%`) && !strings.Contains(query, `\_`) {
		return query
	}
	var b strings.Builder
	for i := 0; i < len(query); {
		kind, j := nextToken(query, i)
		tok := query[i:j]
		if kind != tokQuoted || tok[0] == '`' {
			b.WriteString(tok)
			i = j
			continue
		}
		for k := 0; k < len(tok); k++ {
			b.WriteByte(tok[k])
			if tok[k] != '\\' || k+1 >= len(tok) {
				continue
			}
			k++
			if tok[k] == '%' || tok[k] == '_' {
				b.WriteByte('\\')
			}
			b.WriteByte(tok[k])
		}
		i = j
	}
	return b.String()
}

// SplitStatements splits a script into statements at semicolons outside
// strings, quoted identifiers and comments. The second result is the
// unterminated rest (empty when the script ends with a semicolon), which a
// shell keeps reading into.
func SplitStatements(script string) (stmts []string, rest string) {
	start := 0
	for i := 0; i < len(script); {
		kind, j := nextToken(script, i)
		if kind == tokOther && script[i] == ';' {
			if s := strings.TrimSpace(script[start:i]); s != "" {
				stmts = append(stmts, s)
			}
			start = j
		}
		i = j
	}
	return stmts, strings.TrimSpace(script[start:])
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// skipQuoted returns the index just past the quoted token starting at i,
// honouring doubled quotes and backslash escapes.
func skipQuoted(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		switch {
		case s[j] == '\\' && q != '`':
			j++
		case s[j] == q:
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

func precededByDot(s string, i int) bool {
	for i--; i >= 0; i-- {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			continue
		case '.':
			return true
		}
		return false
	}
	return false
}

// afterTableKeyword reports whether the text before a word ends with a
// keyword that a table name follows (INSERT INTO groups (...)).
func afterTableKeyword(before string) bool {
	before = strings.TrimRight(before, " \t\r\n")
	k := len(before)
	for k > 0 && isIdentByte(before[k-1]) {
		k--
	}
	switch strings.ToUpper(before[k:]) {
	case "FROM", "JOIN", "INTO", "UPDATE", "TABLE", "DESCRIBE", "DESC":
		return true
	}
	return false
}

// usedAsKeyword reports whether the text after a word shows the word is a
// keyword or function name rather than a table name.
func usedAsKeyword(rest string) bool {
	rest = strings.TrimLeft(rest, " \t\r\n")
	if rest == "" {
		return false
	}
	if rest[0] == '(' || rest[0] >= '0' && rest[0] <= '9' {
		return true
	}
	_, end := nextToken(rest, 0)
	switch strings.ToUpper(rest[:end]) {
	case "BETWEEN", "UNBOUNDED", "CURRENT":
		return true
	}
	return false
}
