// The one place ECharts modules are registered (style-anchors §9): charts render through
// vue-echarts on `echarts/core` and rely on this having run, instead of each calling `use()`.
// Only what the planned charts need (reference-backend-ui.md §4.6) is pulled in: time-series
// lines and sparklines, target bands (mark areas), limits (mark lines) and zooming in history.
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { LineChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';

use([
  CanvasRenderer,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  MarkLineComponent,
  MarkAreaComponent,
]);
