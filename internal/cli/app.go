package cli

import (
	"io"
	"log/slog"
	"os"
	"time"

	"golang.org/x/term"
)

// Streams holds the IO a command may use. Machine output goes to Out,
// progress and logs to Err.
type Streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// ErrIsTerminal reports whether Err is a terminal, so that progress
	// indicators are shown only to people.
	ErrIsTerminal bool
}

// NewStreams returns the streams of a command, noting whether errw is a
// terminal.
func NewStreams(in io.Reader, out, errw io.Writer) Streams {
	s := Streams{In: in, Out: out, Err: errw}
	if f, ok := errw.(*os.File); ok {
		s.ErrIsTerminal = term.IsTerminal(int(f.Fd()))
	}
	return s
}

// App is the factory every verb receives: streams, a logger, a clock and
// the build version. Verbs take their dependencies from it, never from
// package-level state.
type App struct {
	Streams
	Logger  *slog.Logger
	Now     func() time.Time
	Version string
}

// NewApp returns the factory for s; verbose logs debug detail to s.Err.
func NewApp(s Streams, verbose bool) *App {
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelDebug
	}
	return &App{
		Streams: s,
		Logger:  slog.New(slog.NewTextHandler(s.Err, &slog.HandlerOptions{Level: level})),
		Now:     time.Now,
		Version: BuildVersion(),
	}
}
