package scim_test

import (
	"errors"
	"fmt"

	"github.com/oktasql/oktasql/emulator/scim"
)

func ExampleParse() {
	e, err := scim.Parse(`status EQ "ACTIVE" and (profile.lastName sw "O'" OR profile.nickName eq "say \"hi\"")`)
	if err != nil {
		panic(err)
	}
	fmt.Println(e)
	// Output: status eq "ACTIVE" and (profile.lastName sw "O'" or profile.nickName eq "say \"hi\"")
}

func ExampleValidate() {
	usersFilter := &scim.Grammar{
		Param:  "filter",
		Fields: map[string][]string{"status": {"eq"}, "lastUpdated": {"eq", "gt", "ge", "lt", "le"}},
		And:    true, Or: true,
	}
	e, _ := scim.Parse(`status gt "A"`)
	err := scim.Validate(e, usersFilter)
	var se *scim.Error
	if errors.As(err, &se) {
		fmt.Println(se.Code, errors.Is(err, scim.ErrUnsupported))
		fmt.Println(se.Cause)
	}
	// Output:
	// E0000031 true
	// filter: the operator "gt" is not supported on the attribute "status"
}

func ExampleMatch() {
	user := map[string]any{"status": "ACTIVE", "profile": map[string]any{"login": "Ada@example.com", "emails": []any{"a@x.com", "b@y.com"}}}
	for _, s := range []string{`profile.login eq "ada@example.com"`, `profile.emails ew "@y.com"`} {
		e, _ := scim.Parse(s)
		fmt.Println(scim.Match(e, scim.MapGetter(user), false), scim.Match(e, scim.MapGetter(user), true))
	}
	// Output:
	// false true
	// true true
}
