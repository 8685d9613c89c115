// Command nogomod is Go source outside any module: there is no go.mod.
package main

import "fmt"

func main() { fmt.Println(greeting()) }

func greeting() string { return "hello" }
