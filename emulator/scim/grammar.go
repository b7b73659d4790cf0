package scim

// Grammar is what one filter or search parameter of an endpoint accepts,
// as the emulator reads Okta's documentation of it (emulator/endpoints.go);
// it is the emulator's own, never the planner's pushdown grammar.
type Grammar struct {
	// Param names the query parameter ("filter", "search") in errors.
	Param string
	// Fields maps an attribute path ("profile.login") to the operators it
	// accepts (eq ne gt ge lt le pr sw co ew). An attribute listed with
	// no operators is refused even under AnyPrefix.
	Fields map[string][]string
	// AnyPrefix admits every attribute under it ("profile.") with AnyOps,
	// besides Fields; with AnyOps and an empty AnyPrefix, every attribute.
	AnyPrefix string
	AnyOps    []string
	// And, Or and Not are the connectives allowed.
	And, Or, Not bool
	// MaxTerms bounds the number of comparisons (0: no bound).
	MaxTerms int
	// Keyword marks a parameter that takes a plain keyword, not an
	// expression (group rules' search).
	Keyword bool
}
