// Command routes is ficus's route and table benchmark (bench/routes.sh):
// for each app of apps.json, at its pinned commit, it runs 'ficus
// analyze' as a user would and compares the routes and tables of the
// graph with the app's truth file (read from the app's code by hand,
// never from ficus's output), beside a regular-expression baseline
// computed in the same run. README.md describes the apps, the truth
// format and how to read the table.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
)

func main() {
	var o options
	flag.StringVar(&o.apps, "apps", "bench/routes/apps.json", "the app list")
	flag.StringVar(&o.truth, "truth", "bench/routes/truth", "the directory of truth files")
	flag.StringVar(&o.cache, "cache", "", "where repositories and results are kept (default: the user cache dir's ficus-routes)")
	flag.StringVar(&o.ficus, "ficus", "", "the ficus binary to measure")
	flag.StringVar(&o.gitBase, "git-base", "https://github.com/", "where owner/name repositories are cloned from")
	flag.StringVar(&o.only, "only", "", "comma-separated app names to run (default all)")
	flag.BoolVar(&o.verbose, "v", false, "list the missed and false routes and tables of every app")
	flag.Parse()
	if err := o.run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "routes:", err)
		os.Exit(1)
	}
}
