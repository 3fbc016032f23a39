// Command pdfbench times the pdf package: N distinct agreements (the
// multisite example with its company name numbered) converted to PDF/A
// through LibreOffice, with one process and with a pool, in one run so that
// the settings compare under the same machine load.
//
// For each setting it prints the wall time, documents per second, the
// number of LibreOffice starts, and the peak memory: the sum of the RSS of
// the LibreOffice processes of the run (sampled every 100 ms from /proc)
// plus this process's own peak RSS. It also times the cold start: one
// document with a fresh profile (the profile is created), then one more
// with that profile (a new process, warm profile).
//
// Usage:
//
//	go run ./bench/pdf -n 100 -procs 1,2 [-batch 16]
//
// bench/pdf/run.sh runs it and is what the README figures come from.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/esante/labelkit"
	"github.com/esante/labelkit/convention"
	"github.com/esante/labelkit/pdf"
)

func main() {
	n := flag.Int("n", 100, "number of agreements")
	procs := flag.String("procs", "1,2", "comma-separated LibreOffice process counts to compare")
	batch := flag.Int("batch", 16, "documents per LibreOffice process start")
	input := flag.String("input", "examples/multisite-avance-renouvellement.toml", "agreement input")
	flag.Parse()

	c, err := convention.LoadFile(*input)
	check(err)
	docs := make([][]byte, *n)
	for i := range docs {
		cc := *c
		cc.Company.Name = fmt.Sprintf("%s %03d", c.Company.Name, i+1)
		var buf bytes.Buffer
		check(labelkit.Render(&buf, &cc))
		docs[i] = buf.Bytes()
	}
	fmt.Printf("documents: %d (%s), batch size %d\n", *n, filepath.Base(*input), *batch)
	if la, err := os.ReadFile("/proc/loadavg"); err == nil {
		fmt.Printf("load average before: %s\n", strings.Join(strings.Fields(string(la))[:3], " "))
	}

	// Cold start.
	{
		tmp := mkTemp()
		conv := pdf.New(pdf.WithTempDir(tmp), pdf.WithProcesses(1))
		check(conv.Check())
		fmt.Printf("LibreOffice: %s\n", conv.Version())
		t0 := time.Now()
		var out bytes.Buffer
		check(conv.Convert(context.Background(), &out, bytes.NewReader(docs[0])))
		cold := time.Since(t0)
		t1 := time.Now()
		out.Reset()
		check(conv.Convert(context.Background(), &out, bytes.NewReader(docs[1])))
		warm := time.Since(t1)
		conv.Close()
		os.RemoveAll(tmp)
		fmt.Printf("cold start, fresh profile: %.2fs for the first PDF (%d bytes); next document, new process, warm profile: %.2fs\n",
			cold.Seconds(), out.Len(), warm.Seconds())
	}

	fmt.Printf("%-10s %10s %8s %8s %14s\n", "processes", "wall (s)", "docs/s", "starts", "peak RSS (MiB)")
	for _, f := range strings.Split(*procs, ",") {
		p, err := strconv.Atoi(strings.TrimSpace(f))
		check(err)
		tmp := mkTemp()
		conv := pdf.New(pdf.WithTempDir(tmp), pdf.WithProcesses(p), pdf.WithBatchSize(*batch))
		stop := sampleRSS(tmp)
		t0 := time.Now()
		var wg sync.WaitGroup
		var failed atomic.Int64
		for _, d := range docs {
			wg.Go(func() {
				var out bytes.Buffer
				if err := conv.Convert(context.Background(), &out, bytes.NewReader(d)); err != nil {
					fmt.Fprintln(os.Stderr, err)
					failed.Add(1)
				}
			})
		}
		wg.Wait()
		wall := time.Since(t0)
		peak := stop()
		starts := conv.Starts()
		conv.Close()
		os.RemoveAll(tmp)
		if failed.Load() > 0 {
			fmt.Fprintf(os.Stderr, "%d conversions failed\n", failed.Load())
			os.Exit(1)
		}
		fmt.Printf("%-10d %10.1f %8.2f %8d %14.0f\n", p, wall.Seconds(), float64(*n)/wall.Seconds(), starts, float64(peak)/(1<<20))
	}
}

func mkTemp() string {
	d, err := os.MkdirTemp("", "pdfbench-")
	check(err)
	return d
}

// sampleRSS samples, every 100 ms, the summed RSS of the processes whose
// command line names dir (LibreOffice's profile is under it); stop returns
// the peak of that sum plus this process's own peak RSS.
func sampleRSS(dir string) (stop func() int64) {
	var peak atomic.Int64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			if s := rssOf(dir); s > peak.Load() {
				peak.Store(s)
			}
		}
	}()
	return func() int64 {
		close(done)
		<-finished
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return peak.Load() + ru.Maxrss<<10
	}
}

func rssOf(dir string) int64 {
	ents, _ := os.ReadDir("/proc")
	var sum int64
	for _, e := range ents {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		cmd, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || !bytes.Contains(cmd, []byte(dir)) {
			continue
		}
		st, err := os.ReadFile(filepath.Join("/proc", e.Name(), "statm"))
		if err != nil {
			continue
		}
		f := strings.Fields(string(st))
		if len(f) > 1 {
			pages, _ := strconv.ParseInt(f[1], 10, 64)
			sum += pages * int64(os.Getpagesize())
		}
	}
	return sum
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "pdfbench:", err)
		os.Exit(1)
	}
}
