// Package sqlgraph is a stand-in for entgo.io/ent/dialect/sql/sqlgraph
// with the spec types and constructors generated code uses.
package sqlgraph

import "context"

// FieldSpec names the id column.
type FieldSpec struct{ Column string }

// NodeSpec names a node's table.
type NodeSpec struct {
	Table   string
	Columns []string
	ID      *FieldSpec
}

// QuerySpec reads nodes.
type QuerySpec struct{ Node *NodeSpec }

// CreateSpec creates a node.
type CreateSpec struct {
	Table string
	ID    *FieldSpec
}

// UpdateSpec updates nodes.
type UpdateSpec struct{ Node *NodeSpec }

// DeleteSpec deletes nodes.
type DeleteSpec struct{ Node *NodeSpec }

// NewQuerySpec returns a QuerySpec.
func NewQuerySpec(table string, columns []string, id *FieldSpec) *QuerySpec { return nil }

// NewDeleteSpec returns a DeleteSpec.
func NewDeleteSpec(table string, id *FieldSpec) *DeleteSpec { return nil }

// QueryNodes runs a query.
func QueryNodes(ctx context.Context, drv any, spec *QuerySpec) error { return nil }

// CreateNode runs a create.
func CreateNode(ctx context.Context, drv any, spec *CreateSpec) error { return nil }

// DeleteNodes runs a delete.
func DeleteNodes(ctx context.Context, drv any, spec *DeleteSpec) (int, error) { return 0, nil }
