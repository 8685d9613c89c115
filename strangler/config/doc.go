// Package config is the proxy's YAML contract: the types a configuration
// file decodes into, their defaults, and the checks run before any
// request is served.
//
// [Load] and [Parse] decode with goccy/go-yaml, reject unknown fields
// (suggesting the nearest known one), fill defaults and run
// [Config.Validate]. Every problem found is reported at once, each with
// its line, column and fix, in a [ConfigError]; a configuration that
// passes compiles into a routing table without further errors. [Mode] is
// a route's lifecycle stage and [Cohort] the key that keeps a user on one
// side of a route. [WriteInitConfig] writes a first configuration from a
// plan's services, and [FindDrift] compares a configuration with a fresh
// analysis.
//
// The YAML field names are a promise to users (docs/proxy.md): extend
// them, never rename them.
package config
