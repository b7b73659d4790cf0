package openapi

import "github.com/oktasql/oktasql/schema"

// Generate returns the committed form of the catalog built from spec:
// Load, without the spec's descriptions, encoded by schema.Encode.
func Generate(spec []byte) ([]byte, error) {
	c, err := Load(spec)
	if err != nil {
		return nil, err
	}
	c.StripComments()
	return schema.Encode(c)
}
