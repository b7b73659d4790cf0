package server

import (
	"slices"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/go-mysql-server/sql/types"

	"github.com/oktasql/oktasql/tables"
)

// Rule ids of oktasql's analyzer rules, among go-mysql-server's.
const (
	orderRuleID       analyzer.RuleId = 9001
	limitRuleID       analyzer.RuleId = 9002
	safeUpdatesRuleID analyzer.RuleId = 9003
	prefetchRuleID    analyzer.RuleId = 9004
	escapeLikeRuleID  analyzer.RuleId = 9005
	projectionRuleID  analyzer.RuleId = 9006
	existsRuleID      analyzer.RuleId = 9007
	earlyRuleID       analyzer.RuleId = 9008
	hideKeysRuleID    analyzer.RuleId = 9009
	showKeysRuleID    analyzer.RuleId = 9010
	nullSafeRuleID    analyzer.RuleId = 9011
	datetimesRuleID   analyzer.RuleId = 9012
)

func init() {
	// replaceIdxSort drops an ORDER BY over an index's columns, trusting
	// the index to return its rows in order; an ascending lookup is
	// trusted even when the index says it has no order. No oktasql index
	// orders rows (Okta lists in its own order), so the rule goes: a sort
	// is only ever dropped by tables.PushOrder, for an order the API gives.
	// simplifyFilters rewrites LIKE 'abc%' into a range and LIKE 'abc' into
	// =, reading a backslash escape as a plain character: LIKE '\_%'
	// would become a range from '\_'. It leaves a LIKE with an explicit
	// ESCAPE alone, so escapeLikes gives one first to patterns with a
	// backslash.
	analyzer.OnceBeforeDefault = insertRule(analyzer.OnceBeforeDefault, "simplifyFilters", 0, analyzer.Rule{Id: escapeLikeRuleID, Apply: escapeLikes})
	analyzer.OnceAfterDefault = slices.DeleteFunc(analyzer.OnceAfterDefault, func(r analyzer.Rule) bool {
		return r.Id.String() == "replaceIdxSort"
	})
	analyzer.OnceBeforeDefault = insertRule(analyzer.OnceBeforeDefault, "simplifyFilters", 0, analyzer.Rule{Id: nullSafeRuleID, Apply: collatedNullSafe})
	// raiseEarly goes first once names are resolved, after the datetimes
	// it checks are written as go-mysql-server reads them.
	analyzer.OnceBeforeDefault = slices.Insert(analyzer.OnceBeforeDefault, 0,
		analyzer.Rule{Id: datetimesRuleID, Apply: delimitDatetimes},
		analyzer.Rule{Id: earlyRuleID, Apply: raiseEarly})
	// dropShadowedProjections goes after subqueries take their lookups
	// from the outer row.
	analyzer.OnceAfterDefault = insertRule(analyzer.OnceAfterDefault, "applyIndexesFromOuterScope", 1, analyzer.Rule{Id: projectionRuleID, Apply: dropShadowedProjections})
	// Equalities that compare a string otherwise than as strings are
	// hidden from the rules that choose indexes and join keys, from
	// pushFilters to applyIndexesFromOuterScope.
	analyzer.OnceAfterDefault = insertRule(analyzer.OnceAfterDefault, "pushFilters", 0, analyzer.Rule{Id: hideKeysRuleID, Apply: hideMixedKeys})
	analyzer.OnceAfterDefault = insertRule(analyzer.OnceAfterDefault, "applyIndexesFromOuterScope", 1, analyzer.Rule{Id: showKeysRuleID, Apply: showMixedKeys})
	// Join planning may lose a join condition (keepJoinConditions checks)
	// and a table's alias (keepAliases restores it).
	if j := slices.IndexFunc(analyzer.OnceAfterDefault, func(r analyzer.Rule) bool { return r.Id.String() == "optimizeJoins" }); j >= 0 {
		analyzer.OnceAfterDefault[j].Apply = keepAliases(keepJoinConditions(analyzer.OnceAfterDefault[j].Apply))
	}
	// OnceAfterAll runs after join planning and index selection, also for
	// single-table UPDATE and DELETE, which skip the other batches. ORDER
	// BY goes first: removing a sort lets the LIMIT reach the table.
	analyzer.OnceAfterAll = append(analyzer.OnceAfterAll,
		analyzer.Rule{Id: orderRuleID, Apply: tables.PushOrder},
		analyzer.Rule{Id: limitRuleID, Apply: tables.PushLimit},
		analyzer.Rule{Id: existsRuleID, Apply: tables.PushExistsLimit},
		analyzer.Rule{Id: safeUpdatesRuleID, Apply: tables.CheckSafeUpdates},
		analyzer.Rule{Id: prefetchRuleID, Apply: tables.PrefetchJoins},
	)
}

// insertRule inserts r into batch before the rule named at (offset 0) or
// after it (offset 1); first when there is no such rule.
func insertRule(batch []analyzer.Rule, at string, offset int, r analyzer.Rule) []analyzer.Rule {
	i := slices.IndexFunc(batch, func(r analyzer.Rule) bool { return r.Id.String() == at })
	if i < 0 {
		return slices.Insert(batch, 0, r)
	}
	return slices.Insert(batch, i+offset, r)
}

// escapeLikes gives every LIKE whose literal pattern holds a backslash the
// explicit ESCAPE '\\' it has by default, which go-mysql-server's
// simplification then leaves alone (see init).
func escapeLikes(_ *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	return transform.NodeExprs(n, func(e sql.Expression) (sql.Expression, transform.TreeIdentity, error) {
		l, ok := e.(*expression.Like)
		if !ok || l.Escape != nil {
			return e, transform.SameTree, nil
		}
		lit, ok := l.Right().(*expression.Literal)
		if !ok {
			return e, transform.SameTree, nil
		}
		if p, ok := lit.Value().(string); !ok || !strings.Contains(p, `\`) {
			return e, transform.SameTree, nil
		}
		return expression.NewLike(l.Left(), l.Right(), expression.NewLiteral(`\`, types.LongText)), transform.NewTree, nil
	})
}
