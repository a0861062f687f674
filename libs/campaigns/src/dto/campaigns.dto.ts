import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { INDUSTRY_FIELD_CODES } from '@techmarket/catalog';
import { defineValidator, IsTenantCode } from '@techmarket/core';
import { PERIOD_PATTERN } from '@techmarket/rollup';
import { MAX_ITEMS_PER_RECIPIENT } from '../personalise.js';
import { SEGMENT_STATUSES, SET_KINDS, type SegmentStatus, type SetKind } from '../segment.js';

/** 推送内容: which published entries the campaign pushes. */
export class CampaignSetDto {
  @ApiProperty({ enum: SET_KINDS, example: 'patent' })
  @IsIn([...SET_KINDS])
  kind: SetKind;

  @ApiPropertyOptional({ description: '只推送开放许可的条目', example: true })
  @IsOptional()
  @IsBoolean()
  openLicenceOnly?: boolean;

  @ApiPropertyOptional({ enum: INDUSTRY_FIELD_CODES, isArray: true, description: '行业领域（任一）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(13)
  @IsIn(INDUSTRY_FIELD_CODES, { each: true })
  fields?: string[];

  @ApiPropertyOptional({ type: [String], example: ['玉米', '保护性耕作'], description: '关键词（任一）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 20, { each: true })
  keywords?: string[];

  @ApiPropertyOptional({ example: '220000', description: '只推送该地区（含下级）机构的条目' })
  @IsOptional()
  @IsTenantCode()
  tenantCode?: string;
}

/** 目标企业. */
export class CampaignSegmentDto {
  @ApiProperty({ example: '220100', description: '地区：本级或下级租户代码，含其全部下级' })
  @IsTenantCode()
  tenantCode: string;

  @ApiPropertyOptional({ enum: SEGMENT_STATUSES, isArray: true, description: '企业资质（任一）：中小企业、专精特新、高新技术企业' })
  @IsOptional()
  @IsArray()
  @IsIn([...SEGMENT_STATUSES], { each: true })
  statuses?: SegmentStatus[];

  @ApiPropertyOptional({ enum: INDUSTRY_FIELD_CODES, isArray: true, description: '行业领域（任一，依企业已发布的需求）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(13)
  @IsIn(INDUSTRY_FIELD_CODES, { each: true })
  fields?: string[];
}

export class CreateCampaign {
  @ApiProperty({ example: '2026年开放许可专利定向推送（长春·现代农业）' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ example: '【吉林省科技大市场】为您精选的开放许可专利' })
  @IsString()
  @Length(1, 120)
  subject: string;

  @ApiPropertyOptional({ example: '以下开放许可专利与贵单位的行业领域相符，欢迎对接。' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  intro?: string;

  @ApiProperty({ type: CampaignSetDto })
  @ValidateNested()
  @Type(() => CampaignSetDto)
  set: CampaignSetDto;

  @ApiProperty({ type: CampaignSegmentDto })
  @ValidateNested()
  @Type(() => CampaignSegmentDto)
  segment: CampaignSegmentDto;

  @ApiPropertyOptional({ example: 5, minimum: 1, maximum: MAX_ITEMS_PER_RECIPIENT, description: '每家企业推送的条目数' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ITEMS_PER_RECIPIENT)
  itemsPerRecipient?: number;
}

export class PreviewQuery {
  @ApiPropertyOptional({ example: 50, description: '列出的收件企业数（总数不受影响）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  limit?: number;
}

export class FunnelQuery {
  @ApiPropertyOptional({ example: '220000', description: '按该地区的下一级汇总（默认本级）' })
  @IsOptional()
  @IsTenantCode()
  tenantCode?: string;

  @ApiPropertyOptional({ description: '只看一个推送活动' })
  @IsOptional()
  @IsUUID()
  campaignId?: string;
}

export class RecordContact {
  @ApiProperty({ example: '已组织企业与专利权人线上对接，约定下周现场考察。' })
  @IsString()
  @Length(1, 500)
  note: string;
}

export class ReviewDelivery {
  @ApiProperty({
    enum: ['delivered', 'resend'],
    description: 'delivered：已核实邮件送达（计为已发送）；resend：已核实未送达，重新发送（退订地址不再发送）',
  })
  @IsIn(['delivered', 'resend'])
  outcome: 'delivered' | 'resend';

  @ApiProperty({ example: '收件企业来电确认未收到邮件。' })
  @IsString()
  @Length(1, 500)
  note: string;
}

/** The roll-up's period syntax (its `periodFormat` message): a year, a quarter or a month. */
const IsPeriod = defineValidator('periodFormat', (v) => typeof v === 'string' && PERIOD_PATTERN.test(v));

export class MatchFunnelQuery {
  @ApiPropertyOptional({ example: '220100', description: '按该地区的下一级汇总（默认本级）' })
  @IsOptional()
  @IsTenantCode()
  tenantCode?: string;

  @ApiProperty({ example: '2026-Q4', description: '通知发出的期间：年份 2026、季度 2026-Q4 或月份 2026-11（中国时间）' })
  @IsPeriod()
  period: string;

  @ApiPropertyOptional({ description: '只看一条企业需求的匹配通知' })
  @IsOptional()
  @IsUUID()
  demandId?: string;
}
