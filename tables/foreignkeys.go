package tables

import (
	"errors"

	"github.com/dolthub/go-mysql-server/sql"
)

var _ sql.ForeignKeyTable = keyedTable{}

// errForeignKeysFixed refuses foreign key DDL: the keys are Okta's own.
var errForeignKeysFixed = errors.New("oktasql: the foreign keys are the API's parent keys and cannot be changed")

// GetDeclaredForeignKeys declares each key column that a parent table
// supplies (group_members.group_id -> groups.id) as a foreign key, so
// information_schema, JDBC's getImportedKeys and ORMs see the relations.
// They are information: Okta keeps them itself, and oktasql leaves
// foreign_key_checks off (the server's registerSessionVars) so writes
// make no checking calls.
func (k keyedTable) GetDeclaredForeignKeys(*sql.Context) ([]sql.ForeignKeyConstraint, error) {
	var fks []sql.ForeignKeyConstraint
	for _, key := range k.def.Keys {
		if key.SourceTable == "" || key.SourceColumn == "" || k.db.org.Catalog.Table(key.SourceTable) == nil {
			continue
		}
		fks = append(fks, sql.ForeignKeyConstraint{
			Name:           "fk_" + k.def.Name + "_" + key.Column,
			Database:       k.db.Name(),
			Table:          k.def.Name,
			Columns:        []string{key.Column},
			ParentDatabase: k.db.Name(),
			ParentTable:    key.SourceTable,
			ParentColumns:  []string{key.SourceColumn},
			OnUpdate:       sql.ForeignKeyReferentialAction_DefaultAction,
			OnDelete:       sql.ForeignKeyReferentialAction_DefaultAction,
			IsResolved:     true,
		})
	}
	return fks, nil
}

// GetReferencedForeignKeys returns none: a parent's deletes are not
// checked against its children (Okta removes memberships with a group).
func (k keyedTable) GetReferencedForeignKeys(*sql.Context) ([]sql.ForeignKeyConstraint, error) {
	return nil, nil
}

// CreateIndexForForeignKey is refused (see errForeignKeysFixed).
func (k keyedTable) CreateIndexForForeignKey(*sql.Context, sql.IndexDef) error {
	return errForeignKeysFixed
}

// AddForeignKey is refused (see errForeignKeysFixed).
func (k keyedTable) AddForeignKey(*sql.Context, sql.ForeignKeyConstraint) error {
	return errForeignKeysFixed
}

// DropForeignKey is refused (see errForeignKeysFixed).
func (k keyedTable) DropForeignKey(*sql.Context, string) error { return errForeignKeysFixed }

// UpdateForeignKey is refused (see errForeignKeysFixed).
func (k keyedTable) UpdateForeignKey(*sql.Context, string, sql.ForeignKeyConstraint) error {
	return errForeignKeysFixed
}

// GetForeignKeyEditor returns nil: with no referenced keys go-mysql-server
// never edits a child through a parent's keys.
func (k keyedTable) GetForeignKeyEditor(*sql.Context) sql.ForeignKeyEditor { return nil }
