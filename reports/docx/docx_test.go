package docx

import (
	"regexp"
	"strconv"
	"testing"
)

// A table's columns fill the page's text width (9072 twips), and with many
// figures each figure's column keeps "100.00%" on one line (minFigureCol):
// the white paper's tables by organ have seven figures beside the name.
func TestTableColumnsFitTheFiguresOnOneLine(t *testing.T) {
	for _, n := range []int{2, 3, 5, 7, 8, 9} {
		d := New("t")
		header := make([]string, n)
		for i := range header {
			header[i] = "列" + strconv.Itoa(i)
		}
		d.Table(header, [][]string{header}, false)
		var widths []int
		for _, m := range regexp.MustCompile(`<w:gridCol w:w="(\d+)"/>`).FindAllStringSubmatch(d.body.String(), -1) {
			w, _ := strconv.Atoi(m[1])
			widths = append(widths, w)
		}
		if len(widths) != n {
			t.Fatalf("%d columns: %d widths in the grid", n, len(widths))
		}
		sum := 0
		for i, w := range widths {
			sum += w
			if i > 0 && n <= 8 && w < minFigureCol { // beyond eight the names' column keeps its least
				t.Errorf("%d columns: column %d is %d twips wide, want at least %d", n, i+1, w, minFigureCol)
			}
		}
		if widths[0] < minNameCol {
			t.Errorf("%d columns: the names' column is %d twips wide, want at least %d", n, widths[0], minNameCol)
		}
		if sum > 9072 || sum < 9072-n {
			t.Errorf("%d columns: %d twips in all, want the text width 9072", n, sum)
		}
	}
}
