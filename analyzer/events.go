package analyzer

import (
	"go/ast"
	"slices"
)

// eventsRecognizer reads publish and subscribe calls: a function or method
// named in the events lists of ficus.yaml, outside the standard library,
// with a constant string topic argument, or a message literal carrying
// its topic:
//
//	bus.Publish(ctx, "order.created", payload)       // publishes event:order.created
//	bus.Subscribe("order.created", s.onOrderCreated)  // onOrderCreated subscribes
//	bus.Publish(Message{Topic: "order.paid"})
//
// The publisher is the enclosing declaration; the subscriber is the
// handler passed after the topic (or the enclosing declaration when the
// handler is a literal or unknown). Generated code is skipped: its
// method names say nothing about business events.
func eventsRecognizer() recognizer {
	return &declared[eventFacts]{
		Name: "events",
		Doc:  "publish and subscribe calls named in ficus.yaml (events.publish, events.subscribe) with a constant topic",
		Run: func(p *pass, f *eventFacts) hooks {
			return hooks{call: func(call *ast.CallExpr, c callee) { f.call(p, call, c) }}
		},
		Resolve: func(r *resolution, all []*eventFacts) {
			for _, f := range all {
				for _, u := range f.uses {
					id := "event:" + u.topic
					r.node(Node{ID: id, Kind: KindEvent, Name: u.topic})
					r.edge(u.from, id, u.kind, 1)
				}
			}
		},
	}
}

// eventFacts are the event uses of one package.
type eventFacts struct{ uses []eventUse }

// eventUse is one publish (from publishes the topic) or subscription
// (from handles it).
type eventUse struct {
	topic, from string
	kind        EdgeKind
}

func (f *eventFacts) call(p *pass, call *ast.CallExpr, c callee) {
	if p.generated() {
		return
	}
	cfg := p.config()
	pub := slices.Contains(cfg.Events.Publish, c.name)
	sub := slices.Contains(cfg.Events.Subscribe, c.name)
	if !pub && !sub || isStd(c.pkg) {
		return
	}
	topicArg, topic := -1, ""
	for i, a := range call.Args {
		if s, ok := p.constString(a); ok && s != "" {
			topicArg, topic = i, s
			break
		}
	}
	if topicArg < 0 {
		// A message value carrying its topic: Publish(Message{Name: "x"}).
		for i, a := range call.Args {
			if s, ok := topicField(p, a); ok {
				topicArg, topic = i, s
				break
			}
		}
	}
	if topicArg < 0 {
		return
	}
	if pub {
		f.uses = append(f.uses, eventUse{topic: topic, from: p.owner(), kind: EdgePublishes})
		return
	}
	var handlers []string
	for _, a := range call.Args[topicArg+1:] {
		handlers = append(handlers, p.funcValues(a)...)
	}
	if len(handlers) == 0 {
		handlers = []string{p.owner()}
	}
	for _, h := range handlers {
		f.uses = append(f.uses, eventUse{topic: topic, from: h, kind: EdgeSubscribes})
	}
}

// topicField reads the topic of a message literal: a constant string in a
// field named Topic, Name, Subject, Event, EventName, Type or Kind.
func topicField(p *pass, e ast.Expr) (string, bool) {
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
			if s, ok := p.constString(kv.Value); ok && s != "" {
				return s, true
			}
		}
	}
	return "", false
}
