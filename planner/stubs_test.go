package planner

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestStubsToServer: generated stubs the kernel took go to the one
// service that serves them (implements their server interface, embeds
// their Unimplemented type, or else registers their server), whoever
// else uses them, a proto at a time where the package holds several
// services' protos; stubs no service or two services serve, and stubs
// the user put in the kernel, stay.
func TestStubsToServer(t *testing.T) {
	stubs := []string{"type PayServer paypb/pay_grpc.pb.go", "func RegisterPayServer paypb/pay_grpc.pb.go",
		"type UnimplementedPayServer paypb/pay_grpc.pb.go", "type ChargeRequest paypb/pay.pb.go",
		"func NewPayClient pkg/client/pay.go", "type payGRPC grpc/pay.go", "type helper paypb/doc.go",
		"type PayClient paypb/pay_grpc.pb.go", "type OrderServer paypb/order_grpc.pb.go", "type OrderRequest paypb/order.pb.go",
		"type orderGRPC grpc/order.go"}
	clientEdges := []string{"NewPayClient references ChargeRequest"}
	for _, tc := range []struct {
		name   string
		edges  []string
		forced []string
		server map[string]int32 // the services of serving code
		want   map[string]int32
	}{{
		name: "a server that implements the stubs' interface takes them", edges: append(slices.Clone(clientEdges), "payGRPC implements PayServer"),
		server: map[string]int32{"payGRPC": 2},
		want:   map[string]int32{"PayServer": 2, "ChargeRequest": 2, "RegisterPayServer": 2, "NewPayClient": labelKernel, "helper": labelKernel},
	}, {
		name: "the code that registers the server takes them", edges: append(slices.Clone(clientEdges), "SavePayment calls RegisterPayServer"),
		want: map[string]int32{"PayServer": 2, "ChargeRequest": 2},
	}, {
		name: "embedding the Unimplemented type serves them", edges: []string{"payGRPC embeds UnimplementedPayServer"},
		server: map[string]int32{"payGRPC": 1},
		want:   map[string]int32{"PayServer": 1, "UnimplementedPayServer": 1},
	}, {
		name: "a hand-written server in the stubs' package serves them", edges: []string{"helper implements PayServer"},
		server: map[string]int32{"helper": 0},
		want:   map[string]int32{"PayServer": 0, "ChargeRequest": 0},
	}, {
		name: "stubs two services serve stay", edges: []string{"payGRPC implements PayServer", "helper implements PayServer"},
		server: map[string]int32{"payGRPC": 2, "helper": 0},
		want:   map[string]int32{"PayServer": labelKernel, "ChargeRequest": labelKernel},
	}, {
		name: "the implementer serves, not the code that registers it", edges: []string{"payGRPC implements PayServer", "SaveOrder calls RegisterPayServer"},
		server: map[string]int32{"payGRPC": 2},
		want:   map[string]int32{"PayServer": 2, "ChargeRequest": 2},
	}, {
		name: "a client wrapper serves nothing", edges: []string{"payGRPC implements PayClient", "SaveOrder calls RegisterPayServer"},
		server: map[string]int32{"payGRPC": 2},
		want:   map[string]int32{"PayServer": 0, "ChargeRequest": 0},
	}, {
		name:   "a package of several services' protos splits by the proto each implements",
		edges:  []string{"payGRPC implements PayServer", "orderGRPC implements OrderServer"},
		server: map[string]int32{"payGRPC": 2},
		want:   map[string]int32{"PayServer": 2, "ChargeRequest": 2, "OrderServer": 0, "OrderRequest": 0, "helper": labelKernel},
	}, {
		name: "stubs only clients use stay", edges: clientEdges,
		want: map[string]int32{"PayServer": labelKernel, "ChargeRequest": labelKernel},
	}, {
		name: "stubs the user put in the kernel stay", edges: []string{"payGRPC implements PayServer"}, forced: []string{"PayServer"},
		server: map[string]int32{"payGRPC": 2},
		want:   map[string]int32{"PayServer": labelKernel, "ChargeRequest": 2},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			m := newModel(areaApp(stubs, tc.edges))
			cons := freeConstraints(len(m.units))
			unit := func(key string) int32 {
				for u := range m.units {
					if strings.HasSuffix(m.unitNode(int32(u)).ID, "."+key) {
						return int32(u)
					}
				}
				t.Fatalf("no unit %s", key)
				return -1
			}
			label := areaLabels(m)
			for _, k := range []string{"PayServer", "RegisterPayServer", "UnimplementedPayServer", "ChargeRequest", "NewPayClient", "payGRPC", "helper",
				"PayClient", "OrderServer", "OrderRequest"} {
				label[unit(k)] = labelKernel
			}
			for k, l := range tc.server {
				label[unit(k)] = l
			}
			for _, k := range tc.forced {
				cons.forced[unit(k)] = true
			}
			stubsToServer(m, cons, label)
			got := map[string]int32{}
			for k := range tc.want {
				got[k] = label[unit(k)]
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("labels (-want +got):\n%s", diff)
			}
		})
	}
}
