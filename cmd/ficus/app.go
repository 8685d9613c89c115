package main

import (
	"io"
	"log/slog"
	"os"
	"time"

	"golang.org/x/term"
)

// streams holds the IO a command may use. Machine output goes to Out,
// progress and logs to Err.
type streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// ErrIsTerminal reports whether Err is a terminal, so that progress
	// indicators are shown only to people.
	ErrIsTerminal bool
}

func newStreams(in io.Reader, out, errw io.Writer) streams {
	s := streams{In: in, Out: out, Err: errw}
	if f, ok := errw.(*os.File); ok {
		s.ErrIsTerminal = term.IsTerminal(int(f.Fd()))
	}
	return s
}

// app is the factory every verb receives: streams, a logger, a clock and
// the build version. Verbs take their dependencies from it, never from
// package-level state.
type app struct {
	streams
	Logger  *slog.Logger
	Now     func() time.Time
	Version string
}

func newApp(s streams, verbose bool) *app {
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelDebug
	}
	return &app{
		streams: s,
		Logger:  slog.New(slog.NewTextHandler(s.Err, &slog.HandlerOptions{Level: level})),
		Now:     time.Now,
		Version: buildVersion(),
	}
}
