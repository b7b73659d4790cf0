package seed

import "strings"

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
// every scalar attribute of the generated events directly (target.* yields
// one value per target, transaction.detail.* reads Detail); other paths
// through the event's JSON form.
func (e *LogEvent) Get(attr string) []any {
	if f, ok := eventFields[attr]; ok {
		return f(e)
	}
	if name, ok := strings.CutPrefix(attr, "transaction.detail."); ok && !strings.Contains(name, ".") {
		return extraValue(e.Transaction.Detail, name)
	}
	return viaJSON(e, attr)
}

// eventFields reads the scalar attributes of an event, by path.
var eventFields = map[string]func(e *LogEvent) []any{
	"uuid":            func(e *LogEvent) []any { return stringValue(e.UUID) },
	"published":       func(e *LogEvent) []any { return e.Published.value() },
	"eventType":       func(e *LogEvent) []any { return stringValue(e.EventType) },
	"legacyEventType": func(e *LogEvent) []any { return stringValue(e.LegacyEventType) },
	"severity":        func(e *LogEvent) []any { return stringValue(e.Severity) },
	"displayMessage":  func(e *LogEvent) []any { return stringValue(e.DisplayMessage) },
	"version":         func(e *LogEvent) []any { return stringValue(e.Version) },
	"outcome.result":  outcomeField(func(o *LogOutcome) string { return o.Result }),
	"outcome.reason":  outcomeField(func(o *LogOutcome) string { return o.Reason }),

	"actor.id":          actorField(func(a *LogActor) string { return a.ID }),
	"actor.type":        actorField(func(a *LogActor) string { return a.Type }),
	"actor.alternateId": actorField(func(a *LogActor) string { return a.AlternateID }),
	"actor.displayName": actorField(func(a *LogActor) string { return a.DisplayName }),

	"target.id":          targetField(func(t *LogTarget) string { return t.ID }),
	"target.type":        targetField(func(t *LogTarget) string { return t.Type }),
	"target.alternateId": targetField(func(t *LogTarget) string { return t.AlternateID }),
	"target.displayName": targetField(func(t *LogTarget) string { return t.DisplayName }),

	"client.ipAddress": clientField(func(c *LogClient) string { return c.IPAddress }),
	"client.device":    clientField(func(c *LogClient) string { return c.Device }),
	"client.zone":      clientField(func(c *LogClient) string { return c.Zone }),
	"client.userAgent.rawUserAgent": clientField(func(c *LogClient) string {
		return userAgentOf(c).RawUserAgent
	}),
	"client.userAgent.os":                   clientField(func(c *LogClient) string { return userAgentOf(c).OS }),
	"client.userAgent.browser":              clientField(func(c *LogClient) string { return userAgentOf(c).Browser }),
	"client.geographicalContext.city":       geoField(func(g *LogGeographicalContext) string { return g.City }),
	"client.geographicalContext.state":      geoField(func(g *LogGeographicalContext) string { return g.State }),
	"client.geographicalContext.country":    geoField(func(g *LogGeographicalContext) string { return g.Country }),
	"client.geographicalContext.postalCode": geoField(func(g *LogGeographicalContext) string { return g.PostalCode }),

	"authenticationContext.authenticationProvider": authField(func(a *LogAuthenticationContext) string { return a.AuthenticationProvider }),
	"authenticationContext.credentialProvider":     authField(func(a *LogAuthenticationContext) string { return a.CredentialProvider }),
	"authenticationContext.credentialType":         authField(func(a *LogAuthenticationContext) string { return a.CredentialType }),
	"authenticationContext.interface":              authField(func(a *LogAuthenticationContext) string { return a.Interface }),
	"authenticationContext.externalSessionId":      authField(func(a *LogAuthenticationContext) string { return a.ExternalSessionID }),

	"securityContext.asOrg":  securityField(func(s *LogSecurityContext) string { return s.AsOrg }),
	"securityContext.isp":    securityField(func(s *LogSecurityContext) string { return s.Isp }),
	"securityContext.domain": securityField(func(s *LogSecurityContext) string { return s.Domain }),

	"transaction.id":   func(e *LogEvent) []any { return stringValue(e.Transaction.ID) },
	"transaction.type": func(e *LogEvent) []any { return stringValue(e.Transaction.Type) },

	"debugContext.debugData.requestId":       func(e *LogEvent) []any { return stringValue(e.DebugContext.DebugData.RequestID) },
	"debugContext.debugData.requestUri":      func(e *LogEvent) []any { return stringValue(e.DebugContext.DebugData.RequestURI) },
	"debugContext.debugData.url":             func(e *LogEvent) []any { return stringValue(e.DebugContext.DebugData.URL) },
	"debugContext.debugData.threatSuspected": func(e *LogEvent) []any { return stringValue(e.DebugContext.DebugData.ThreatSuspected) },
}

// outcomeField reads a string attribute of the event's outcome.
func outcomeField(f func(*LogOutcome) string) func(*LogEvent) []any {
	return func(e *LogEvent) []any {
		if e.Outcome == nil {
			return nil
		}
		return stringValue(f(e.Outcome))
	}
}

// actorField reads a string attribute of the event's actor.
func actorField(f func(*LogActor) string) func(*LogEvent) []any {
	return func(e *LogEvent) []any {
		if e.Actor == nil {
			return nil
		}
		return stringValue(f(e.Actor))
	}
}

// targetField reads a string attribute of every target of the event.
func targetField(f func(*LogTarget) string) func(*LogEvent) []any {
	return func(e *LogEvent) []any {
		var out []any
		for _, t := range e.Target {
			if t != nil {
				out = append(out, stringValue(f(t))...)
			}
		}
		return out
	}
}

// clientField reads a string attribute of the event's client.
func clientField(f func(*LogClient) string) func(*LogEvent) []any {
	return func(e *LogEvent) []any {
		if e.Client == nil {
			return nil
		}
		return stringValue(f(e.Client))
	}
}

// userAgentOf returns the client's user agent, or an empty one.
func userAgentOf(c *LogClient) *LogUserAgent {
	if c.UserAgent == nil {
		return &LogUserAgent{}
	}
	return c.UserAgent
}

// geoField reads a string attribute of the client's geographical context.
func geoField(f func(*LogGeographicalContext) string) func(*LogEvent) []any {
	return func(e *LogEvent) []any {
		if e.Client == nil || e.Client.GeographicalContext == nil {
			return nil
		}
		return stringValue(f(e.Client.GeographicalContext))
	}
}

// authField reads a string attribute of the authentication context.
func authField(f func(*LogAuthenticationContext) string) func(*LogEvent) []any {
	return func(e *LogEvent) []any {
		if e.AuthenticationContext == nil {
			return nil
		}
		return stringValue(f(e.AuthenticationContext))
	}
}

// securityField reads a string attribute of the security context.
func securityField(f func(*LogSecurityContext) string) func(*LogEvent) []any {
	return func(e *LogEvent) []any {
		if e.SecurityContext == nil {
			return nil
		}
		return stringValue(f(e.SecurityContext))
	}
}

// eventVersion is the LogEvent schema version the generator writes.
const eventVersion = "0"
