package admin

import (
	"net/http"
)

// statusTemplate is the admin status page. It refreshes itself every five
// seconds and needs no JavaScript.
const statusTemplate = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<title>ficus proxy</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:1em 0}
th,td{border:1px solid #ccc;padding:.3em .7em;text-align:left}
th{background:#f3f3f3}
.bad{color:#b00;font-weight:bold}.good{color:#070}
.bar{background:#ddd;width:120px;height:10px;display:inline-block}
.bar span{background:#2a7;height:10px;display:block}
code{background:#f6f6f6;padding:0 .2em}
</style></head><body>
<h1>ficus proxy</h1>
<p>Config <code>{{.Config}}</code>, generation {{.Generation}}, loaded {{.LoadedAt.Format "2006-01-02 15:04:05 MST"}}.
Requests no route matches go to <b>{{.Default}}</b>.</p>
{{with .LastReload}}<p class="bad">Last reload rejected at {{.At.Format "15:04:05"}}: {{.Error}}</p>{{end}}
<h2>Routes</h2>
<table><tr><th>route</th><th>match</th><th>to</th><th>mode</th><th>weight</th><th>cohort</th><th>fallback</th></tr>
{{range .Routes}}<tr><td>{{.Name}}</td>
<td><code>{{range .Match.Methods}}{{.}} {{end}}{{.Match.Host}}{{.Match.Path}}</code>{{range $k, $v := .Match.Headers}} <code>{{$k}}: {{$v}}</code>{{end}}{{range $k, $v := .Match.Cookies}} <code>cookie {{$k}}={{$v}}</code>{{end}}{{range $k, $v := .Match.Query}} <code>?{{$k}}={{$v}}</code>{{end}}</td>
<td>{{.To}}</td>
<td>{{.Mode}}{{with .Rollout}}{{with .LastRollback}}<br><span class="bad">rolled back {{.At.Format "15:04:05"}}: {{.Reason}}</span>{{end}}{{end}}</td>
<td><span class="bar"><span style="width:{{.Weight}}%"></span></span> {{.Weight}}%{{if .WeightOverridden}} (file: {{.FileWeight}}%){{end}}</td>
<td>{{.Cohort}}</td><td>{{.Fallback}}</td></tr>
{{else}}<tr><td colspan="7">No routes: everything goes to {{.Default}}.</td></tr>{{end}}
</table>
<h2>Backends</h2>
<table><tr><th>backend</th><th>url</th><th>health check</th><th>breaker</th></tr>
{{range .Backends}}<tr><td>{{.Name}}</td><td><code>{{.URL}}</code></td>
<td class="{{if .Healthy}}good{{else}}bad{{end}}">{{.HealthCheck}}</td>
<td class="{{if eq .Breaker "open"}}bad{{else}}good{{end}}">{{.Breaker}}</td></tr>{{end}}
</table>
<p><a href="/routes">/routes</a> · <a href="/parity">/parity</a> · <a href="/metrics">/metrics</a></p>
</body></html>
`

func (a *admin) statusPage(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := a.page.Execute(w, a.p.Routes()); err != nil {
		a.opts.Logger.Debug("status page", "err", err)
	}
}
