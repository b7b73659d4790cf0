// Package examples extracts the response examples of Okta's OpenAPI spec
// that seed the emulator's generic store.
package examples

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Extract returns, as JSON, the first 2xx example of every GET operation,
// by operationId; an operation with several named examples also has each
// under "operationId#name" (listPolicies has one per policy type). Example values are payload: $ref members inside them are
// kept as data, never resolved.
func Extract(spec []byte) ([]byte, error) {
	var doc struct {
		Paths      map[string]map[string]yaml.Node `yaml:"paths"`
		Components struct {
			Examples map[string]struct {
				Value any `yaml:"value"`
			} `yaml:"examples"`
		} `yaml:"components"`
	}
	if err := yaml.Unmarshal(spec, &doc); err != nil {
		return nil, err
	}
	out := map[string]any{}
	for _, item := range doc.Paths {
		node, ok := item["get"]
		if !ok {
			continue
		}
		var op struct {
			ID        string `yaml:"operationId"`
			Responses map[string]struct {
				Content map[string]struct {
					Example  any `yaml:"example"`
					Examples map[string]struct {
						Ref   string `yaml:"$ref"`
						Value any    `yaml:"value"`
					} `yaml:"examples"`
				} `yaml:"content"`
			} `yaml:"responses"`
		}
		if err := node.Decode(&op); err != nil {
			return nil, fmt.Errorf("operation: %w", err)
		}
		codes := make([]string, 0, len(op.Responses))
		for c := range op.Responses {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		for _, c := range codes {
			if !strings.HasPrefix(c, "2") {
				continue
			}
			media, ok := op.Responses[c].Content["application/json"]
			if !ok {
				continue
			}
			if media.Example != nil {
				out[op.ID] = media.Example
				break
			}
			names := make([]string, 0, len(media.Examples))
			for n := range media.Examples {
				names = append(names, n)
			}
			sort.Strings(names)
			for _, n := range names {
				ex := media.Examples[n]
				v := ex.Value
				if ex.Ref != "" {
					v = doc.Components.Examples[strings.TrimPrefix(ex.Ref, "#/components/examples/")].Value
				}
				if v == nil {
					continue
				}
				if out[op.ID] == nil {
					out[op.ID] = v
				}
				if len(names) > 1 {
					out[op.ID+"#"+n] = v
				}
			}
			if out[op.ID] != nil {
				break
			}
		}
	}
	return json.MarshalIndent(out, "", " ")
}
