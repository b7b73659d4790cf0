package schema

import (
	"fmt"
	"net/url"
	"strings"
)

// PathParams returns the names of the {parameters} in a path template, in
// order.
func PathParams(template string) []string {
	var names []string
	for rest := template; ; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			return names
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return names
		}
		names = append(names, rest[i+1:i+j])
		rest = rest[i+j+1:]
	}
}

// ExpandPath substitutes the path parameters of template with values,
// escaping each as one path segment so no value can change the path's
// structure. The result is the path as it goes on the wire, escaped once:
// it must not be escaped again. A missing parameter is an error naming
// it.
func ExpandPath(template string, values map[string]string) (string, error) {
	var b strings.Builder
	rest := template
	for {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			b.WriteString(rest)
			return b.String(), nil
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return "", fmt.Errorf("path %s: unterminated parameter", template)
		}
		name := rest[i+1 : i+j]
		v, ok := values[name]
		if !ok || v == "" {
			return "", fmt.Errorf("path %s: no value for parameter %s", template, name)
		}
		b.WriteString(rest[:i])
		b.WriteString(url.PathEscape(v))
		rest = rest[i+j+1:]
	}
}
