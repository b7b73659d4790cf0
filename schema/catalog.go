// Package schema is oktasql's catalog: every table, column, API operation and
// procedure of the Okta management API, as data. The bulk is generated from
// Okta's OpenAPI spec (see schema/openapi) and embedded; a small hand-curated
// layer (table names, pushdown grammar) lives beside it in curated.go.
//
// This package imports the standard library only.
package schema

// Catalog is the whole description of one Okta API release.
type Catalog struct {
	// Release is the spec's version string (info.version).
	Release string `json:"release"`
	// Tables holds one entry per list endpoint plus one-row tables for
	// single-object GETs, sorted by Name.
	Tables []*Table `json:"tables"`
	// Procedures holds one entry per lifecycle/action operation, sorted by Name.
	Procedures []*Procedure `json:"procedures"`
	// Mappings says, for every operationId in the spec, what it maps to.
	Mappings []Mapping `json:"mappings"`
}

// ColumnType is the SQL-facing type of a column.
type ColumnType string

// Column types.
const (
	TypeString   ColumnType = "string"
	TypeBoolean  ColumnType = "boolean"
	TypeInteger  ColumnType = "integer"
	TypeNumber   ColumnType = "number"
	TypeDatetime ColumnType = "datetime"
	TypeJSON     ColumnType = "json"
)

// Pagination is how a list endpoint hands out further pages.
type Pagination string

// Pagination schemes (API-NOTES section 3).
const (
	PaginationNone Pagination = "none" // one response holds everything
	PaginationLink Pagination = "link" // Link: <...>; rel="next" headers
	PaginationBody Pagination = "body" // envelope body _links.next.href
)

// Table is one SQL table backed by a list endpoint (or a single-object GET).
type Table struct {
	Name string `json:"name"`
	// Resource is the item schema name (User, Group, Application...).
	Resource string `json:"resource"`
	// Tag is the spec tag of the list operation.
	Tag string `json:"tag"`
	// List is the operation that reads the table: a list endpoint, or for a
	// one-row table the single-object GET.
	List *Operation `json:"list"`
	// SingleRow is true for one-row tables over a single-object GET.
	SingleRow bool `json:"singleRow,omitempty"`
	// Envelope is the body property holding the items for envelope
	// responses ("keys", "roles"...); empty for a plain JSON array.
	Envelope string `json:"envelope,omitempty"`
	// Pagination is the scheme of List.
	Pagination Pagination `json:"pagination"`
	// PageLimit is the page size limit of List (0 when it takes no limit).
	PageLimit Limit `json:"pageLimit"`
	// Keys are the required path parameters of List, as columns, in path order.
	Keys []KeyColumn `json:"keys,omitempty"`
	// PrimaryKey names the columns that identify a row (keys first, then id).
	PrimaryKey []string `json:"primaryKey,omitempty"`
	// Columns are the table's columns, keys first.
	Columns []*Column `json:"columns"`

	// Write and point operations on the table's items; nil when absent.
	Get     *Operation `json:"get,omitempty"`
	Create  *Operation `json:"create,omitempty"`
	Replace *Operation `json:"replace,omitempty"` // PUT item
	Update  *Operation `json:"update,omitempty"`  // POST/PATCH item (partial)
	Delete  *Operation `json:"delete,omitempty"`
	// ItemParam is the path parameter naming one item in Get/Replace/Update/
	// Delete (e.g. "userId"), bound to ItemColumn.
	ItemParam string `json:"itemParam,omitempty"`
	// ItemColumn is the column whose value fills ItemParam: id, or the
	// item's natural key (an IdP key's kid, a feature's name). It follows
	// the keys in PrimaryKey unless no read returns it.
	ItemColumn string `json:"itemColumn,omitempty"`
	// Procedures lists the names of the procedures acting on one item.
	Procedures []string `json:"procedures,omitempty"`

	// Pushdown is the hand-curated description of what the list endpoint
	// can filter, search, sort and bound server-side; nil when nothing.
	Pushdown *Pushdown `json:"pushdown,omitempty"`

	Release string   `json:"release,omitempty"` // GA, EA, LIMITED_GA, or ""
	Scopes  []string `json:"scopes,omitempty"`
}

// Limit is a page-size parameter's default, minimum and maximum (0 =
// unknown).
type Limit struct {
	Default int `json:"default,omitempty"`
	Min     int `json:"min,omitempty"`
	Max     int `json:"max,omitempty"`
}

