package check

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/url"
	"slices"
)

// SARIF 2.1.0, the parts ficus writes. The OASIS schema is vendored under
// testdata and the output validated against it.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string        `json:"id"`
	Name                 string        `json:"name"`
	ShortDescription     sarifMessage  `json:"shortDescription"`
	FullDescription      sarifMessage  `json:"fullDescription"`
	DefaultConfiguration sarifRuleConf `json:"defaultConfiguration"`
}

type sarifRuleConf struct {
	Level string `json:"level"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

// ruleName is the SARIF rule name of a kind.
func ruleName(k Kind) string {
	switch k {
	case KindAPI:
		return "CallOutsideServiceAPI"
	case KindTable:
		return "WriteToOtherServiceTable"
	case KindCycle:
		return "NewServiceCycle"
	}
	return "SharedMutableState"
}

// WriteSARIF writes the new violations as a SARIF 2.1.0 log, for GitHub
// code scanning and GitLab. Paths are relative to the source root
// (%SRCROOT%); each result carries a fingerprint of its symbol ids, so
// that code scanning tracks it across edits as the baseline does.
func WriteSARIF(w io.Writer, r *Result, version string) error {
	driver := sarifDriver{Name: "ficus", Version: version, InformationURI: "https://github.com/ficus-dev/ficus"}
	for _, k := range Kinds() {
		driver.Rules = append(driver.Rules, sarifRule{ID: string(k), Name: ruleName(k),
			ShortDescription: sarifMessage{Text: ruleName(k)}, FullDescription: sarifMessage{Text: k.Describe()},
			DefaultConfiguration: sarifRuleConf{Level: "error"}})
	}
	results := []sarifResult{}
	for _, v := range r.Violations {
		sum := sha256.Sum256([]byte(v.Key()))
		uri := (&url.URL{Path: v.File()}).EscapedPath() // a relative URI reference: spaces and the like escaped
		loc := sarifPhysical{ArtifactLocation: sarifArtifact{URI: uri, URIBaseID: "%SRCROOT%"}}
		if l := v.Line(); l > 0 {
			loc.Region = &sarifRegion{StartLine: l}
		}
		results = append(results, sarifResult{RuleID: string(v.Kind), RuleIndex: slices.Index(Kinds(), v.Kind), Level: "error",
			Message:             sarifMessage{Text: v.Text() + " Fix: " + v.Fix + "."},
			Locations:           []sarifLocation{{PhysicalLocation: loc}},
			PartialFingerprints: map[string]string{"ficusViolation/v1": hex.EncodeToString(sum[:16])}})
	}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0",
		Runs: []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results}}}
	return writeJSON(w, log, "sarif")
}
