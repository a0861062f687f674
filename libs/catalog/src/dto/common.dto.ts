import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsTenantCode, PageQuery } from '@techmarket/core';
import { INDUSTRY_FIELD_CODES, type IndustryField } from '../catalog.constants.js';
import { ENTRY_STATUSES, type EntryStatus } from '../workflow.js';

/** Query-string booleans: only `true`/`false` (anything else fails validation, naming the field). */
export const QueryBoolean = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));
export const MAX_FEN = 1e15;

/** Filters and paging every catalog list shares. */
export class CatalogSearchQuery extends PageQuery {
  @ApiPropertyOptional({ description: '关键词，中文无需空格，如“开放许可 新材料”', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: INDUSTRY_FIELD_CODES, description: '产业领域' })
  @IsOptional()
  @IsIn(INDUSTRY_FIELD_CODES)
  field?: IndustryField;

  @ApiPropertyOptional({ example: '220100', description: '只看该租户及其下级（市含所辖县）' })
  @IsOptional()
  @IsTenantCode()
  tenantCode?: string;

  @ApiPropertyOptional({ enum: ENTRY_STATUSES, default: 'published', description: '非“已发布”只返回您有权看到的条目' })
  @IsOptional()
  @IsIn(ENTRY_STATUSES)
  status?: EntryStatus;

  @ApiPropertyOptional({ format: 'uuid', description: '只看该机构的条目（如“我的成果”）' })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;
}

export class ReturnEntry {
  @ApiProperty({ description: '退回原因', example: '成果简介缺少技术指标，请补充后重新提交' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class MoneyRangeQuery {
  @ApiPropertyOptional({ description: '最低金额（分）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  priceMinFen?: number;

  @ApiPropertyOptional({ description: '最高金额（分）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  priceMaxFen?: number;
}
