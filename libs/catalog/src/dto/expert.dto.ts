import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';
import { IsPhone, IsTenantCode } from '@techmarket/core';
import { EXPERT_AVAILABILITY, INDUSTRY_FIELD_CODES, type ExpertAvailability, type IndustryField } from '../catalog.constants.js';
import { CatalogSearchQuery } from './common.dto.js';

export class CreateExpert {
  @ApiProperty({ example: '王立新' }) @IsString() @IsNotEmpty() @MaxLength(32) name: string;
  @ApiProperty({ example: '教授', description: '职称' }) @IsString() @IsNotEmpty() @MaxLength(32) title: string;

  @ApiProperty({ enum: INDUSTRY_FIELD_CODES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsIn(INDUSTRY_FIELD_CODES, { each: true })
  fields: IndustryField[];

  @ApiPropertyOptional({ description: '简介与擅长方向' }) @IsOptional() @IsString() @MaxLength(3000) bio?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '所在机构' }) @IsOptional() @IsUUID('all') organizationId?: string;
  @ApiPropertyOptional({ example: '220100', description: '所属租户；默认为机构或本人所在租户' })
  @IsOptional()
  @IsTenantCode()
  tenantCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsPhone() contactPhone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() contactEmail?: string;

  @ApiPropertyOptional({ enum: Object.keys(EXPERT_AVAILABILITY) })
  @IsOptional()
  @IsIn(Object.keys(EXPERT_AVAILABILITY))
  availability?: ExpertAvailability;
}

export class UpdateExpert extends PartialType(OmitType(CreateExpert, ['organizationId', 'tenantCode'] as const)) {}

export class SearchExpertsQuery extends CatalogSearchQuery {
  @ApiPropertyOptional({ enum: Object.keys(EXPERT_AVAILABILITY) })
  @IsOptional()
  @IsIn(Object.keys(EXPERT_AVAILABILITY))
  availability?: ExpertAvailability;

  @ApiPropertyOptional({ enum: ['relevance', 'newest'] })
  @IsOptional()
  @IsIn(['relevance', 'newest'])
  sort?: 'relevance' | 'newest';
}
