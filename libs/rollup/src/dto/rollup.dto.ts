import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { defineValidator, IsTenantCode, PageQuery } from '@techmarket/core';
import { KPI_CODES, type KpiCode } from '../kpis.js';
import { MONTH_PATTERN, PERIOD_PATTERN } from '../period.js';

const IsPeriod = defineValidator('periodFormat', (v) => typeof v === 'string' && PERIOD_PATTERN.test(v));
const IsMonth = defineValidator('isMonth', (v) => typeof v === 'string' && MONTH_PATTERN.test(v));
const IsYear = defineValidator('isYear', (v) => typeof v === 'string' && /^(19|20|21)\d{2}$/.test(v));

export class StatisticsQuery {
  @ApiPropertyOptional({ example: '220100', description: '租户代码（默认：本人所在租户）' })
  @IsOptional()
  @IsTenantCode()
  tenantCode?: string;

  @ApiPropertyOptional({ example: '2025-Q2', description: '年份 2025、季度 2025-Q2 或月份 2025-03（与 from/to 二选一）' })
  @IsOptional()
  @IsPeriod()
  period?: string;

  @ApiPropertyOptional({ example: '2025-01', description: '自定义区间起始月份' })
  @IsOptional()
  @IsMonth()
  from?: string;

  @ApiPropertyOptional({ example: '2025-06', description: '自定义区间结束月份（含）' })
  @IsOptional()
  @IsMonth()
  to?: string;
}

export class KpiQuery {
  @ApiPropertyOptional({ example: '220000' })
  @IsOptional()
  @IsTenantCode()
  tenantCode?: string;

  @ApiProperty({ example: '2025' })
  @IsYear()
  year: string;
}

export class TargetsQuery {
  @ApiPropertyOptional({ example: '220000' })
  @IsOptional()
  @IsTenantCode()
  tenantCode?: string;

  @ApiPropertyOptional({ example: '2025' })
  @IsOptional()
  @IsYear()
  year?: string;
}

export class SetTarget {
  @ApiProperty({ example: '220000' })
  @IsTenantCode()
  tenantCode: string;

  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ enum: KPI_CODES })
  @IsIn(KPI_CODES)
  kpi: KpiCode;

  @ApiPropertyOptional({ description: '年度目标数值：金额（分）或数量' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1e15)
  value?: number;

  @ApiPropertyOptional({ description: '同比增幅目标（%），如 10 表示年均增长 10%' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(-100)
  @Max(1000)
  growthPercent?: number;

  @ApiProperty({ example: '吉政发〔2018〕27号' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  source: string;
}

const IsReportPeriod = defineValidator('reportPeriod', (v) => typeof v === 'string' && /^\d{4}(-(0[1-9]|1[0-2]))?$/.test(v));

export class RequestReport {
  @ApiPropertyOptional({ example: '220100', description: '租户代码（默认且只能是本人所在租户）' })
  @IsOptional()
  @IsTenantCode()
  tenantCode?: string;

  @ApiProperty({ example: '2025-03', description: '月报：月份 2025-03；年报：年份 2025（须已开始）' })
  @IsReportPeriod()
  period: string;
}

export class ReportsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '220100', description: '只列该租户的通报' })
  @IsOptional()
  @IsTenantCode()
  tenantCode?: string;
}
