package analyzer

import (
	"go/types"
	"slices"
)

// implIndex finds the module's concrete types that implement an interface,
// for call resolution in the manner of class hierarchy analysis restricted
// to the analyzed packages.
type implIndex struct {
	byMethod map[string][]*types.TypeName // method name → concrete types with it
	ifaces   []*types.TypeName
	cache    map[string][]*types.Func // interface type string + method → implementations
}

func newImplIndex(pkgs []*types.Package) *implIndex {
	ix := &implIndex{byMethod: map[string][]*types.TypeName{}, cache: map[string][]*types.Func{}}
	for _, p := range pkgs {
		scope := p.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() {
				continue
			}
			named, ok := tn.Type().(*types.Named)
			if !ok {
				continue
			}
			if types.IsInterface(named) {
				ix.ifaces = append(ix.ifaces, tn)
				continue
			}
			if named.TypeParams().Len() > 0 {
				continue // generic types implement interfaces only once instantiated
			}
			ms := types.NewMethodSet(types.NewPointer(named))
			for i := range ms.Len() {
				ix.byMethod[ms.At(i).Obj().Name()] = append(ix.byMethod[ms.At(i).Obj().Name()], tn)
			}
		}
	}
	return ix
}

// implementations returns the methods a call of method on iface may run.
func (ix *implIndex) implementations(iface types.Type, method string) []*types.Func {
	key := types.TypeString(iface, nil) + "#" + method
	if fns, ok := ix.cache[key]; ok {
		return fns
	}
	it, ok := iface.Underlying().(*types.Interface)
	var out []*types.Func
	if ok {
		var mpkg *types.Package
		for i := range it.NumMethods() {
			if m := it.Method(i); m.Name() == method {
				mpkg = m.Pkg()
			}
		}
		for _, tn := range ix.byMethod[method] {
			t := tn.Type()
			var recv types.Type
			switch {
			case types.Implements(t, it):
				recv = t
			case types.Implements(types.NewPointer(t), it):
				recv = types.NewPointer(t)
			default:
				continue
			}
			sel := types.NewMethodSet(recv).Lookup(mpkg, method)
			if sel == nil {
				continue
			}
			if fn, ok := sel.Obj().(*types.Func); ok && !slices.Contains(out, fn.Origin()) {
				out = append(out, fn.Origin())
			}
		}
	}
	ix.cache[key] = out
	return out
}

// implementsEdges lists (concrete type, interface) pairs within the module.
func (ix *implIndex) implementsEdges() [][2]*types.TypeName {
	var out [][2]*types.TypeName
	for _, itn := range ix.ifaces {
		it := itn.Type().Underlying().(*types.Interface)
		if it.NumMethods() == 0 || itn.Type().(*types.Named).TypeParams().Len() > 0 {
			continue
		}
		seen := map[*types.TypeName]bool{}
		for _, tn := range ix.byMethod[it.Method(0).Name()] {
			if seen[tn] {
				continue
			}
			seen[tn] = true
			if types.Implements(tn.Type(), it) || types.Implements(types.NewPointer(tn.Type()), it) {
				out = append(out, [2]*types.TypeName{tn, itn})
			}
		}
	}
	return out
}
