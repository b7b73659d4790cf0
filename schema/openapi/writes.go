package openapi

import (
	"strconv"
	"strings"

	"github.com/oktasql/oktasql/schema"
)

// maxColumnDepth is how deep required body paths are followed: as deep
// as columns flatten an item.
const maxColumnDepth = 3

// bindItemColumn names the column whose value fills t's item path
// parameter and makes t's primary key the keys then that column. When no
// read returns the value (a linked object's {primaryUserId}), the column
// is added, write-only, and the primary key stays as it was.
func bindItemColumn(t *schema.Table) {
	if t.ItemParam == "" || t.SingleRow {
		return
	}
	if name := itemColumnName(t); name != "" {
		t.ItemColumn = name
		t.PrimaryKey = nil
		for _, k := range t.Keys {
			t.PrimaryKey = append(t.PrimaryKey, k.Column)
		}
		t.PrimaryKey = append(t.PrimaryKey, name)
		return
	}
	c := &schema.Column{Name: snake(t.ItemParam), Type: schema.TypeString, Path: []string{t.ItemParam}, WriteOnly: true}
	t.Columns = append(t.Columns, c)
	t.ItemColumn = c.Name
}

// itemColumnName finds the item column among t's read columns: the
// curated one, the parameter's own name (kid, contact_type), then by its
// suffix id (userId, roleIdOrLabel), name (featureName) or type
// (methodType), then the value of a list of plain values.
func itemColumnName(t *schema.Table) string {
	p := t.ItemParam
	candidates := []string{schema.CuratedItemColumn(t.Name), snake(p)}
	switch {
	case strings.Contains(p, "Id") || strings.HasSuffix(p, "id"):
		candidates = append(candidates, "id")
	case strings.HasSuffix(p, "Name"):
		candidates = append(candidates, "name")
	case strings.HasSuffix(p, "Type"):
		candidates = append(candidates, "type")
	}
	candidates = append(candidates, "value")
	for _, name := range candidates {
		if c := t.Column(name); name != "" && c != nil && !c.FromCall() {
			return name
		}
	}
	return ""
}

// addWriteColumns makes t's columns the union of what its reads return
// and what its writes take: a body property no read returns becomes a
// write-only column (with its object's scalar properties flattened, as a
// read's are), and a read-only column a write takes becomes writable.
func (b *builder) addWriteColumns(t *schema.Table) {
	for _, w := range []*schema.Operation{t.Create, t.Replace, t.Update} {
		o := b.opByID(w)
		if o == nil || o.body == nil || o.body.kind != "object" {
			continue
		}
		for _, name := range sortedKeys(o.body.props) {
			p := o.body.props[name]
			if p.readOnly || hiddenProps[name] {
				continue
			}
			b.takeColumn(t, []string{name}, p)
			if p.kind != "object" {
				continue
			}
			for _, sub := range sortedKeys(p.props) {
				if sp := p.props[sub]; isScalar(sp) && !sp.readOnly {
					b.takeColumn(t, []string{name, sub}, sp)
				}
			}
		}
	}
}

// takeColumn makes the column at path writable, adding it write-only
// when no read returns it.
func (b *builder) takeColumn(t *schema.Table, path []string, sh *shape) {
	if c := t.ColumnAt(path...); c != nil {
		if !c.FromCall() {
			c.ReadOnly = false
		}
		return
	}
	c := column(path, sh, false)
	c.ReadOnly, c.WriteOnly = false, true
	base := c.Name
	for i := 2; t.Column(c.Name) != nil; i++ {
		c.Name = base + "_" + strconv.Itoa(i)
	}
	t.Columns = append(t.Columns, c)
}

// opByID returns the spec operation behind a catalog operation.
func (b *builder) opByID(w *schema.Operation) *op {
	if w == nil {
		return nil
	}
	for _, o := range b.ops {
		if o.ID == w.ID {
			return o
		}
	}
	return nil
}

// addGetColumns marks the columns of the curated values only t's item
// GET returns (org contacts' userId) as read from it, adding the column
// from the GET's answer when neither the list nor a write has it.
func (b *builder) addGetColumns(t *schema.Table) {
	get := b.opByID(t.Get)
	if get == nil {
		return
	}
	for _, path := range schema.CuratedGetColumns(t.Name) {
		c := t.ColumnAt(path...)
		if c == nil {
			sh := get.resp
			for _, key := range path {
				if sh != nil {
					sh = sh.props[key]
				}
			}
			if sh == nil {
				continue
			}
			c = column(path, sh, false)
			t.Columns = append(t.Columns, c)
		}
		c.WriteOnly, c.FromGet = false, true
	}
}