// KeyColumn binds a required path parameter of a list endpoint to a column,
// or a required query parameter no pushdown sets (ssf_stream_status needs
// stream_id), and says which table supplies its values (for fan-out over
// the parent).
type KeyColumn struct {
	Column    string `json:"column"`              // group_id
	PathParam string `json:"pathParam,omitempty"` // groupId
	// QueryParam is set instead of PathParam for a query parameter key.
	QueryParam string `json:"queryParam,omitempty"`
	// SourceTable and SourceColumn supply the key's values ("groups", "id");
	// empty when no list endpoint does.
	SourceTable  string `json:"sourceTable,omitempty"`
	SourceColumn string `json:"sourceColumn,omitempty"`
}

// Column is one SQL column.
type Column struct {
	Name string     `json:"name"`
	Type ColumnType `json:"type"`
	// Path is the JSON path of the value in the item, e.g. ["profile","login"].
	// Empty for key columns, which come from the request's path parameters.
	Path []string `json:"path,omitempty"`
	// PathParam is set for key columns: the path parameter the value comes from.
	PathParam string `json:"pathParam,omitempty"`
	// QueryParam is set for a key column bound to a query parameter.
	QueryParam string `json:"queryParam,omitempty"`
	// Hidden columns are selectable but left out of SELECT * (e.g. _links).
	Hidden bool `json:"hidden,omitempty"`
	// ReadOnly columns cannot be written by INSERT/UPDATE: no write of
	// the table takes them.
	ReadOnly bool `json:"readOnly,omitempty"`
	// WriteOnly columns are taken by a write but returned by no read (an
	// email server's password): they read back as NULL.
	WriteOnly bool     `json:"writeOnly,omitempty"`
	Enum      []string `json:"enum,omitempty"`
	Nullable  bool     `json:"nullable,omitempty"`
	// Expand is the value of the read's expand parameter that fills the
	// column (groups' users_count needs expand=stats); the planner asks
	// for it when the column is read.
	Expand string `json:"expand,omitempty"`
	// FromGet says the list leaves the value out and the item's GET
	// returns it (org contacts' user_id): a read of the column GETs each
	// row's item (ItemParam from ItemColumn), one request per row.
	FromGet bool `json:"fromGet,omitempty"`
	// Comment is the spec's description of the value. The generated,
	// embedded catalog carries none; a catalog loaded with --spec does.
	Comment string `json:"comment,omitempty"`
}

// FromCall says the column's value comes from the call (a path or query
// parameter of the request), not from the item.
func (c *Column) FromCall() bool { return c.PathParam != "" || c.QueryParam != "" }

// Operation is one HTTP operation of the spec.
type Operation struct {
	ID     string `json:"id"`     // operationId
	Method string `json:"method"` // GET, POST, PUT, PATCH, DELETE
	Path   string `json:"path"`   // /api/v1/groups/{groupId}/users
	// Tag is the operation's first spec tag (User, Group...): with ID it
	// names the operation's page in Okta's API reference.
	Tag string `json:"tag,omitempty"`
	// Params are the path, query and header parameters, path-level ones merged.
	Params []Param `json:"params,omitempty"`
	// Body is the request body schema name ("" when none; "object" when inline).
	Body         string `json:"body,omitempty"`
	BodyRequired bool   `json:"bodyRequired,omitempty"`
	// MediaType is the body's media type when it is not application/json
	// (application/merge-patch+json).
	MediaType string `json:"mediaType,omitempty"`
	// BodyKind is how the body carries a change: an object (""), a JSON
	// Patch array of operations, or another array.
	BodyKind BodyKind `json:"bodyKind,omitempty"`
	// Properties are the top-level properties an object body takes (those
	// the request does not mark read-only); empty when the body declares
	// none.
	Properties []string `json:"properties,omitempty"`
	// Required are the paths of the values an object body must have: a
	// path is required whenever the object holding it is sent (so a
	// top-level one always; profile.userName once profile is sent).
	Required [][]string `json:"required,omitempty"`
	// WriteOnly are the paths of body values Okta takes but never returns
	// (an event hook's channel.config.authScheme.value): a replace built
	// from a read lacks them.
	WriteOnly [][]string `json:"writeOnly,omitempty"`
	// ReadOnly are the paths of nested body values the request marks
	// read-only (an app's settings.emOptInStatus): a body built from a
	// read leaves them out. Read-only top-level properties are simply not
	// among Properties.
	ReadOnly     [][]string `json:"readOnly,omitempty"`
	SuccessCodes []int      `json:"successCodes,omitempty"`
	Scopes       []string   `json:"scopes,omitempty"`
	Release      string     `json:"release,omitempty"`
	Deprecated   bool       `json:"deprecated,omitempty"`
	// Response is the 2xx response schema name ("" for no body).
	Response string `json:"response,omitempty"`
}

