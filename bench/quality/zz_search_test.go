package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/ficus-dev/ficus/analyzer"
	"github.com/ficus-dev/ficus/planner"
)

type zzApp struct {
	name, split string
	doc         analyzer.Document
	tp          *planner.Plan
}

func zzLoad(t *testing.T, split string) []zzApp {
	apps, err := readApps("apps.json")
	if err != nil {
		t.Fatal(err)
	}
	var out []zzApp
	for _, a := range apps {
		if a.Synthetic > 0 || (split != "" && a.Split != split) {
			continue
		}
		f, err := os.Open(filepath.Join(os.Getenv("ZZBASE"), "out", a.Name, "graph.json"))
		if err != nil {
			continue
		}
		doc, err := analyzer.DecodeDocument(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		tr, err := readTruth(filepath.Join("truth", a.Name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, zzApp{a.Name, a.Split, doc, planOf(tr.Labels(doc))})
	}
	return out
}

func zzEval(apps []zzApp, c planner.Config, seeds int) (float64, float64, []float64) {
	per := make([]float64, len(apps))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := range apps {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			s := 0.0
			for seed := 1; seed <= seeds; seed++ {
				p, err := planner.Propose(context.Background(), apps[i].doc, planner.Options{Seed: uint64(seed), Config: c})
				if err != nil {
					panic(err)
				}
				s += planner.Score(p, apps[i].tp).ARI
			}
			per[i] = s / float64(seeds)
		}(i)
	}
	wg.Wait()
	m := mean(per)
	ss := slices.Clone(per)
	slices.Sort(ss)
	return m, medianOf(ss), per
}

func zzSet(c *planner.Config, field string, v float64) {
	reflect.ValueOf(&c.Weights).Elem().FieldByName(field).SetFloat(v)
}
func zzGet(c planner.Config, field string) float64 {
	return reflect.ValueOf(c.Weights).FieldByName(field).Float()
}

func TestZZSearch(t *testing.T) {
	if os.Getenv("ZZBASE") == "" {
		t.Skip()
	}
	seeds, _ := strconv.Atoi(os.Getenv("ZZSEEDS"))
	if seeds == 0 {
		seeds = 3
	}
	tune := zzLoad(t, "tune")
	hold := zzLoad(t, "holdout")
	c := planner.DefaultConfig()
	for _, kv := range strings.Fields(os.Getenv("ZZSTART")) {
		k, v, _ := strings.Cut(kv, "=")
		f, _ := strconv.ParseFloat(v, 64)
		zzSet(&c, k, f)
	}
	if v := os.Getenv("ZZCAP"); v != "" {
		c.Kernel.MaxShare, _ = strconv.ParseFloat(v, 64)
	}
	if v := os.Getenv("ZZSPREAD"); v != "" {
		c.Kernel.Spread, _ = strconv.ParseFloat(v, 64)
	}
	best, bmed, tper := zzEval(tune, c, seeds)
	hm, hmed, hper := zzEval(hold, c, seeds)
	if f := os.Getenv("ZZPER"); f != "" {
		var b strings.Builder
		for i, a := range tune {
			fmt.Fprintf(&b, "%s tune %.4f\n", a.name, tper[i])
		}
		for i, a := range hold {
			fmt.Fprintf(&b, "%s holdout %.4f\n", a.name, hper[i])
		}
		os.WriteFile(f, []byte(b.String()), 0o644)
	}
	fmt.Printf("start tune mean %.4f median %.4f | holdout mean %.4f median %.4f\n", best, bmed, hm, hmed)
	fields := strings.Fields(os.Getenv("ZZFIELDS"))
	if len(fields) == 0 {
		fields = []string{"Calls", "References", "Implements", "Handles", "Reads", "Writes", "Uses", "Entries", "Receiver", "Files", "Names", "Stems", "Resources", "Embeds", "Runs", "Events"}
	}
	for pass := 0; pass < 2 && os.Getenv("ZZFIELDS") != "none"; pass++ {
		improved := false
		for _, f := range fields {
			cur := zzGet(c, f)
			for _, mul := range []float64{0.5, 2} {
				v := cur * mul
				if cur == 0 {
					v = 0.25 * mul
				}
				c2 := c
				zzSet(&c2, f, v)
				m, med, _ := zzEval(tune, c2, seeds)
				fmt.Printf("  %s %.3g -> %.3g: tune mean %.4f median %.4f (best %.4f)\n", f, cur, v, m, med, best)
				if m > best+0.003 {
					best, bmed, c = m, med, c2
					improved = true
					hm, hmed, _ := zzEval(hold, c, seeds)
					fmt.Printf("  ** keep %s=%.3g: tune mean %.4f median %.4f | holdout mean %.4f median %.4f\n", f, v, best, bmed, hm, hmed)
					break
				}
			}
		}
		if !improved {
			break
		}
	}
	fmt.Printf("final %+v\n", c.Weights)
}
