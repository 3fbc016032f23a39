package frtext_test

import (
	"fmt"
	"time"

	"github.com/esante/labelkit/internal/frtext"
)

func ExampleDate() {
	fmt.Println(frtext.Date(2026, time.December, 1))
	fmt.Println(frtext.Date(2027, time.January, 2))
	// Output:
	// 1er décembre 2026
	// 2 janvier 2027
}
