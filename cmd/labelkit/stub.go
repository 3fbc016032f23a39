//go:build !wired

package main

// Temporary stubs while the library packages land.

func runRender(a *app, args []string) int    { return exitUsage }
func runValidate(a *app, args []string) int  { return exitUsage }
func runInit(a *app, args []string) int      { return exitUsage }
func runFill(a *app, args []string) int      { return exitUsage }
func runVars(a *app, args []string) int      { return exitUsage }
func runTemplates(a *app, args []string) int { return exitUsage }
func runTemplate(a *app, args []string) int  { return exitUsage }

// Used by the commands being wired.
var _ = []any{(*app).fail, failed, input.name, (*counts).add, withSignals, interruptCode,
	(*outDir).display, defaultWorkers, (*outDir).outcome, (*app).runBatch, dataFormat, (*app).loadDataFile, isCancel, (*app).failUsage}
