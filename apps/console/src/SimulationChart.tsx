import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { fenToYuan } from './money';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface FirmRow {
  orgId: string;
  name: string | null;
  currentFen: number;
  proposedFen: number;
}

/** Current vs proposed subsidy per firm (元), only the parts of ECharts it uses (its own chunk). */
export default function SimulationChart({ firms }: { firms: FirmRow[] }) {
  const top = firms.slice(0, 15);
  return (
    <div data-testid="simulation-chart">
      <ReactEChartsCore
        echarts={echarts}
        opts={{ renderer: 'svg' }}
        style={{ height: 320 }}
        option={{
          tooltip: { trigger: 'axis' },
          legend: { data: ['现行参数', '拟调整参数'] },
          grid: { left: 80, right: 24, bottom: 80 },
          xAxis: { type: 'category', data: top.map((f) => f.name ?? '（未命名企业）'), axisLabel: { interval: 0, rotate: 20 } },
          yAxis: { type: 'value', name: '补贴（元）' },
          series: [
            { name: '现行参数', type: 'bar', data: top.map((f) => fenToYuan(f.currentFen)) },
            { name: '拟调整参数', type: 'bar', data: top.map((f) => fenToYuan(f.proposedFen)) },
          ],
        }}
      />
    </div>
  );
}
