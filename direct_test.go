package labelkit

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/esante/labelkit/convention"
	"github.com/esante/labelkit/internal/handback"
)

// TestGoldenDirect checks that the embedded templates run entirely on
// render's direct executor for every golden document (the agreements, the
// blank form, the notifications, dated or not): no part is handed to
// text/template, which costs several times as much. A template change
// that the direct executor does not handle fails here rather than
// silently slowing every document down.
func TestGoldenDirect(t *testing.T) {
	check := func(name string, run func(ctx context.Context, w *bytes.Buffer) error) {
		t.Helper()
		var handed []string
		ctx := handback.With(context.Background(), func(part string) { handed = append(handed, part) })
		var buf bytes.Buffer
		if err := run(ctx, &buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(handed) > 0 {
			slices.Sort(handed)
			t.Errorf("%s: parts executed by text/template: %v", name, handed)
		}
	}
	for _, gc := range goldenCases {
		if gc.input == "" {
			check(gc.name, func(ctx context.Context, w *bytes.Buffer) error { return renderBlankContext(ctx, w, nil) })
			continue
		}
		c, err := convention.LoadFile(gc.input)
		if err != nil {
			t.Fatal(err)
		}
		check(gc.name, func(ctx context.Context, w *bytes.Buffer) error { return RenderContext(ctx, w, c) })
	}
	for _, dir := range changeCases(t) {
		old, new := loadPair(t, dir)
		for _, date := range []*convention.Date{notificationDate, nil} {
			check("notification-"+filepath.Base(dir), func(ctx context.Context, w *bytes.Buffer) error {
				return renderNotificationContext(ctx, w, old, new, date, nil)
			})
		}
	}
}