// BodyKind is the form of a request body.
type BodyKind string

// Body kinds.
const (
	BodyObject    BodyKind = ""           // a JSON object
	BodyJSONPatch BodyKind = "json-patch" // an array of JSON Patch operations (RFC 6902)
	BodyArray     BodyKind = "array"      // another JSON array
)

// Param is one operation parameter.
type Param struct {
	Name     string     `json:"name"`
	In       string     `json:"in"` // path, query, header
	Type     ColumnType `json:"type"`
	Required bool       `json:"required,omitempty"`
	Enum     []string   `json:"enum,omitempty"`
	Default  string     `json:"default,omitempty"`
	// Minimum and Maximum are the declared bounds of a numeric parameter
	// (limit: minimum 20 on listApplicationGroupAssignments); nil when none.
	Minimum *int `json:"minimum,omitempty"`
	Maximum *int `json:"maximum,omitempty"`
}

// Procedure is a stored procedure over a lifecycle or action operation.
type Procedure struct {
	Name      string    `json:"name"`  // user_suspend
	Table     string    `json:"table"` // the table of the resource acted on, if any
	Operation Operation `json:"operation"`
	// Args are the procedure's arguments in call order: path parameters,
	// then query parameters, then "body" (JSON) when the operation has one.
	Args []ProcArg `json:"args"`
	// Returns is true when the operation answers with a JSON body.
	Returns bool `json:"returns,omitempty"`
}

// ProcArg is one argument of a procedure.
type ProcArg struct {
	Name     string     `json:"name"` // snake_case: user_id, send_email, body
	Param    string     `json:"param"`
	In       string     `json:"in"` // path, query, body
	Type     ColumnType `json:"type"`
	Required bool       `json:"required,omitempty"`
}

// MappingKind says what an operation is used for.
type MappingKind string

// Mapping kinds: every operation of the spec gets exactly one.
const (
	KindTableRead MappingKind = "table-read"
	KindPointGet  MappingKind = "point-get"
	KindInsert    MappingKind = "insert"
	KindUpdate    MappingKind = "update"
	KindReplace   MappingKind = "replace"
	KindDelete    MappingKind = "delete"
	KindProcedure MappingKind = "procedure"
	KindExcluded  MappingKind = "excluded"
)

// Mapping records what one operationId maps to.
type Mapping struct {
	OperationID string      `json:"operationId"`
	Method      string      `json:"method"`
	Path        string      `json:"path"`
	Kind        MappingKind `json:"kind"`
	// Target is the table or procedure name.
	Target string `json:"target,omitempty"`
	// Reason explains an exclusion.
	Reason string `json:"reason,omitempty"`
}

// Pushdown describes, for one list endpoint, which predicates Okta can
// evaluate server-side. It is hand-curated from API-NOTES sections 2 and 10.
type Pushdown struct {
	Filter *Grammar `json:"filter,omitempty"`
	Search *Grammar `json:"search,omitempty"`
	Q      *QParam  `json:"q,omitempty"`
	// Params are plain query parameters bound to a column with equality
	// (policies: type, status; identity providers: type).
	Params []ParamBinding `json:"params,omitempty"`
	Sort   *Sort          `json:"sort,omitempty"`
	// TimeRange maps bounds on a datetime column to since/until parameters.
	TimeRange *TimeRange `json:"timeRange,omitempty"`
	// PlainListOmits names the rows a list call with no filter/search leaves
	// out (users: status DEPROVISIONED); a full scan must add them back.
	PlainListOmits *Omission `json:"plainListOmits,omitempty"`
	// GetBy is another attribute whose value the item GET takes in place
	// of the id (getUser takes a login).
	GetBy *GetBy `json:"getBy,omitempty"`
}

