// Package appsrc fetches and runs the real applications that ficus's
// benchmarks measure: each is a GitHub repository at a pinned commit,
// cloned once into a cache (never into this repository), with a go.work
// written for apps of several modules that ship without one and its
// dependencies downloaded, so that 'ficus analyze' then runs on it as a
// user would; Measure times such a run and reads its peak RSS.
package appsrc
