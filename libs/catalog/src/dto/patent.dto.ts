import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
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
import { defineValidator } from '@techmarket/core';
import {
  INDUSTRY_FIELD_CODES,
  LEGAL_STATUSES,
  LICENCE_FEE_TYPES,
  PATENT_TYPES,
  type IndustryField,
  type LegalStatus,
  type LicenceFeeType,
  type PatentType,
} from '../catalog.constants.js';
import { parsePatentNumber } from '../patent-number.js';
import { CatalogSearchQuery, MAX_FEN, QueryBoolean } from './common.dto.js';

export const IsPatentNumber = defineValidator('isPatentNumber', (v) => typeof v === 'string' && parsePatentNumber(v) !== null);
/** IPC class such as `A01B 1/00` or `A01B1/00` (section, class, subclass, group). */
export const IPC_PATTERN = /^[A-H]\d{2}[A-Z](\s?\d{1,4}\/\d{1,6})?$/;

export class CreatePatent {
  @ApiProperty({ example: '202110123456.7', description: '申请号（可带 ZL 前缀），校验位必须正确' })
  @IsPatentNumber()
  applicationNumber: string;

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) title: string;

  @ApiPropertyOptional({ description: '摘要' }) @IsOptional() @IsString() @MaxLength(5000) abstract?: string;

  @ApiProperty({ enum: Object.keys(PATENT_TYPES) })
  @IsIn(Object.keys(PATENT_TYPES))
  patentType: PatentType;

  @ApiProperty({ enum: Object.keys(LEGAL_STATUSES) })
  @IsIn(Object.keys(LEGAL_STATUSES))
  legalStatus: LegalStatus;

  @ApiPropertyOptional({ example: '2023-04-18' }) @IsOptional() @IsISO8601({ strict: true }) grantDate?: string;

  @ApiPropertyOptional({ type: [String], example: ['A01B 1/00'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(IPC_PATTERN, { each: true })
  ipcClasses?: string[];

  @ApiPropertyOptional({ enum: INDUSTRY_FIELD_CODES }) @IsOptional() @IsIn(INDUSTRY_FIELD_CODES) field?: IndustryField;

  @ApiPropertyOptional({ format: 'uuid', description: '专利权人（机构）；默认为当前用户所在机构' })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;
}

export class UpdatePatent extends PartialType(OmitType(CreatePatent, ['organizationId', 'applicationNumber'] as const)) {}

export class SearchPatentsQuery extends CatalogSearchQuery {
  @ApiPropertyOptional({ enum: Object.keys(PATENT_TYPES) })
  @IsOptional()
  @IsIn(Object.keys(PATENT_TYPES))
  patentType?: PatentType;

  @ApiPropertyOptional({ example: 'A01B', description: 'IPC 小类（4 位）' })
  @IsOptional()
  @Matches(/^[A-H]\d{2}[A-Z]$/)
  ipc?: string;

  @ApiPropertyOptional({ description: '开放许可中' }) @IsOptional() @QueryBoolean() @IsBoolean() openLicence?: boolean;
  @ApiPropertyOptional({ description: '免费许可' }) @IsOptional() @QueryBoolean() @IsBoolean() freeLicence?: boolean;

  @ApiPropertyOptional({ enum: ['relevance', 'newest'] })
  @IsOptional()
  @IsIn(['relevance', 'newest'])
  sort?: 'relevance' | 'newest';
}

/** 开放许可声明. */
export class DeclareOpenLicence {
  @ApiProperty({ enum: Object.keys(LICENCE_FEE_TYPES), description: '使用费标准' })
  @IsIn(Object.keys(LICENCE_FEE_TYPES))
  feeType: LicenceFeeType;

  @ApiPropertyOptional({ description: '一次性或年费金额（分）' }) @IsOptional() @IsInt() @Min(0) @Max(MAX_FEN) feeFen?: number;

  @ApiPropertyOptional({ description: '提成比例（万分之一），如 300 = 3%' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  royaltyBasisPoints?: number;

  @ApiPropertyOptional({ description: '支付方式' }) @IsOptional() @IsString() @MaxLength(200) paymentMethod?: string;

  @ApiProperty({ example: '2026-01-01' }) @IsISO8601({ strict: true }) periodStart: string;
  @ApiProperty({ example: '2028-12-31' }) @IsISO8601({ strict: true }) periodEnd: string;

  @ApiPropertyOptional({ description: '免费许可' }) @IsOptional() @IsBoolean() isFree?: boolean;
  @ApiPropertyOptional({ description: '先用后付' }) @IsOptional() @IsBoolean() useFirstPayLater?: boolean;
}

export class WithdrawOpenLicence {
  @ApiProperty({ description: '撤回原因' }) @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class LicenceParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') licenceId: string;
}
