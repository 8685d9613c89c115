// Package reports renders ficus graphs and plans for people and scripts:
// one renderer per format (DOT, SVG, Mermaid, HTML, Markdown, JSON), each
// writing to an io.Writer.
package reports
