package server

import (
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/analyzer"
	"github.com/dolthub/go-mysql-server/sql/expression"
	"github.com/dolthub/go-mysql-server/sql/expression/function/aggregation"
	"github.com/dolthub/go-mysql-server/sql/plan"
	"github.com/dolthub/go-mysql-server/sql/transform"
	"github.com/dolthub/go-mysql-server/sql/types"
)

// decimalSumsRuleID is the rule that gives exact sums their DECIMAL type.
const decimalSumsRuleID analyzer.RuleId = 9011

func init() {
	analyzer.OnceBeforeDefault = append(analyzer.OnceBeforeDefault, analyzer.Rule{Id: decimalSumsRuleID, Apply: decimalSums})
}

// Precision and scales of the DECIMAL results: MySQL's widest precision,
// and AVG's four more digits of scale than its argument.
const (
	sumPrecision   = 65
	avgExtraDigits = 4
	maxScale       = 30
)

// decimalSums makes SUM and AVG of integer and DECIMAL arguments DECIMAL,
// as MySQL's are: go-mysql-server sums them as DOUBLE, so BI tools see a
// float column and large sums lose digits. The argument is converted to
// DECIMAL (go-mysql-server then sums exactly) and every reference to the
// aggregate's result gets the DECIMAL type.
func decimalSums(_ *sql.Context, _ *analyzer.Analyzer, n sql.Node, _ *plan.Scope, _ analyzer.RuleSelector, _ *sql.QueryFlags) (sql.Node, transform.TreeIdentity, error) {
	retyped := map[sql.ColumnId]sql.Type{}
	n, same, err := transform.Node(n, func(n sql.Node) (sql.Node, transform.TreeIdentity, error) {
		gb, ok := n.(*plan.GroupBy)
		if !ok {
			return n, transform.SameTree, nil
		}
		selected := make([]sql.Expression, len(gb.SelectedExprs))
		changed := false
		for i, e := range gb.SelectedExprs {
			selected[i] = e
			agg, ok := e.(sql.Aggregation)
			if !ok {
				continue
			}
			var extra uint8
			switch agg.(type) {
			case *aggregation.Sum:
			case *aggregation.Avg:
				extra = avgExtraDigits
			default:
				continue
			}
			arg := agg.Children()[0]
			var scale uint8
			switch t := arg.Type().(type) {
			case sql.DecimalType:
				scale = t.Scale()
			default:
				if !types.IsInteger(t) {
					continue
				}
			}
			result := min(scale+extra, maxScale)
			conv := expression.NewConvertWithLengthAndScale(arg, expression.ConvertToDecimal, sumPrecision, int(scale))
			ne, err := agg.WithChildren(conv)
			if err != nil {
				return nil, transform.SameTree, err
			}
			selected[i] = ne
			retyped[agg.Id()] = types.MustCreateDecimalType(sumPrecision, result)
			changed = true
		}
		if !changed {
			return n, transform.SameTree, nil
		}
		return plan.NewGroupBy(selected, gb.GroupByExprs, gb.Child), transform.NewTree, nil
	})
	if err != nil || same {
		return n, same, err
	}
	return transform.NodeExprs(n, func(e sql.Expression) (sql.Expression, transform.TreeIdentity, error) {
		gf, ok := e.(*expression.GetField)
		if !ok {
			return e, transform.SameTree, nil
		}
		t, ok := retyped[gf.Id()]
		if !ok || !types.IsFloat(gf.Type()) {
			return e, transform.SameTree, nil
		}
		return expression.NewGetFieldWithTable(gf.Index(), int(gf.TableId()), t, gf.Database(), gf.Table(), gf.Name(), gf.IsNullable()).WithId(gf.Id()).(sql.Expression), transform.NewTree, nil
	})
}
