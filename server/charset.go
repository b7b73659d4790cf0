package server

import (
	"context"
	"fmt"
	"sync"

	"github.com/dolthub/go-mysql-server/sql"
	querypb "github.com/dolthub/vitess/go/vt/proto/query"
)

// applyHandshakeCharset gives a new session the character set its client
// named in the handshake, as SET NAMES would: a latin1 client's reads
// arrive in latin1 and its statements are read as latin1 (clientText).
// UTF-8 clients (the usual case) keep the server's defaults.
func applyHandshakeCharset(sess sql.Session, collation uint8) error {
	cs := sql.CollationID(collation).CharacterSet()
	if utf8Charset(cs) {
		return nil
	}
	ctx := sql.NewContext(context.Background(), sql.WithSession(sess))
	for _, v := range []string{"character_set_client", "character_set_results"} {
		if err := sess.SetSessionVariable(ctx, v, cs.Name()); err != nil {
			return fmt.Errorf("oktasql: the client's character set %s: %w", cs.Name(), err)
		}
	}
	return nil
}

// clientCharset is the session's character_set_client.
func (s *clientSession) clientCharset() sql.CharacterSetID {
	ctx := sql.NewContext(context.Background(), sql.WithSession(s))
	name, err := s.GetSessionVariable(ctx, "character_set_client")
	if err != nil {
		return sql.CharacterSet_Unspecified
	}
	cs, err := sql.ParseCharacterSet(fmt.Sprint(name))
	if err != nil {
		return sql.CharacterSet_Unspecified
	}
	return cs
}

// utf8Charset reports whether statements in cs need no conversion.
func utf8Charset(cs sql.CharacterSetID) bool {
	switch cs {
	case sql.CharacterSet_Unspecified, sql.CharacterSet_utf8mb4, sql.CharacterSet_utf8mb3, sql.CharacterSet_binary:
		return true
	}
	return false
}

// clientText returns a statement of s's client in UTF-8. go-mysql-server
// reads a string literal in collation_connection's character set but
// cannot compare a latin1 literal with a UTF-8 column ("invalid string for
// charset utf8mb4"); so a statement in another character_set_client is
// converted to UTF-8 and read with a UTF-8 connection collation, whatever
// a SET NAMES asked, while results still go out in
// character_set_results.
func (s *clientSession) clientText(query string) string {
	cs := s.clientCharset()
	if utf8Charset(cs) {
		return query
	}
	ctx := sql.NewContext(context.Background(), sql.WithSession(s))
	if conn, err := s.GetSessionVariable(ctx, "character_set_connection"); err == nil {
		if ccs, err := sql.ParseCharacterSet(fmt.Sprint(conn)); err == nil && !utf8Charset(ccs) {
			if s.SetSessionVariable(ctx, "character_set_connection", sql.CharacterSet_utf8mb4.Name()) != nil ||
				s.SetSessionVariable(ctx, "collation_connection", sql.Collation_Default.Name()) != nil {
				return query
			}
		}
	}
	out, ok := cs.Encoder().Decode([]byte(query))
	if !ok {
		return query
	}
	return string(out)
}

// clientSessions are the sessions of the server's connections, by
// connection id, so the handler reads a statement in its session's
// character set.
type clientSessions struct{ m sync.Map }

// add registers the session of connection id.
func (cs *clientSessions) add(id uint32, s *clientSession) { cs.m.Store(id, s) }

// remove forgets connection id.
func (cs *clientSessions) remove(id uint32) { cs.m.Delete(id) }

// get returns the session of connection id.
func (cs *clientSessions) get(id uint32) (sql.Session, bool) {
	s, ok := cs.m.Load(id)
	if !ok {
		return nil, false
	}
	return s.(*clientSession), true
}

// text returns query in UTF-8 as connection id's session reads it.
func (cs *clientSessions) text(id uint32, query string) string {
	if s, ok := cs.m.Load(id); ok {
		return s.(*clientSession).clientText(query)
	}
	return query
}

// back returns the unread rest of a multi-statement query, which vitess
// hands back as the client sent it, in the client's character set again.
func (cs *clientSessions) back(id uint32, rest string) string {
	s, ok := cs.m.Load(id)
	if !ok || rest == "" {
		return rest
	}
	charset := s.(*clientSession).clientCharset()
	if utf8Charset(charset) {
		return rest
	}
	if out, ok := charset.Encoder().Encode([]byte(rest)); ok {
		return string(out)
	}
	return rest
}

// bindVars converts the string parameters of a prepared statement's
// execution from connection id's character set to UTF-8, as clientText
// converts statements. vitess hands every string parameter over as
// VARBINARY; oktasql has no binary columns a parameter could be meant for.
func (cs *clientSessions) bindVars(id uint32, vars map[string]*querypb.BindVariable) {
	s, ok := cs.m.Load(id)
	if !ok {
		return
	}
	charset := s.(*clientSession).clientCharset()
	if utf8Charset(charset) {
		return
	}
	for name, v := range vars {
		if v == nil || v.Type != querypb.Type_VARBINARY {
			continue
		}
		if out, ok := charset.Encoder().Decode(v.Value); ok {
			vars[name] = &querypb.BindVariable{Type: v.Type, Value: out}
		}
	}
}
