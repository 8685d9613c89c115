package platform

import (
	"errors"
	"os"
	"strconv"
	"time"
)

// Config is the library's runtime configuration.
type Config struct {
	Addr        string
	DSN         string
	Driver      string
	LoanDays    int
	FinePerDay  int64
	HoldDays    int
	JobInterval time.Duration
}

// LoadConfig reads the configuration from the environment.
func LoadConfig() (Config, error) {
	c := Config{Addr: ":8080", Driver: "postgres", LoanDays: 21, FinePerDay: 25, HoldDays: 5, JobInterval: time.Hour}
	if v := os.Getenv("LIBRARY_ADDR"); v != "" {
		c.Addr = v
	}
	c.DSN = os.Getenv("LIBRARY_DSN")
	if v := os.Getenv("LIBRARY_LOAN_DAYS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return c, err
		}
		c.LoanDays = n
	}
	return c, c.Validate()
}

// Validate reports a configuration that cannot run.
func (c Config) Validate() error {
	if c.LoanDays <= 0 || c.HoldDays <= 0 {
		return errors.New("loan and hold days must be positive")
	}
	return nil
}
