import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { INDUSTRY_FIELD_CODES } from '@techmarket/catalog';
import { defineValidator } from '@techmarket/core';

/** A keyword or product must hold at least one letter or digit (a word the catalog can find). */
export const HasWord = defineValidator('hasWord', (v) => typeof v === 'string' && /[\p{L}\p{N}]/u.test(v));

/** 企业画像的自述部分: its 行业领域, keywords and products (the whole part, replaced). */
export class DeclaredProfileDto {
  @ApiProperty({ enum: INDUSTRY_FIELD_CODES, isArray: true, example: ['modern_agriculture'] })
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsIn(INDUSTRY_FIELD_CODES, { each: true })
  fields: string[];

  @ApiProperty({ type: [String], example: ['秸秆还田', '生物炭'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  @HasWord({ each: true })
  keywords: string[];

  @ApiProperty({ type: [String], example: ['玉米秸秆生物炭基肥'] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  @HasWord({ each: true })
  products: string[];
}

export class ProfileMatchesQuery {
  @ApiPropertyOptional({ enum: ['achievement', 'patent', 'expert'], default: 'achievement', description: 'patent：仅开放许可专利' })
  @IsOptional()
  @IsIn(['achievement', 'patent', 'expert'])
  kind?: 'achievement' | 'patent' | 'expert';

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

/** Subscription kinds: what a digest may list. */
export const SUBSCRIPTION_KINDS = ['achievement', 'patent', 'demand', 'expert'] as const;
export const FREQUENCIES = ['daily', 'weekly'] as const;

/** 订阅: fields and/or keywords (at least one of them), the kinds of entries, daily or weekly. */
export class CreateSubscriptionDto {
  @ApiPropertyOptional({ enum: INDUSTRY_FIELD_CODES, isArray: true, example: ['new_materials'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(13)
  @ArrayUnique()
  @IsIn(INDUSTRY_FIELD_CODES, { each: true })
  fields?: string[];

  @ApiPropertyOptional({ type: [String], example: ['碳纤维'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  @HasWord({ each: true })
  keywords?: string[];

  @ApiPropertyOptional({ enum: SUBSCRIPTION_KINDS, isArray: true, default: ['achievement', 'patent', 'demand'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn([...SUBSCRIPTION_KINDS], { each: true })
  kinds?: string[];

  @ApiProperty({ enum: FREQUENCIES, description: 'daily 每日 | weekly 每周' })
  @IsIn([...FREQUENCIES])
  frequency: 'daily' | 'weekly';
}

/** A change to a subscription: only what is given changes. */
export class UpdateSubscriptionDto extends PartialType(CreateSubscriptionDto) {
  @ApiPropertyOptional({ description: 'false：暂停；true：恢复' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

/** Run the digests now (the scheduled job's run, asked for by the province admin). */
export class RunDigestsDto {
  @ApiProperty({ enum: FREQUENCIES })
  @IsIn([...FREQUENCIES])
  frequency: 'daily' | 'weekly';

  @ApiPropertyOptional({ description: '补发某一天（中国时间，不晚于今天）的推送，如 2026-11-27；默认今天', example: '2026-11-27' })
  @IsOptional()
  @IsString()
  date?: string;
}

export class UnsubscribeQuery {
  @ApiProperty()
  @IsString()
  @MaxLength(64)
  s: string;

  @ApiProperty()
  @IsString()
  @MaxLength(128)
  sig: string;
}
