// Package check enforces an accepted plan on the code as it is now: it
// places the units written since the plan by the rules the plan records
// (the receiver's service, the file's, the package's, the nearest
// neighbours by calls), then reports every use that crosses a planned
// boundary the wrong way: a call or type use into another service outside
// its published API, a write to a table another service owns, a new cycle
// of calls between services, and shared mutable state. A baseline of
// accepted violations, matched by symbol ids rather than lines, lets old
// violations be burned down while new ones fail.
//
// It reads the plan and a fresh graph and renders text, JSON, SARIF 2.1.0
// and GitHub Actions annotations; 'ficus check' wires it to the command
// line.
package check
