// Package match is the proxy's route matching: ServeMux path patterns
// (method, host, path with wildcards) plus header, cookie and query
// predicates, ordered so that the most specific route wins. [Compile]
// turns one route's [Rule] into matchers, [NewRouter] orders them and
// reports the pairs of routes that neither wins over; the configuration's
// validation and the proxy's routing table share this one implementation.
package match
