import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsPhone } from '@techmarket/core';
import {
  INDUSTRY_FIELD_CODES,
  MATURITY_STAGES,
  TRANSFER_MODES,
  type IndustryField,
  type MaturityStage,
  type TransferMode,
} from '../catalog.constants.js';
import { CatalogSearchQuery, MAX_FEN, MoneyRangeQuery, QueryBoolean } from './common.dto.js';

const MATURITY = Object.keys(MATURITY_STAGES);
const MODES = Object.keys(TRANSFER_MODES);

export class CreateAchievement {
  @ApiProperty({ example: '高性能碳纤维复合材料低成本制备技术' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ description: '成果简介' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  summary: string;

  @ApiProperty({ enum: INDUSTRY_FIELD_CODES })
  @IsIn(INDUSTRY_FIELD_CODES)
  field: IndustryField;

  @ApiPropertyOptional({ type: [String], example: ['碳纤维', '复合材料'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  keywords?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: '所属机构；默认为当前用户所在机构' })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) contactName?: string;
  @ApiPropertyOptional() @IsOptional() @IsPhone() contactPhone?: string;

  @ApiProperty({ enum: MATURITY, description: '研发 research / 小试 lab / 中试 pilot / 产业化 industrial' })
  @IsIn(MATURITY)
  maturity: MaturityStage;

  @ApiPropertyOptional({ minimum: 1, maximum: 9, description: '技术就绪度 TRL，须落在成熟度对应区间' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  trl?: number;

  @ApiProperty({ enum: MODES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(MODES, { each: true })
  transferModes: TransferMode[];

  @ApiPropertyOptional({ description: '挂牌价（分）；不填且 priceNegotiable=true 表示面议' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  priceFen?: number;

  @ApiPropertyOptional({ description: '面议' })
  @IsOptional()
  @IsBoolean()
  priceNegotiable?: boolean;

  @ApiPropertyOptional({ example: '国家重点研发计划' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  fundingSource?: string;

  @ApiPropertyOptional({ type: [String], description: '关联专利 id' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  patentIds?: string[];

  @ApiPropertyOptional({ description: '机构自己的编号，重复导入时据此更新' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  externalId?: string;
}

export class UpdateAchievement extends PartialType(OmitType(CreateAchievement, ['organizationId'] as const)) {}

export class SearchAchievementsQuery extends IntersectionType(CatalogSearchQuery, MoneyRangeQuery) {
  @ApiPropertyOptional({ enum: MATURITY })
  @IsOptional()
  @IsIn(MATURITY)
  maturity?: MaturityStage;

  @ApiPropertyOptional({ enum: MODES, isArray: true, description: '可多选，满足其一即可' })
  @IsOptional()
  @Type(() => String)
  @IsIn(MODES, { each: true })
  transferMode?: TransferMode | TransferMode[];

  @ApiPropertyOptional({ description: '关联专利已声明开放许可' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  openLicence?: boolean;

  @ApiPropertyOptional({ description: '免费许可' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  freeLicence?: boolean;

  @ApiPropertyOptional({ enum: ['relevance', 'newest', 'price_asc', 'price_desc'], default: 'relevance' })
  @IsOptional()
  @IsIn(['relevance', 'newest', 'price_asc', 'price_desc'])
  sort?: 'relevance' | 'newest' | 'price_asc' | 'price_desc';
}
