package analyzer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/goccy/go-yaml"
)

// ConfigFile is the name of the per-repository configuration file, read
// from the root of the analyzed directory.
const ConfigFile = "ficus.yaml"

// Config is the analyzer's part of ficus.yaml. Each list, when given,
// replaces its default.
type Config struct {
	Events EventConfig `yaml:"events"`
	Jobs   JobConfig   `yaml:"jobs"`
	SQL    SQLConfig   `yaml:"sql"`
	// Prefixes gives the values of strings known only at run time, such as
	// a route prefix read from configuration. A key is an expression as
	// written in the code (`conf.BaseUri("/api/v1")`, `cfg.Prefix`) or a
	// function, spelled as a graph id (`example.com/app/config.(*Config).BaseUri`)
	// or as a call reads (`config.BaseURL`, `Config.BaseUri`): every call of it
	// then yields the value.
	Prefixes map[string]string `yaml:"prefixes"`
	// History tunes ficus analyze --history (see HistoryConfig).
	History HistoryConfig `yaml:"history"`
}

// EventConfig names the functions and methods that publish to and subscribe
// to a topic given as a constant string argument.
type EventConfig struct {
	Publish   []string `yaml:"publish"`
	Subscribe []string `yaml:"subscribe"`
}

// JobConfig names the functions and methods that register a background job
// (a function argument run on a schedule).
type JobConfig struct {
	Schedule []string `yaml:"schedule"`
}

// SQLConfig names the functions and methods whose constant string arguments
// are SQL statements, besides every call into database/sql, sqlx and pgx.
type SQLConfig struct {
	Methods []string `yaml:"methods"`
}

// DefaultConfig returns the configuration used when ficus.yaml is absent.
func DefaultConfig() Config {
	return Config{
		Events: EventConfig{
			Publish:   []string{"Publish", "Emit", "Send"},
			Subscribe: []string{"Subscribe", "On", "Handle"},
		},
		History: DefaultHistoryConfig(),
		Jobs:    JobConfig{Schedule: []string{"Every", "Schedule", "ScheduleFunc", "AddFunc", "AddJob"}},
		SQL: SQLConfig{Methods: []string{
			"Query", "QueryContext", "QueryRow", "QueryRowContext", "Exec", "ExecContext",
			"Prepare", "PrepareContext", "Select", "SelectContext", "Get", "GetContext",
			"NamedExec", "NamedExecContext", "NamedQuery", "NamedQueryContext", "MustExec",
			"MustExecContext", "Queryx", "QueryxContext", "QueryRowx", "QueryRowxContext",
			"Raw", "Queue",
		}},
	}
}

// fileConfig is the whole ficus.yaml; sections that belong to later stages
// are accepted here and read by those stages.
type fileConfig struct {
	Events   *EventConfig      `yaml:"events"`
	Jobs     *JobConfig        `yaml:"jobs"`
	SQL      *SQLConfig        `yaml:"sql"`
	Prefixes map[string]string `yaml:"prefixes"`
	Plan     any               `yaml:"plan"`
	History  *HistoryConfig    `yaml:"history"`
}

// LoadConfig reads dir/ficus.yaml. A missing file yields DefaultConfig.
func LoadConfig(dir string) (Config, error) {
	cfg := DefaultConfig()
	path := filepath.Join(dir, ConfigFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, fmt.Errorf("read %s: %w", path, err)
	}
	return ParseConfig(ConfigFile, data)
}

// ParseConfig parses the contents of a ficus.yaml; name is used in errors.
func ParseConfig(name string, data []byte) (cfg Config, err error) {
	cfg = DefaultConfig()
	defer func() {
		// The YAML library panics on some malformed input; a bad file must
		// be an error that names it, never a crash.
		if r := recover(); r != nil {
			cfg, err = DefaultConfig(), fmt.Errorf("%s: the file is not valid YAML (%v); fix it, or remove it to use the defaults", name, r)
		}
	}()
	hist := DefaultHistoryConfig()
	fc := fileConfig{History: &hist} // keys left out keep their defaults
	if err := yaml.UnmarshalWithOptions(data, &fc, yaml.DisallowUnknownField()); err != nil {
		return cfg, fmt.Errorf("%s: %s\nfix the file: known sections are events (publish, subscribe), jobs (schedule), sql (methods), prefixes, history and plan", name, yaml.FormatError(err, false, true))
	}
	if fc.Events != nil {
		if fc.Events.Publish != nil {
			cfg.Events.Publish = fc.Events.Publish
		}
		if fc.Events.Subscribe != nil {
			cfg.Events.Subscribe = fc.Events.Subscribe
		}
	}
	if fc.Jobs != nil && fc.Jobs.Schedule != nil {
		cfg.Jobs.Schedule = fc.Jobs.Schedule
	}
	if fc.SQL != nil && fc.SQL.Methods != nil {
		cfg.SQL.Methods = fc.SQL.Methods
	}
	cfg.Prefixes = fc.Prefixes
	if fc.History != nil {
		if err := fc.History.validate(); err != nil {
			return cfg, fmt.Errorf("%s: %w", name, err)
		}
		cfg.History = *fc.History
	}
	return cfg, nil
}
