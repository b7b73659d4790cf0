package scim

import (
	"encoding/json"
	"slices"
	"testing"
	"time"
)

func TestCompareValues(t *testing.T) {
	t1 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		a, b []any
		ci   bool
		want int
	}{
		{"strings", []any{"alice"}, []any{"bob"}, false, -1},
		{"byte order puts upper case first", []any{"Zed"}, []any{"alice"}, false, -1},
		{"case-insensitive order", []any{"Zed"}, []any{"alice"}, true, 1},
		{"case-insensitive equal", []any{"ALICE"}, []any{"alice"}, true, 0},
		{"numbers", []any{10}, []any{9.5}, false, 1},
		{"json number", []any{json.Number("3")}, []any{3}, false, 0},
		{"dates as strings", []any{"2024-01-01T00:00:00Z"}, []any{"2023-12-31T23:00:00-02:00"}, false, -1},
		{"time and string", []any{t1}, []any{"2024-01-01T00:00:00.000Z"}, false, 0},
		{"times", []any{t1.Add(time.Second)}, []any{t1}, false, 1},
		{"bools", []any{false}, []any{true}, false, -1},
		{"absent first", nil, []any{"a"}, false, -1},
		{"null first", []any{nil}, []any{"a"}, false, -1},
		{"both absent", nil, []any{nil}, false, 0},
		{"first of many", []any{[]any{"b", "a"}}, []any{"a"}, false, 1},
		{"kinds: bool before number", []any{true}, []any{1}, false, -1},
		{"kinds: number before string", []any{1}, []any{"1"}, false, -1},
		{"time and non-date string", []any{t1}, []any{"zzz"}, false, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CompareValues(tt.a, tt.b, tt.ci); got != tt.want {
				t.Errorf("CompareValues(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := CompareValues(tt.b, tt.a, tt.ci); got != -tt.want {
				t.Errorf("reversed: CompareValues(%v, %v) = %d, want %d", tt.b, tt.a, got, -tt.want)
			}
		})
	}
}

func TestCompareValuesSorts(t *testing.T) {
	names := [][]any{{"carol"}, {"Bob"}, nil, {"alice"}, {"Dave"}}
	slices.SortStableFunc(names, func(a, b []any) int { return CompareValues(a, b, true) })
	want := [][]any{nil, {"alice"}, {"Bob"}, {"carol"}, {"Dave"}}
	for i := range want {
		if firstValue(names[i]) != firstValue(want[i]) {
			t.Fatalf("sorted %v, want %v", names, want)
		}
	}
}
