// Command reportopen opens a ficus HTML report in headless Chromium and
// prints how long it takes to become interactive (the page's data-ready
// mark, set once both graphs are drawn and the page answers clicks).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"
)

func main() {
	chrome := flag.String("chrome", "chromium", "the Chromium binary")
	runs := flag.Int("runs", 3, "how many times to open the page")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: reportopen [-chrome PATH] [-runs N] REPORT.html")
		os.Exit(2)
	}
	page, err := filepath.Abs(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := run(*chrome, page, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "reportopen:", err)
		os.Exit(1)
	}
}

func run(chrome, page string, runs int) error {
	profile, err := os.MkdirTemp("", "reportopen-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(profile),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.Navigate("about:blank")); err != nil {
		return fmt.Errorf("start chromium: %w", err)
	}
	for i := 0; i < runs; i++ {
		tctx, tcancel := context.WithTimeout(ctx, 60*time.Second)
		start := time.Now()
		err := chromedp.Run(tctx,
			chromedp.Navigate("file://"+page),
			chromedp.WaitVisible(`body[data-ready="true"]`, chromedp.ByQuery))
		tcancel()
		if err != nil {
			return fmt.Errorf("open %s: %w", page, err)
		}
		fmt.Printf("interactive %.2f s\n", time.Since(start).Seconds())
	}
	return nil
}
