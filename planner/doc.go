// Package planner proposes how a Go monolith splits into services: it
// clusters the symbols of a ficus.graph/v1 graph (types, functions,
// methods, variables, with the routes, tables and jobs they touch) into
// services, sets apart a shared kernel, names and explains each service,
// scores the plan and orders the extraction.
//
// The planner works on symbols, not packages, so that a layered monolith
// (handlers, services, repository, models) splits by business area across
// its layers. Its steps, each in its own file:
//
//   - structure.go reads the code's own organization first: where its
//     folders or workspace modules are business areas (features), each is
//     kept as one service; where they are layers, the areas are found
//     across them;
//   - signals.go weighs the graph's edges (calls, references, table
//     access, routes, jobs, events, receivers) and adds file and name
//     signals, into one weighted undirected graph;
//   - kernel.go finds the shared kernel: code used from many communities
//     (libraries) or building them all (wiring);
//   - louvain.go clusters, seeded, deterministic for a seed, on the flat
//     graph of wgraph.go;
//   - roles.go, partition.go, fold.go and cluster.go make services of
//     clusters: routes follow their handlers, tables their main writer,
//     every service connected, clusters that are no service merged into
//     their strongest neighbour, clusters that serve as libraries folded
//     into the kernel;
//   - sweep.go chooses the granularity, or reaches a requested number of
//     services;
//   - constraints.go applies the pins, groups and separations of
//     ficus.yaml, and the features as implicit ones;
//   - generic.go settles generic folders (pkg/, common/) by their users,
//     joins file stems across folders, and folds services of generated
//     code or test helpers into what they serve; migrations.go finds
//     schema-migration histories (generic code owning no table);
//     kernelentity.go gives an entity file's kernel code back to its
//     area, kerneldomain.go a domain package the kernel took whole, and
//     kernelroutes.go a business route to the service of its resource;
//     kernelcap.go keeps the kernel to generic code and merges tiny
//     services; kernelwhy.go says why each unit is in the kernel;
//   - giantsplit.go clusters again, on its own, a service that holds
//     most of the code (a layered app's models glued by one core table)
//     and makes services of its parts that serve routes or own tables;
//   - concernsplit.go splits packages of seed or migration code (a file
//     per area, all run from one driver) by the area each file's data
//     belongs to, and concernbridge.go separates the areas their driver
//     had glued together;
//   - names.go, explain.go, api.go, order.go and metrics.go describe the
//     result; score.go compares a plan with a ground truth (ARI, NMI,
//     MoJoFM).
//
// Propose runs them all. The same graph, options and seed give the same
// plan, byte for byte. docs/plan-format.md describes the plan document and
// docs/metrics.md the metrics.
package planner
