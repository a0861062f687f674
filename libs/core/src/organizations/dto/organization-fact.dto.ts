import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../http/pagination.js';
import {
  FACT_REQUEST_STATES,
  FACT_SOURCE_KINDS,
  type FactRequestState,
  type FactSourceKind,
  MANUAL_SOURCE_KINDS,
  ORGANIZATION_FACTS,
  ORGANIZATION_STATUSES,
  type OrganizationFact,
  type OrganizationStatus,
} from '../organization-fact.entity.js';

const MAX_FEN = 1e15;

/** 来源: the list, certificate or document a status or the founding facts rest on. */
export class FactSourceInput {
  @ApiProperty({ enum: MANUAL_SOURCE_KINDS, description: 'list 名单 / certificate 证书 / document 文件（营业执照、验资报告等）' })
  @IsIn(MANUAL_SOURCE_KINDS)
  kind: (typeof MANUAL_SOURCE_KINDS)[number];

  @ApiProperty({ example: '高新技术企业证书', description: '名单、证书或文件的名称' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'GR202522000123', description: '证书编号或文号' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  certificateNumber?: string;

  @ApiProperty({ example: '2025-11-20', description: '发布或发证日期' })
  @IsISO8601({ strict: true })
  issuedOn: string;

  @ApiPropertyOptional({ example: '2028-11-19', description: '有效期至（含当日，中国时间）；过期后不再计为具有该资格' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validUntil?: string;
}

export class StatusParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id: string;

  @ApiProperty({ enum: ORGANIZATION_STATUSES, description: 'isSme 中小企业 / isSpecialized 专精特新 / isHighTech 高新技术企业' })
  @IsIn(ORGANIZATION_STATUSES)
  status: OrganizationStatus;
}

export class SetStatus {
  @ApiProperty({ description: '是否具有该资格（false：撤销）' })
  @IsBoolean()
  value: boolean;

  @ApiProperty({ type: FactSourceInput })
  @IsDefined()
  @ValidateNested()
  @Type(() => FactSourceInput)
  source: FactSourceInput;

  @ApiPropertyOptional({ description: '备注' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** 设立信息. */
export class FoundingInput {
  @ApiProperty({ example: '2026-01-05', description: '成立日期' })
  @IsISO8601({ strict: true })
  foundedOn: string;

  @ApiProperty({ description: '以技术成果作价入股设立' })
  @IsBoolean()
  withTechnologyEquity: boolean;

  @ApiProperty({ example: 3_000_000_000, description: '注册资本实缴货币出资（分）' })
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  paidInCashCapitalFen: number;
}

export class SetFounding extends FoundingInput {
  @ApiProperty({ type: FactSourceInput, description: '如营业执照、验资报告、出资协议' })
  @IsDefined()
  @ValidateNested()
  @Type(() => FactSourceInput)
  source: FactSourceInput;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** A member's request to change one fact of its own organisation. */
export class RequestFactChange {
  @ApiProperty({ enum: ORGANIZATION_FACTS, description: 'isSme / isSpecialized / isHighTech / founding 设立信息' })
  @IsIn(ORGANIZATION_FACTS)
  fact: OrganizationFact;

  @ApiPropertyOptional({ description: '资格的新值（资格类必填）' })
  @ValidateIf((o: RequestFactChange) => o.fact !== 'founding' || o.value !== undefined)
  @IsDefined()
  @IsBoolean()
  value?: boolean;

  @ApiPropertyOptional({ type: FoundingInput, description: '设立信息（fact = founding 时必填）' })
  @ValidateIf((o: RequestFactChange) => o.fact === 'founding' || o.founding !== undefined)
  @IsDefined()
  @ValidateNested()
  @Type(() => FoundingInput)
  founding?: FoundingInput;

  @ApiPropertyOptional({ type: FactSourceInput, description: '企业提供的来源（证书、名单）' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FactSourceInput)
  source?: FactSourceInput;

  @ApiProperty({ description: '证明材料说明', example: '已于 2025-11-20 取得高新技术企业证书，扫描件已提交县服务中心' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  evidence: string;
}

export class ConfirmFactRequest {
  @ApiPropertyOptional({ type: FactSourceInput, description: '核实后的来源；申请未提供来源时必填，提供时覆盖申请中的来源' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FactSourceInput)
  source?: FactSourceInput;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class RejectFactRequest {
  @ApiProperty({ description: '不予确认的原因' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class ListFactRequestsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FACT_REQUEST_STATES })
  @IsOptional()
  @IsIn(FACT_REQUEST_STATES)
  state?: FactRequestState;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  organizationId?: string;
}

export class ClaimedSourceView {
  @ApiProperty({ enum: FACT_SOURCE_KINDS }) kind: FactSourceKind;
  @ApiProperty() name: string;
  @ApiPropertyOptional() certificateNumber?: string;
  @ApiProperty() issuedOn: string;
  @ApiPropertyOptional() validUntil?: string;
}

export class FactRequestView {
  @ApiProperty() id: string;
  @ApiProperty() organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty() tenantCode: string;
  @ApiProperty({ enum: ORGANIZATION_FACTS }) fact: OrganizationFact;
  @ApiProperty({ nullable: true }) value: boolean | null;
  @ApiProperty({ type: FoundingInput, nullable: true }) founding: FoundingInput | null;
  @ApiProperty({ type: ClaimedSourceView, nullable: true }) source: ClaimedSourceView | null;
  @ApiProperty() evidence: string;
  @ApiProperty({ enum: FACT_REQUEST_STATES }) state: FactRequestState;
  @ApiProperty() requestedBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true }) decidedBy: string | null;
  @ApiProperty({ nullable: true }) decidedAt: string | null;
  @ApiProperty({ nullable: true }) decisionReason: string | null;
}

export class FactRequestPage {
  @ApiProperty({ type: [FactRequestView] }) items: FactRequestView[];
  @ApiProperty({ nullable: true }) nextCursor: string | null;
}

/** 导入官方名单: the list as a whole; rows may carry their own certificate number and dates. */
export class ImportStatusListQuery {
  @ApiProperty({ enum: ORGANIZATION_STATUSES, description: '名单认定的资格' })
  @IsIn(ORGANIZATION_STATUSES)
  status: OrganizationStatus;

  @ApiProperty({ example: '关于公布2025年吉林省专精特新中小企业名单的通知', description: '名单名称' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  sourceName: string;

  @ApiPropertyOptional({ example: '吉工信中小企业〔2025〕12号', description: '文号（行内“证书编号”列优先）' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  certificateNumber?: string;

  @ApiProperty({ example: '2025-06-30', description: '发布日期（行内“发证日期”列优先）' })
  @IsISO8601({ strict: true })
  issuedOn: string;

  @ApiPropertyOptional({ example: '2028-06-29', description: '有效期至（行内“有效期至”列优先）' })
  @IsOptional()
  @IsISO8601({ strict: true })
  validUntil?: string;
}

export class ImportedRow {
  @ApiProperty({ description: '表格行号' }) row: number;
  @ApiProperty() organizationId: string;
  @ApiProperty() name: string;
}

export class StatusImportResult {
  @ApiProperty({ enum: ORGANIZATION_STATUSES }) status: OrganizationStatus;
  @ApiProperty({ description: '已认定的机构数' }) imported: number;
  @ApiProperty({ type: [ImportedRow] }) rows: ImportedRow[];
}
