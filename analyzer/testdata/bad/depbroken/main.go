// Command depbroken uses a dependency that does not type-check.
package main

import "example.com/broken"

func main() { println(broken.Name()) }
