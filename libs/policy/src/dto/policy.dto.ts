import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsTenantCode, PageQuery } from '@techmarket/core';

export class InstallPlugin {
  @ApiProperty({ example: 'changchun-sme-patent-subsidy' }) @Matches(/^[a-z0-9-]{3,64}$/) pluginId: string;
  @ApiPropertyOptional({ description: '参数（缺省取插件默认值）', example: { ratePercent: 3 } }) @IsOptional() @IsObject() params?: Record<
    string,
    unknown
  >;
  @ApiProperty({ example: '2026-01-01', description: '参数生效日期' }) @IsISO8601({ strict: true }) validFrom: string;
  @ApiProperty({ example: '长科技发〔2026〕12号 关于调整专利转化补贴标准的通知', description: '参数依据文件' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  source: string;
  @ApiPropertyOptional({ description: '本年度预算（分）' }) @IsOptional() @IsInt() @Min(0) @Max(1e15) annualBudgetFen?: number;
}

/** A new version of the parameters, valid from a date; earlier versions stay for past decisions. */
export class ConfigurePlugin {
  @ApiProperty({ example: { ratePercent: 2.5, capFen: 20000000 } }) @IsObject() params: Record<string, unknown>;
  @ApiProperty({ example: '2027-01-01' }) @IsISO8601({ strict: true }) validFrom: string;
  @ApiProperty({ example: '长科技发〔2026〕30号' }) @IsString() @IsNotEmpty() @MaxLength(300) source: string;
}

export class SetBudget {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiProperty({ description: '年度预算（分）' }) @IsInt() @Min(0) @Max(1e15) budgetFen: number;
}

export class SimulatePlugin {
  @ApiProperty({ description: '拟调整的参数' }) @IsObject() params: Record<string, unknown>;
  @ApiPropertyOptional({ example: 2025, description: '用哪一年已登记的合同模拟；默认上一年' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class ListInstallationsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '220100' }) @IsOptional() @IsTenantCode() tenantCode?: string;
}

export class ListDecisionsQuery extends PageQuery {
  @ApiPropertyOptional({ description: '合同 id、目录条目 id 或年度结算键（如 220000:2026）' })
  @IsOptional()
  @Matches(/^[\w:.-]{1,64}$/)
  subjectId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') installationId?: string;
}

export class FileApplication {
  @ApiProperty({ format: 'uuid', description: '符合条件的政策判定' }) @IsUUID('all') decisionId: string;
}

export class RejectApplication {
  @ApiProperty({ description: '不予批准的原因' }) @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class DisburseApplication {
  @ApiProperty({ description: '拨付凭证号' }) @IsString() @IsNotEmpty() @MaxLength(64) reference: string;
}

export class CloseYear {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;
}

export class TenantCodeAndYear {
  @ApiProperty({ example: '220000' }) @IsTenantCode() code: string;
}
