package schema

// Table returns the table named name, or nil.
func (c *Catalog) Table(name string) *Table {
	for _, t := range c.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// Operation returns the operation of a table or procedure whose
// operationId is id, or nil.
func (c *Catalog) Operation(id string) *Operation {
	for _, t := range c.Tables {
		for _, op := range []*Operation{t.List, t.Get, t.Create, t.Update, t.Replace, t.Delete} {
			if op != nil && op.ID == id {
				return op
			}
		}
	}
	for _, p := range c.Procedures {
		if p.Operation.ID == id {
			return &p.Operation
		}
	}
	return nil
}

// Procedure returns the procedure named name, or nil.
func (c *Catalog) Procedure(name string) *Procedure {
	for _, p := range c.Procedures {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// Mapping returns the mapping of the operation with operationId id, or nil.
func (c *Catalog) Mapping(id string) *Mapping {
	for i := range c.Mappings {
		if c.Mappings[i].OperationID == id {
			return &c.Mappings[i]
		}
	}
	return nil
}

// QueryParam returns the operation's query parameter named name, or nil.
func (o *Operation) QueryParam(name string) *Param {
	for i, p := range o.Params {
		if p.In == "query" && p.Name == name {
			return &o.Params[i]
		}
	}
	return nil
}

// Column returns the column named name, or nil.
func (t *Table) Column(name string) *Column {
	if i := t.ColumnIndex(name); i >= 0 {
		return t.Columns[i]
	}
	return nil
}

// ColumnIndex returns the position of the column named name in Columns,
// or -1.
func (t *Table) ColumnIndex(name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// ColumnAt returns the column whose JSON path is path ("profile.login" as
// []string{"profile", "login"}), or nil.
func (t *Table) ColumnAt(path ...string) *Column {
	for _, c := range t.Columns {
		if len(c.Path) != len(path) {
			continue
		}
		same := true
		for i := range path {
			same = same && c.Path[i] == path[i]
		}
		if same {
			return c
		}
	}
	return nil
}

// Key returns the key column named name, or nil.
func (t *Table) Key(name string) *KeyColumn {
	for i := range t.Keys {
		if t.Keys[i].Column == name {
			return &t.Keys[i]
		}
	}
	return nil
}
