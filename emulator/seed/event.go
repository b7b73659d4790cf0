package seed

// LogEvent is one System Log event (schema LogEvent). Events of one org share
// their actor, client, request, security context and target objects: treat
// the pointed-to values as read-only.
type LogEvent struct {
	Actor                 *LogActor                 `json:"actor"`
	Client                *LogClient                `json:"client"`
	AuthenticationContext *LogAuthenticationContext `json:"authenticationContext"`
	DisplayMessage        string                    `json:"displayMessage"`
	EventType             string                    `json:"eventType"`
	Outcome               *LogOutcome               `json:"outcome"`
	Published             Time                      `json:"published"`
	SecurityContext       *LogSecurityContext       `json:"securityContext"`
	Severity              string                    `json:"severity"` // DEBUG, INFO, WARN, ERROR
	DebugContext          LogDebugContext           `json:"debugContext"`
	LegacyEventType       string                    `json:"legacyEventType,omitempty"`
	Transaction           LogTransaction            `json:"transaction"`
	UUID                  string                    `json:"uuid"`
	Version               string                    `json:"version"`
	Request               *LogRequest               `json:"request"`
	Target                []*LogTarget              `json:"target"`
}

// LogActor is who performed the action.
type LogActor struct {
	ID          string `json:"id"`
	Type        string `json:"type"` // User, PublicClientApp, SystemPrincipal
	AlternateID string `json:"alternateId"`
	DisplayName string `json:"displayName"`
}

// LogTarget is an entity the action was performed on.
type LogTarget struct {
	ID          string `json:"id"`
	Type        string `json:"type"` // User, UserGroup, AppInstance, AppUser, PolicyEntity, PolicyRule
	AlternateID string `json:"alternateId"`
	DisplayName string `json:"displayName"`
}

// LogClient is the client that made the request.
type LogClient struct {
	UserAgent           *LogUserAgent           `json:"userAgent"`
	Zone                string                  `json:"zone,omitempty"`
	Device              string                  `json:"device"`
	IPAddress           string                  `json:"ipAddress"`
	GeographicalContext *LogGeographicalContext `json:"geographicalContext"`
}

// LogUserAgent is the parsed user agent of a client.
type LogUserAgent struct {
	RawUserAgent string `json:"rawUserAgent"`
	OS           string `json:"os"`
	Browser      string `json:"browser"`
}

// LogGeographicalContext is where a client was.
type LogGeographicalContext struct {
	City        string          `json:"city"`
	State       string          `json:"state"`
	Country     string          `json:"country"`
	PostalCode  string          `json:"postalCode"`
	Geolocation *LogGeolocation `json:"geolocation"`
}

// LogGeolocation is a latitude and longitude.
type LogGeolocation struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

// LogAuthenticationContext describes how the actor authenticated.
type LogAuthenticationContext struct {
	AuthenticationProvider string `json:"authenticationProvider,omitempty"`
	CredentialProvider     string `json:"credentialProvider,omitempty"`
	CredentialType         string `json:"credentialType,omitempty"`
	Interface              string `json:"interface,omitempty"`
	AuthenticationStep     int    `json:"authenticationStep"`
	ExternalSessionID      string `json:"externalSessionId,omitempty"`
}

// LogOutcome is the result of the action.
type LogOutcome struct {
	Result string `json:"result"` // SUCCESS, FAILURE, ALLOW, DENY, CHALLENGE...
	Reason string `json:"reason,omitempty"`
}

// LogSecurityContext describes the network the request came from.
type LogSecurityContext struct {
	AsNumber int    `json:"asNumber"`
	AsOrg    string `json:"asOrg"`
	Isp      string `json:"isp"`
	Domain   string `json:"domain"`
	IsProxy  bool   `json:"isProxy"`
}

// LogDebugContext carries debugging data.
type LogDebugContext struct {
	DebugData LogDebugData `json:"debugData"`
}

// LogDebugData is the free-form debug data the generator fills.
type LogDebugData struct {
	RequestID       string `json:"requestId"`
	RequestURI      string `json:"requestUri"`
	URL             string `json:"url"`
	ThreatSuspected string `json:"threatSuspected,omitempty"`
}

// LogTransaction identifies the request.
type LogTransaction struct {
	Type string `json:"type"` // WEB, JOB
	ID   string `json:"id"`
	// Detail holds details such as requestApiTokenId; nil when none.
	Detail map[string]any `json:"detail,omitempty"`
}

// LogRequest is the chain of addresses the request went through.
type LogRequest struct {
	IPChain []*LogIPAddress `json:"ipChain"`
}

// LogIPAddress is one hop of the request.
type LogIPAddress struct {
	IP                  string                  `json:"ip"`
	GeographicalContext *LogGeographicalContext `json:"geographicalContext"`
	Version             string                  `json:"version"` // V4, V6
}

// Get returns the values of an attribute path of the event, for scim.Match:
// the attributes people filter on directly (target.* yields one value per
// target); other paths through the event's JSON form.
func (e *LogEvent) Get(attr string) []any {
	switch attr {
	case "uuid":
		return stringValue(e.UUID)
	case "published":
		return e.Published.value()
	case "eventType":
		return stringValue(e.EventType)
	case "legacyEventType":
		return stringValue(e.LegacyEventType)
	case "severity":
		return stringValue(e.Severity)
	case "displayMessage":
		return stringValue(e.DisplayMessage)
	case "version":
		return stringValue(e.Version)
	case "outcome.result", "outcome.reason":
		if e.Outcome == nil {
			return nil
		}
		if attr == "outcome.result" {
			return stringValue(e.Outcome.Result)
		}
		return stringValue(e.Outcome.Reason)
	case "actor.id", "actor.type", "actor.alternateId", "actor.displayName":
		if e.Actor == nil {
			return nil
		}
		return stringValue(actorField(e.Actor, attr[len("actor."):]))
	case "target.id", "target.type", "target.alternateId", "target.displayName":
		name := attr[len("target."):]
		var out []any
		for _, t := range e.Target {
			out = append(out, stringValue(targetField(t, name))...)
		}
		return out
	case "client.ipAddress":
		if e.Client == nil {
			return nil
		}
		return stringValue(e.Client.IPAddress)
	case "transaction.id":
		return stringValue(e.Transaction.ID)
	case "transaction.type":
		return stringValue(e.Transaction.Type)
	case "debugContext.debugData.requestUri":
		return stringValue(e.DebugContext.DebugData.RequestURI)
	case "debugContext.debugData.url":
		return stringValue(e.DebugContext.DebugData.URL)
	case "debugContext.debugData.requestId":
		return stringValue(e.DebugContext.DebugData.RequestID)
	}
	return viaJSON(e, attr)
}

// actorField returns one attribute of an actor.
func actorField(a *LogActor, name string) string {
	switch name {
	case "id":
		return a.ID
	case "type":
		return a.Type
	case "alternateId":
		return a.AlternateID
	default:
		return a.DisplayName
	}
}

// targetField returns one attribute of a target.
func targetField(t *LogTarget, name string) string {
	switch name {
	case "id":
		return t.ID
	case "type":
		return t.Type
	case "alternateId":
		return t.AlternateID
	default:
		return t.DisplayName
	}
}

// eventVersion is the LogEvent schema version the generator writes.
const eventVersion = "0"
