package seed_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/oktasql/oktasql/emulator/scim"
	"github.com/oktasql/oktasql/emulator/seed"
)

// The emulator generates its org once, then answers filter and search
// expressions with scim.Match over the objects' Get methods.
func Example() {
	org := seed.Generate(seed.Config{
		Users:   1000,
		Seed:    1,
		Now:     time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC),
		BaseURL: "http://127.0.0.1:8089",
	})
	expr, err := scim.Parse(`profile.department eq "engineering" and status eq "active"`)
	if err != nil {
		panic(err)
	}
	n := 0
	for _, u := range org.Users {
		if scim.Match(expr, u.Get, true) { // search: case-insensitive values
			n++
		}
	}
	fmt.Println(n > 0, len(org.Users))

	b, _ := json.Marshal(org.Users[0].Links)
	fmt.Println(string(b)[:52])
	// Output:
	// true 1000
	// {"self":{"href":"http://127.0.0.1:8089/api/v1/users/
}
