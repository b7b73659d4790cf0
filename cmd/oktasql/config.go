package main

import (
	"fmt"
	"os"

	"gopkg.in/yaml.v3"

	"github.com/oktasql/oktasql/fetcher"
)

// fileConfig is an oktasql config file: several orgs, each a database.
//
//	orgs:
//	  - name: acme
//	    orgUrl: https://acme.okta.com
//	    tokenEnv: ACME_OKTA_TOKEN      # or token: ..., or OAuth settings
//	  - name: demo
//	    emulate: true
//	    users: 500
type fileConfig struct {
	Orgs []orgConfig `yaml:"orgs"`
}

// orgConfig is one org of a config file.
type orgConfig struct {
	Name              string   `yaml:"name"`
	OrgURL            string   `yaml:"orgUrl"`
	Token             string   `yaml:"token"`
	TokenEnv          string   `yaml:"tokenEnv"`
	AuthorizationMode string   `yaml:"authorizationMode"`
	ClientID          string   `yaml:"clientId"`
	Scopes            []string `yaml:"scopes"`
	PrivateKeyFile    string   `yaml:"privateKeyFile"`
	PrivateKeyID      string   `yaml:"privateKeyId"`
	Emulate           bool     `yaml:"emulate"`
	Users             int      `yaml:"users"`
	Seed              int64    `yaml:"seed"`
}

// readConfigFile reads and checks a config file.
func readConfigFile(path string, getenv func(string) string) (*fileConfig, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--config: %w", err)
	}
	var fc fileConfig
	if err := yaml.Unmarshal(b, &fc); err != nil {
		return nil, fmt.Errorf("--config %s: %w", path, err)
	}
	if len(fc.Orgs) == 0 {
		return nil, fmt.Errorf("--config %s: no orgs listed", path)
	}
	seen := map[string]bool{}
	for i, o := range fc.Orgs {
		switch {
		case o.Name == "":
			return nil, fmt.Errorf("--config %s: org %d has no name", path, i+1)
		case seen[o.Name]:
			return nil, fmt.Errorf("--config %s: org name %q is used twice", path, o.Name)
		case !o.Emulate && o.OrgURL == "":
			return nil, fmt.Errorf("--config %s: org %q has no orgUrl (or emulate: true)", path, o.Name)
		}
		seen[o.Name] = true
		if o.TokenEnv != "" {
			fc.Orgs[i].Token = getenv(o.TokenEnv)
			if fc.Orgs[i].Token == "" {
				return nil, fmt.Errorf("--config %s: org %q: environment variable %s is empty", path, o.Name, o.TokenEnv)
			}
		}
	}
	return &fc, nil
}

// fetcherConfig is the fetcher configuration of a configured org.
func (o orgConfig) fetcherConfig() fetcher.Config {
	return fetcher.Config{
		OrgURL:            o.OrgURL,
		AuthorizationMode: o.AuthorizationMode,
		Token:             o.Token,
		ClientID:          o.ClientID,
		Scopes:            o.Scopes,
		PrivateKeyFile:    o.PrivateKeyFile,
		PrivateKeyID:      o.PrivateKeyID,
	}
}
