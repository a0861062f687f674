import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsTenantCode, PageQuery } from '@techmarket/core';

/**
 * 依据文件: the document a parameter version cites. A plain string is read as the document
 * number (文号) for older clients; `example: true` says plainly that a figure is an example
 * (演示配置), not one the document sets.
 */
export class SourceDocument {
  @ApiProperty({ example: '吉科发区〔2022〕77号', description: '文号' }) @IsString() @IsNotEmpty() @MaxLength(120) document: string;
  @ApiPropertyOptional({ example: '关于省政协十二届五次会议第144号委员提案的答复', description: '标题' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;
  @ApiPropertyOptional({ example: '一、（三）强化政策支持激励', description: '条款' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  article?: string;
  @ApiPropertyOptional({ example: '吉林省科学技术厅', description: '发文机关' }) @IsOptional() @IsString() @MaxLength(120) issuer?: string;
  @ApiPropertyOptional({ example: '2022-08-01', description: '发文日期' }) @IsOptional() @IsISO8601({ strict: true }) issuedOn?: string;
  @ApiPropertyOptional({ description: '是否仅为示例数值（演示配置）' }) @IsOptional() @IsBoolean() example?: boolean;
}

const asSource = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? plainToInstance(SourceDocument, { document: value })
    : value && typeof value === 'object'
      ? plainToInstance(SourceDocument, value)
      : value;

export class InstallPlugin {
  @ApiProperty({ example: 'changchun-sme-patent-subsidy' }) @Matches(/^[a-z0-9-]{3,64}$/) pluginId: string;
  @ApiPropertyOptional({ description: '参数（缺省取插件默认值）', example: { ratePercent: 3 } }) @IsOptional() @IsObject() params?: Record<
    string,
    unknown
  >;
  @ApiProperty({ example: '2026-01-01', description: '参数生效日期' }) @IsISO8601({ strict: true }) validFrom: string;
  @ApiPropertyOptional({ example: '2026-12-31', description: '参数失效日期（含当日；缺省为长期有效）' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validTo?: string;
  @ApiProperty({ type: SourceDocument, description: '参数依据文件' })
  @Transform(asSource)
  @ValidateNested()
  @IsDefined()
  source: SourceDocument;
  @ApiPropertyOptional({ description: '本年度预算（分）' }) @IsOptional() @IsInt() @Min(0) @Max(1e15) annualBudgetFen?: number;
}

/** A new version of the parameters, valid from a date; earlier versions stay for past decisions. */
export class ConfigurePlugin {
  @ApiProperty({ example: { ratePercent: 2.5, capFen: 20000000 } }) @IsObject() params: Record<string, unknown>;
  @ApiProperty({ example: '2027-01-01' }) @IsISO8601({ strict: true }) validFrom: string;
  @ApiPropertyOptional({ example: '2027-12-31', description: '参数失效日期（含当日）' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validTo?: string;
  @ApiProperty({ type: SourceDocument }) @Transform(asSource) @ValidateNested() @IsDefined() source: SourceDocument;
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
