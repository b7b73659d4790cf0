package schema

import (
	"strings"
	"unicode"
)

// SnakeCase converts an API name (camelCase, kebab-case, dotted, _prefixed)
// to snake_case: "firstName" -> "first_name", "email-servers" ->
// "email_servers", "_links" -> "links", "ipAddress" -> "ip_address".
func SnakeCase(s string) string {
	var b strings.Builder
	runes := []rune(s)
	for i, r := range runes {
		switch {
		case r == '-' || r == '.' || r == '_' || r == ' ' || r == '$':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "_") {
				b.WriteByte('_')
			}
		case unicode.IsUpper(r):
			prevLower := i > 0 && (unicode.IsLower(runes[i-1]) || unicode.IsDigit(runes[i-1]))
			nextLower := i+1 < len(runes) && unicode.IsLower(runes[i+1]) && i > 0 && unicode.IsUpper(runes[i-1])
			if (prevLower || nextLower) && b.Len() > 0 && !strings.HasSuffix(b.String(), "_") {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "_") {
				b.WriteByte('_')
			}
		}
	}
	return strings.TrimSuffix(b.String(), "_")
}

// KeyFor returns the key column that fills the i-th path parameter of op,
// matching by position, since an item operation may name a parent
// parameter differently from the list path ({relationshipName} vs
// {primaryRelationshipName}); nil when the parameter is not a key.
func (t *Table) KeyFor(op *Operation, param string) *KeyColumn {
	for i, name := range PathParams(op.Path) {
		if name == param && i < len(t.Keys) {
			return &t.Keys[i]
		}
	}
	return nil
}
