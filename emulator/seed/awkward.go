package seed

import (
	"fmt"
	"strings"
)

// Awkward values: logins, display names and group names with characters
// that break naive URL encoding, filter quoting and comparisons
// (apostrophes, spaces, / + # % &, double quotes, backslashes, non-ASCII
// letters, mixed case). They replace the generated value of every
// awkwardEvery-th user and awkwardGroupEvery-th extra group, without
// drawing from the random streams, so the rest of the org stays as it was.
const (
	awkwardEvery      = 23
	awkwardGroupEvery = 4
)

// awkwardLogins make a user's login from its generated login's local
// part, in turn. Okta takes any of these as a login (an email-like
// string); one with a / can be fetched by id only (spec getUser).
var awkwardLogins = []func(local, first, last string) string{
	func(local, _, _ string) string { return local + "+okta@example.com" },
	func(local, _, _ string) string { return "o'" + local + "@example.com" },
	func(local, _, _ string) string { return local + "/ops@example.com" },
	func(local, _, _ string) string { return local + "#1@example.com" },
	func(local, _, _ string) string { return local + "%25@example.com" },
	func(local, _, _ string) string { return local + "&co@example.com" },
	func(local, _, _ string) string { return `"` + local + ` x"@example.com` },
	func(local, _, _ string) string { return local + `\x@example.com` },
	func(local, _, _ string) string { return "zoë." + local + "@exämple.com" },
	func(local, _, _ string) string { return strings.ToUpper(local) + "@Example.COM" },
}

// awkwardDisplayNames make a user's display name, in turn.
var awkwardDisplayNames = []func(first, last string) string{
	func(first, last string) string { return first + ` "Doc" ` + last },
	func(first, last string) string { return last + `\` + first },
	func(first, last string) string { return first + " & " + last },
}

// awkwardGroupNames make a group's name from its generated word, in turn.
var awkwardGroupNames = []string{
	"R&D %s", "%s/EMEA", "C# %s", "100%% %s", `%s "Tier 1"`, `CORP\%s`, "Équipe %s", "%s + Friends", "O'Reilly %s", "%s #general",
}

// awkwardUser gives the i-th user an awkward login and display name when
// its turn comes; its email stays the plain generated one.
func awkwardUser(i int, u *User) {
	if i%awkwardEvery != awkwardEvery-1 {
		return
	}
	k := i / awkwardEvery
	local, _, _ := strings.Cut(u.Profile.Login, "@")
	p := &u.Profile
	p.Login = awkwardLogins[k%len(awkwardLogins)](local, p.FirstName, p.LastName)
	p.DisplayName = awkwardDisplayNames[k%len(awkwardDisplayNames)](p.FirstName, p.LastName)
}

// awkwardGroupName returns the k-th extra group's name: an awkward one
// made from word when its turn comes, else name.
func awkwardGroupName(k int, name, word string) string {
	if k%awkwardGroupEvery != awkwardGroupEvery-1 {
		return name
	}
	return fmt.Sprintf(awkwardGroupNames[(k/awkwardGroupEvery)%len(awkwardGroupNames)], word)
}
