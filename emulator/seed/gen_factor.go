package seed

import (
	"math/rand/v2"
	"slices"
	"strconv"
)

// factorKind is one kind of factor users enroll.
type factorKind struct {
	factorType, provider, vendor, prefix string
	weight                               int
}

// factorKinds are the factors of the org, weighted by popularity.
var factorKinds = []factorKind{
	{"push", "OKTA", "OKTA", "opf", 34},
	{"token:software:totp", "OKTA", "OKTA", "ost", 18},
	{"token:software:totp", "GOOGLE", "GOOGLE", "uft", 9},
	{"sms", "OKTA", "OKTA", "mbl", 14},
	{"webauthn", "FIDO", "FIDO", "fwf", 10},
	{"email", "OKTA", "OKTA", "emf", 8},
	{"question", "OKTA", "OKTA", "ufs", 3},
	{"call", "OKTA", "OKTA", "clf", 2},
	{"token:hardware", "YUBICO", "YUBICO", "ykf", 2},
}

// Push devices and webauthn authenticators.
var (
	pushDevices = []struct{ deviceType, name, platform, version string }{
		{"SmartPhone_IPhone", "iPhone 15", "IOS", "17.4.1"},
		{"SmartPhone_IPhone", "iPhone 13", "IOS", "16.7.2"},
		{"SmartPhone_Android", "Pixel 8", "ANDROID", "14"},
		{"SmartPhone_Android", "Galaxy S23", "ANDROID", "13"},
	}
	authenticators = []string{"MacBook Touch ID", "Windows Hello", "YubiKey 5 NFC", "iCloud Keychain", "Google Password Manager"}
	questions      = []struct{ key, text string }{
		{"disliked_food", "What is the food you least liked as a child?"},
		{"name_of_first_plush_toy", "What is the name of your first stuffed animal?"},
		{"favorite_art_piece", "What is your favorite piece of art?"},
	}
)

// genFactors enrolls factors for about 70% of users: none for users who
// never activated, one to three distinct kinds for the others.
func (g *generator) genFactors() {
	r := g.rng(streamFactors)
	kindW := make([]int, len(factorKinds))
	for i, k := range factorKinds {
		kindW[i] = k.weight
	}
	for _, u := range g.users {
		if u.Activated.IsZero() || !chance(r, 0.76) {
			continue
		}
		count := 1
		switch p := r.Float64(); {
		case p < 0.15:
			count = 3
		case p < 0.5:
			count = 2
		}
		chosen := make([]int, 0, 3)
		for range count {
			k := weighted(r, kindW)
			if slices.ContainsFunc(chosen, func(j int) bool { return factorKinds[j].factorType == factorKinds[k].factorType }) {
				continue
			}
			chosen = append(chosen, k)
			g.org.Factors[u.ID] = append(g.org.Factors[u.ID], g.newFactor(r, u, &factorKinds[k]))
		}
	}
}

// newFactor enrolls one factor of kind k for u.
func (g *generator) newFactor(r *rand.Rand, u *User, k *factorKind) *Factor {
	created := between(r, u.Activated.Time(), g.now)
	f := &Factor{
		ID: NewID(r, k.prefix), FactorType: k.factorType, Provider: k.provider, VendorName: k.vendor,
		Status: FactorActive, Created: NewTime(created), LastUpdated: NewTime(between(r, created, g.now)),
		UserID: u.ID, BaseURL: g.base,
	}
	if chance(r, 0.08) {
		f.Status = FactorPendingActivation
	}
	p := &f.Profile
	switch k.factorType {
	case "push":
		d := pick(r, pushDevices)
		p.CredentialID, p.DeviceType, p.Name, p.Platform, p.Version = u.Profile.Login, d.deviceType, d.name, d.platform, d.version
	case "token:software:totp":
		p.CredentialID = u.Profile.Login
	case "sms", "call":
		p.PhoneNumber = string(u.Profile.MobilePhone)
		if p.PhoneNumber == "" {
			p.PhoneNumber = "+1 415-555-" + strconv.Itoa(1000+r.IntN(9000))
		}
	case "webauthn":
		p.AuthenticatorName, p.CredentialID = pick(r, authenticators), randString(r, 43)
	case "email":
		p.Email = u.Profile.Email
	case "question":
		q := pick(r, questions)
		p.Question, p.QuestionText = q.key, q.text
	case "token:hardware":
		p.CredentialID = strconv.Itoa(10000000 + r.IntN(90000000))
	}
	return f
}