// GetBy says the item GET also finds an item by Field, for values that
// contain Contains (a login with an @ is never taken for a login's short
// name, which could name another user) and none of the characters of
// Excludes (getUser finds a login with a / by id only).
type GetBy struct {
	Field    string `json:"field"`
	Contains string `json:"contains,omitempty"`
	Excludes string `json:"excludes,omitempty"`
}

// Grammar is what one filter or search parameter accepts.
type Grammar struct {
	Param string `json:"param"` // "filter" or "search"
	// Fields maps an Okta attribute path ("profile.login") to the operators
	// it accepts (eq ne gt ge lt le pr sw co ew).
	Fields map[string][]string `json:"fields,omitempty"`
	// AnyPrefix, when set, admits every attribute under it ("profile.") with
	// AnyOps, in addition to Fields.
	AnyPrefix string   `json:"anyPrefix,omitempty"`
	AnyOps    []string `json:"anyOps,omitempty"`
	// Connectives allowed between terms.
	And bool `json:"and,omitempty"`
	Or  bool `json:"or,omitempty"`
	Not bool `json:"not,omitempty"`
	// MaxTerms bounds the number of comparisons (apps filter: 1); 0 = no bound.
	MaxTerms int `json:"maxTerms,omitempty"`
	// CaseInsensitive is true when string values match regardless of case.
	CaseInsensitive bool `json:"caseInsensitive,omitempty"`
	// OmitsNothing is true when results include rows the plain list omits
	// (users filter/search include DEPROVISIONED).
	IncludesOmitted bool `json:"includesOmitted,omitempty"`
	// Required is true when the endpoint refuses a call without this
	// parameter (principal rate limits: filter on principalType).
	Required bool `json:"required,omitempty"`
	// Keyword is true for a search parameter that takes a plain keyword,
	// not an expression (group rules).
	Keyword bool `json:"keyword,omitempty"`
}

// QParam describes the q parameter: a prefix or keyword match on some fields.
type QParam struct {
	Fields   []string `json:"fields"`             // attribute paths matched
	Pageable bool     `json:"pageable,omitempty"` // false: one page only
	MaxRows  int      `json:"maxRows,omitempty"`  // cap of an unpaged q
	Keywords bool     `json:"keywords,omitempty"` // System Log: all keywords must match
	// Exact is true where the docs say only that q finds "matching
	// values", no prefix: q is sent for an equality, never for a prefix.
	Exact bool `json:"exact,omitempty"`
}

// ParamBinding binds a query parameter to equality on an attribute.
type ParamBinding struct {
	Param    string `json:"param"` // type
	Field    string `json:"field"` // attribute path: "type"
	Required bool   `json:"required,omitempty"`
}

// Sort describes server-side ordering.
type Sort struct {
	ByParam    string   `json:"byParam,omitempty"`    // sortBy ("" when the order is fixed)
	OrderParam string   `json:"orderParam,omitempty"` // sortOrder
	Asc        string   `json:"asc,omitempty"`        // "asc" / "ASCENDING"
	Desc       string   `json:"desc,omitempty"`
	Fields     []string `json:"fields,omitempty"`   // sortable attribute paths; empty with AnyField
	AnyField   bool     `json:"anyField,omitempty"` // any single attribute
	// RequiresSearch is true when sorting applies only with a search parameter.
	RequiresSearch bool `json:"requiresSearch,omitempty"`
	// CaseInsensitive is true when string ordering ignores case (differs from SQL's binary collation).
	CaseInsensitive bool `json:"caseInsensitive,omitempty"`
}

// TimeRange maps a datetime attribute's bounds to request parameters.
type TimeRange struct {
	Field string `json:"field"` // published
	Since string `json:"since"` // since
	Until string `json:"until"` // until
}

// Omission describes rows a plain list call leaves out.
type Omission struct {
	Field  string   `json:"field"`  // status
	Values []string `json:"values"` // DEPROVISIONED
}

// ColumnTypeOf maps a JSON Schema type and format to a column type:
// strings (date-time ones as datetime), booleans, integers and numbers
// are scalars; everything else is JSON.
func ColumnTypeOf(jsonType, format string) ColumnType {
	switch jsonType {
	case "string":
		if format == "date-time" {
			return TypeDatetime
		}
		return TypeString
	case "boolean":
		return TypeBoolean
	case "integer":
		return TypeInteger
	case "number":
		return TypeNumber
	}
	return TypeJSON
}
