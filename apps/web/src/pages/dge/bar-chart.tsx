import { Stack, Text, Title } from '@mantine/core';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import { BarChart as EChartsBar } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { format } from '../../i18n';

// Only what bar charts need: the lazy page's chunk stays small.
echarts.use([EChartsBar, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export interface BarSeries {
  name: string;
  values: number[];
}

/**
 * A bar chart with an accessible name and description (the picture itself is hidden from assistive
 * technologies: the page shows the same figures in a table).
 */
export function BarChart(props: {
  title: string;
  description: string;
  categories: string[];
  series: BarSeries[];
}) {
  const option = {
    aria: { enabled: true, decal: { show: true } },
    tooltip: { trigger: 'axis', valueFormatter: (value: number) => format.number(value) },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
    xAxis: {
      type: 'category',
      data: props.categories,
      axisLabel: { interval: 0, rotate: props.categories.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', axisLabel: { formatter: (value: number) => format.number(value) } },
    series: props.series.map((series) => ({ type: 'bar', name: series.name, data: series.values })),
  };
  return (
    <Stack gap="xs" component="figure" m={0}>
      <Title order={3} size="h4" component="figcaption">
        {props.title}
      </Title>
      <Text size="sm" c="dimmed">
        {props.description}
      </Text>
      <div role="img" aria-label={`${props.title}. ${props.description}`}>
        <ReactEChartsCore
          echarts={echarts}
          option={option}
          opts={{ renderer: 'svg' }}
          notMerge
          style={{ height: 320, width: '100%' }}
        />
      </div>
    </Stack>
  );
}
