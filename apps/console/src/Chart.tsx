import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, PieChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * One ECharts chart (bar, line or pie), SVG, without animation, with ECharts' aria description
 * (the figures as text for screen readers and tests), or the description given. Its own chunk with only these parts of ECharts.
 */
export default function Chart({
  option,
  testId,
  description,
  height = 300,
}: {
  option: ChartOption;
  testId: string;
  /** What the chart shows, in words (its aria-label); ECharts' own description otherwise. */
  description?: string;
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = echarts.init(box.current!, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      aria: { enabled: true, decal: { show: true }, ...(description ? { label: { description } } : {}) },
      tooltip: {},
      ...option,
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option, description]);
  return <div data-testid={testId} ref={box} role="img" style={{ height, width: '100%' }} />;
}
