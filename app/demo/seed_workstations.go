package demo

import (
	"context"
	"time"

	"fuyuan/app"
)

// demoWorkstation is one of 粤1803's judge workstations; it opened the given
// number of years before today's year, on month and day.
type demoWorkstation struct {
	kind, name, place, partners string
	yearsAgo                    int
	month                       time.Month
	day                         int
}

// demoWorkstations are the workstations of 粤1803, one of each kind: the
// forest workstation in the 石门台 nature reserve, the scenic-area workstation
// at 古龙峡, a mediation station and a cross-region office.
var demoWorkstations = []demoWorkstation{
	{"forest", "石门台森林法官工作室", "广东石门台国家级自然保护区", "石门台保护区管理局", 3, time.March, 12},
	{"scenic", "古龙峡景区法官工作室", "清新区浸潭镇古龙峡景区", "古龙峡景区管理方、清新区文广旅体局", 3, time.May, 18},
	{"mediation_station", "太平镇行政争议调解工作站", "清新区太平镇综合服务中心", "清新区司法局、太平镇人民政府", 3, time.September, 1},
	{"cross_region_office", "北江流域跨区域行政争议联调办公室", "清新区人民法院诉讼服务中心", "英德市人民法院、佛冈县人民法院、清城区人民法院", 2, time.March, 1},
}

// seedWorkstations opens the demo workstations of 粤1803 as its admin and
// records their ids in w.Workstations by kind (cases are filed at them later).
func seedWorkstations(ctx context.Context, w *World) error {
	admin := w.Actor("admin")
	for _, d := range demoWorkstations {
		kind, name, place := d.kind, d.name, d.place
		partners := app.AgencyList(d.partners)
		opened := app.NewDate(w.Today.Year-d.yearsAgo, d.month, d.day)
		ws, err := w.Store.CreateWorkstation(ctx, admin, app.WorkstationInput{
			Kind: &kind, Name: &name, Place: &place, Partners: &partners, OpenedOn: &opened})
		if err != nil {
			return err
		}
		w.Workstations[d.kind] = ws.ID
	}
	return nil
}
