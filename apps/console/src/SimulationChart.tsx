import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { fenToYuan } from './money';

echarts.use([BarChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface FirmRow {
  orgId: string;
  name: string | null;
  currentFen: number;
  proposedFen: number;
}

/**
 * Current vs proposed subsidy per firm (元), with only the parts of ECharts it uses (its own chunk).
 * ECharts directly (echarts-for-react's CommonJS build lost its default export in the Vite bundle).
 */
export default function SimulationChart({ firms }: { firms: FirmRow[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(box.current!, undefined, { renderer: 'svg' });
    const top = firms.slice(0, 15);
    chart.setOption({
      // No animation: the figures are for a decision, shown at once (and the same in every screenshot).
      animation: false,
      aria: { enabled: true, decal: { show: true } },
      tooltip: { trigger: 'axis' },
      legend: { data: ['现行参数', '拟调整参数'] },
      grid: { left: 80, right: 24, bottom: 80 },
      xAxis: { type: 'category', data: top.map((f) => f.name ?? '（未命名企业）'), axisLabel: { interval: 0, rotate: 20 } },
      yAxis: { type: 'value', name: '补贴（元）' },
      series: [
        { name: '现行参数', type: 'bar', data: top.map((f) => fenToYuan(f.currentFen)) },
        { name: '拟调整参数', type: 'bar', data: top.map((f) => fenToYuan(f.proposedFen)) },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [firms]);
  return <div data-testid="simulation-chart" ref={box} style={{ height: 320, width: '100%' }} />;
}
