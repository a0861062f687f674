import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsTenantCode, PageQuery } from '@techmarket/core';
import { FINDING_STATUSES, type FindingStatus } from '../entities/index.js';
import { RULE_CODES, type RuleCode } from '../rules.js';

export class FindingsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '220100', description: '租户代码：该租户及其下级的记录（默认：本人可见的全部）' })
  @IsOptional()
  @IsTenantCode()
  tenantCode?: string;

  @ApiPropertyOptional({ enum: FINDING_STATUSES })
  @IsOptional()
  @IsIn(FINDING_STATUSES)
  status?: FindingStatus;

  @ApiPropertyOptional({ enum: RULE_CODES })
  @IsOptional()
  @IsIn(RULE_CODES)
  rule?: RuleCode;
}

export class FindingAction {
  @ApiProperty({ example: '该合同为母子公司间划转，已提供董事会决议', description: '说明或结论' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  text: string;
}

export class RulesQuery {
  @ApiPropertyOptional({ example: '220100' })
  @IsOptional()
  @IsTenantCode()
  tenantCode?: string;
}

export class SetRule {
  @ApiPropertyOptional({ example: '220100', description: '租户代码（默认：本人所在租户）' })
  @IsOptional()
  @IsTenantCode()
  tenantCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ example: { thresholdFen: 100000 }, description: '该规则的参数（见 GET /monitoring/rules）' })
  @IsOptional()
  @IsObject()
  params?: Record<string, number>;
}

export class ScanQuery {
  @ApiPropertyOptional({ description: '手动扫描的任务编号' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  jobId?: string;
}
