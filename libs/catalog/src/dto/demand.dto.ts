import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { INDUSTRY_FIELD_CODES, type IndustryField } from '../catalog.constants.js';
import { CatalogSearchQuery, MAX_FEN, MoneyRangeQuery, QueryBoolean } from './common.dto.js';
import { IPC_PATTERN } from './patent.dto.js';

export class CreateDemand {
  @ApiProperty({ example: '玉米秸秆高值化利用技术需求' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ description: '需求描述：要解决的问题、技术指标' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  description: string;

  @ApiProperty({ enum: INDUSTRY_FIELD_CODES })
  @IsIn(INDUSTRY_FIELD_CODES)
  field: IndustryField;

  @ApiPropertyOptional({
    type: [String],
    example: ['A23K 10/30'],
    description: '需求所属 IPC 分类（小类如 A23K，或到组如 A23K 10/30）；不填时按行业领域对应的 IPC 分类匹配',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(IPC_PATTERN, { each: true })
  ipcClasses?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: '需求企业；县级服务中心代企业发布时必填' })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;

  @ApiPropertyOptional({ description: '预算下限（分）' }) @IsOptional() @IsInt() @Min(0) @Max(MAX_FEN) budgetMinFen?: number;
  @ApiPropertyOptional({ description: '预算上限（分）' }) @IsOptional() @IsInt() @Min(0) @Max(MAX_FEN) budgetMaxFen?: number;

  @ApiPropertyOptional({ example: '2027-06-30', description: '截止日期' })
  @IsOptional()
  @IsISO8601({ strict: true })
  deadline?: string;

  @ApiPropertyOptional({ description: '揭榜挂帅' })
  @IsOptional()
  @IsBoolean()
  isOpenCall?: boolean;

  @ApiPropertyOptional({ description: '揭榜奖励（分），揭榜挂帅时必填' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  rewardFen?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) externalId?: string;
}

export class UpdateDemand extends PartialType(OmitType(CreateDemand, ['organizationId'] as const)) {}

export class SearchDemandsQuery extends IntersectionType(CatalogSearchQuery, MoneyRangeQuery) {
  @ApiPropertyOptional({ description: '只看揭榜挂帅' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  openCall?: boolean;

  @ApiPropertyOptional({ enum: ['relevance', 'newest', 'price_asc', 'price_desc'] })
  @IsOptional()
  @IsIn(['relevance', 'newest', 'price_asc', 'price_desc'])
  sort?: 'relevance' | 'newest' | 'price_asc' | 'price_desc';
}
