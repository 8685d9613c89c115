package analyzer

import (
	"go/ast"
	"slices"
)

// eventCall finds publish and subscribe calls: a function or method named
// in the events lists of ficus.yaml, outside the standard library, with a
// constant string topic argument. The publisher is the enclosing
// declaration; the subscriber is the handler passed after the topic (or the
// enclosing declaration when the handler is a literal or unknown).
func (x *extractor) eventCall(call *ast.CallExpr, c callee) {
	pub := slices.Contains(x.cfg.Events.Publish, c.name)
	sub := slices.Contains(x.cfg.Events.Subscribe, c.name)
	if !pub && !sub || isStd(c.pkg) {
		return
	}
	topicArg := -1
	var topics []string
	for i, a := range call.Args {
		if s, ok := x.constString(a); ok && s != "" {
			topicArg, topics = i, []string{s}
			break
		}
	}
	if topicArg < 0 {
		// A message value carrying its topic: Publish(Message{Name: "x"}).
		for i, a := range call.Args {
			if s, ok := x.topicField(a); ok {
				topicArg, topics = i, []string{s}
				break
			}
		}
	}
	if topicArg < 0 {
		return
	}
	for _, topic := range topics {
		id := "event:" + topic
		x.f.nodes = append(x.f.nodes, Node{ID: id, Kind: KindEvent, Name: topic})
		if pub {
			x.f.edge(x.owner, id, EdgePublishes)
			continue
		}
		var handlers []string
		for _, a := range call.Args[topicArg+1:] {
			handlers = append(handlers, x.funcValues(a)...)
		}
		if len(handlers) == 0 {
			handlers = []string{x.owner}
		}
		for _, h := range handlers {
			x.f.edge(h, id, EdgeSubscribes)
		}
	}
}

// topicField reads the topic of a message literal: a constant string in a
// field named Topic, Name, Subject, Event, EventName, Type or Kind.
func (x *extractor) topicField(e ast.Expr) (string, bool) {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok {
		e = ast.Unparen(u.X)
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return "", false
	}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		switch key.Name {
		case "Topic", "Name", "Subject", "Event", "EventName", "Type", "Kind":
			if s, ok := x.constString(kv.Value); ok && s != "" {
				return s, true
			}
		}
	}
	return "", false
}
