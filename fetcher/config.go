package fetcher

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// Config says which org to reach and how to authenticate, as the Okta
// SDKs do.
type Config struct {
	OrgURL            string
	AuthorizationMode string // SSWS (default) or PrivateKey
	Token             string
	ClientID          string
	Scopes            []string
	PrivateKey        string // PEM
	PrivateKeyFile    string
	PrivateKeyID      string
}

// LoadConfig merges the SDKs' configuration sources, later winning:
// ~/.okta/okta.yaml, then the OKTA_CLIENT_* environment variables, then
// flags. It returns ErrNoOrg when no org URL is configured anywhere.
func LoadConfig(flags Config, getenv func(string) string, home string) (Config, error) {
	var cfg Config
	if home != "" {
		if err := readOktaYAML(filepath.Join(home, ".okta", "okta.yaml"), &cfg); err != nil {
			return cfg, err
		}
	}
	env := Config{
		OrgURL:            getenv("OKTA_CLIENT_ORGURL"),
		AuthorizationMode: getenv("OKTA_CLIENT_AUTHORIZATIONMODE"),
		Token:             getenv("OKTA_CLIENT_TOKEN"),
		ClientID:          getenv("OKTA_CLIENT_CLIENTID"),
		PrivateKeyID:      getenv("OKTA_CLIENT_PRIVATEKEYID"),
	}
	if s := getenv("OKTA_CLIENT_SCOPES"); s != "" {
		env.Scopes = strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' })
	}
	if pk := getenv("OKTA_CLIENT_PRIVATEKEY"); strings.Contains(pk, "-----BEGIN") {
		env.PrivateKey = pk
	} else if pk != "" {
		env.PrivateKeyFile = pk
	}
	overlay(&cfg, env)
	overlay(&cfg, flags)
	if cfg.OrgURL == "" {
		return cfg, ErrNoOrg
	}
	return cfg, nil
}

// overlay copies the set fields of src over dst.
func overlay(dst *Config, src Config) {
	set := func(d *string, s string) {
		if s != "" {
			*d = s
		}
	}
	set(&dst.OrgURL, src.OrgURL)
	set(&dst.AuthorizationMode, src.AuthorizationMode)
	set(&dst.Token, src.Token)
	set(&dst.ClientID, src.ClientID)
	set(&dst.PrivateKey, src.PrivateKey)
	set(&dst.PrivateKeyFile, src.PrivateKeyFile)
	set(&dst.PrivateKeyID, src.PrivateKeyID)
	if len(src.Scopes) > 0 {
		dst.Scopes = src.Scopes
	}
}

func readOktaYAML(path string, cfg *Config) error {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	var doc struct {
		Okta struct {
			Client struct {
				OrgURL            string   `yaml:"orgUrl"`
				Token             string   `yaml:"token"`
				AuthorizationMode string   `yaml:"authorizationMode"`
				ClientID          string   `yaml:"clientId"`
				Scopes            []string `yaml:"scopes"`
				PrivateKey        string   `yaml:"privateKey"`
				PrivateKeyID      string   `yaml:"privateKeyId"`
			} `yaml:"client"`
		} `yaml:"okta"`
	}
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	c := doc.Okta.Client
	overlay(cfg, Config{OrgURL: c.OrgURL, Token: c.Token, AuthorizationMode: c.AuthorizationMode, ClientID: c.ClientID, Scopes: c.Scopes, PrivateKeyID: c.PrivateKeyID})
	if strings.Contains(c.PrivateKey, "-----BEGIN") {
		cfg.PrivateKey = c.PrivateKey
	} else if c.PrivateKey != "" {
		cfg.PrivateKeyFile = c.PrivateKey
	}
	return nil
}

// Options turns the configuration into client options.
func (c Config) Options() ([]Option, error) {
	switch strings.ToLower(c.AuthorizationMode) {
	case "", "ssws":
		if c.Token == "" {
			return nil, fmt.Errorf("okta: org %s: no API token (OKTA_CLIENT_TOKEN or --token)", c.OrgURL)
		}
		return []Option{WithToken(c.Token)}, nil
	case "privatekey":
		pemData := []byte(c.PrivateKey)
		if len(pemData) == 0 && c.PrivateKeyFile != "" {
			b, err := os.ReadFile(c.PrivateKeyFile)
			if err != nil {
				return nil, fmt.Errorf("okta: reading the private key: %w", err)
			}
			pemData = b
		}
		if c.ClientID == "" || len(pemData) == 0 {
			return nil, fmt.Errorf("okta: org %s: PrivateKey mode needs a client id and a private key", c.OrgURL)
		}
		key, err := ParsePrivateKey(pemData)
		if err != nil {
			return nil, err
		}
		return []Option{WithOAuth(OAuth{ClientID: c.ClientID, Scopes: c.Scopes, PrivateKey: key, KeyID: c.PrivateKeyID})}, nil
	}
	return nil, fmt.Errorf("okta: authorization mode %q: want SSWS or PrivateKey", c.AuthorizationMode)
}
