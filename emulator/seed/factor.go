package seed

import "encoding/json"

// Factor statuses used by the generator.
const (
	FactorActive            = "ACTIVE"
	FactorPendingActivation = "PENDING_ACTIVATION"
)

// Factor is a factor a user enrolled (schema UserFactor). Its _links are
// built when it is marshalled, from BaseURL, UserID and ID.
type Factor struct {
	ID          string        `json:"id"`
	FactorType  string        `json:"factorType"` // sms, push, token:software:totp, webauthn, email, question, call, token:hardware
	Provider    string        `json:"provider"`   // OKTA, GOOGLE, YUBICO, FIDO
	VendorName  string        `json:"vendorName"`
	Status      string        `json:"status"`
	Created     Time          `json:"created"`
	LastUpdated Time          `json:"lastUpdated"`
	Profile     FactorProfile `json:"profile"`
	// UserID is the user who enrolled the factor.
	UserID string `json:"-"`
	// BaseURL is the org's base URL, for _links.
	BaseURL string `json:"-"`
}

// FactorProfile is a factor's profile; which attributes are set depends on
// the factor type.
type FactorProfile struct {
	PhoneNumber       string `json:"phoneNumber,omitempty"`       // sms, call
	CredentialID      string `json:"credentialId,omitempty"`      // push, totp, webauthn, token:hardware
	DeviceType        string `json:"deviceType,omitempty"`        // push
	Name              string `json:"name,omitempty"`              // push
	Platform          string `json:"platform,omitempty"`          // push
	Version           string `json:"version,omitempty"`           // push
	AuthenticatorName string `json:"authenticatorName,omitempty"` // webauthn
	Email             string `json:"email,omitempty"`             // email
	Question          string `json:"question,omitempty"`          // question
	QuestionText      string `json:"questionText,omitempty"`      // question
}

// factorAlias has Factor's fields without its methods.
type factorAlias Factor

// MarshalJSON writes the factor with its _links.
func (f Factor) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		factorAlias
		Links FactorLinks `json:"_links"`
	}{factorAlias(f), NewFactorLinks(f.BaseURL, f.UserID, f.ID, f.Status)})
}

// Get returns the values of an attribute path of the factor.
func (f *Factor) Get(attr string) []any {
	switch attr {
	case "id":
		return stringValue(f.ID)
	case "factorType":
		return stringValue(f.FactorType)
	case "provider":
		return stringValue(f.Provider)
	case "vendorName":
		return stringValue(f.VendorName)
	case "status":
		return stringValue(f.Status)
	case "created":
		return f.Created.value()
	case "lastUpdated":
		return f.LastUpdated.value()
	}
	return viaJSON(f, attr)
}

// UserType is a user type (schema UserType).
type UserType struct {
	ID            string        `json:"id"`
	DisplayName   string        `json:"displayName"`
	Name          string        `json:"name"`
	Description   string        `json:"description"`
	CreatedBy     string        `json:"createdBy"`
	LastUpdatedBy string        `json:"lastUpdatedBy"`
	Created       Time          `json:"created"`
	LastUpdated   Time          `json:"lastUpdated"`
	Default       bool          `json:"default"`
	Links         UserTypeLinks `json:"_links"`
}

// Get returns the values of an attribute path of the user type.
func (t *UserType) Get(attr string) []any {
	return viaJSON(t, attr)
}
