import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
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
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@techmarket/core';
import {
  CONTRACT_DIRECTIONS,
  CONTRACT_FACT_CODES,
  CONTRACT_STATUSES,
  CONTRACT_TYPE_CODES,
  type ContractDirection,
  type ContractFact,
  type ContractStatus,
  type ContractType,
} from '../contract-types.js';
import { EXPERT_OPINIONS, type ExpertOpinion } from '../entities/index.js';

const MAX_FEN = 1e15;

export class Instalment {
  @ApiProperty({ example: '2026-06-30' }) @IsISO8601({ strict: true }) dueOn: string;
  @ApiProperty() @IsInt() @Min(1) @Max(MAX_FEN) amountFen: number;
}

export class SubmitContract {
  @ApiProperty({ example: '一种碳纤维复合材料制备方法专利权转让合同' }) @IsString() @IsNotEmpty() @MaxLength(200) title: string;

  @ApiProperty({
    enum: CONTRACT_TYPE_CODES,
    description: 'development 技术开发 / transfer 技术转让 / licence 技术许可 / consulting 技术咨询 / service 技术服务',
  })
  @IsIn(CONTRACT_TYPE_CODES)
  contractType: ContractType;

  @ApiPropertyOptional({
    example: 'patent_right',
    description: '子类型，如 commissioned 委托开发、patent_right 专利权转让、equity 作价入股',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  subType?: string;

  @ApiPropertyOptional({
    enum: CONTRACT_DIRECTIONS,
    default: 'domestic',
    description: 'domestic 国内技术合同（卖方所在地登记）；import 技术引进（卖方在境外或省外，由境内买方所在地登记）',
  })
  @IsOptional()
  @IsIn(CONTRACT_DIRECTIONS)
  direction?: ContractDirection;

  @ApiProperty({ format: 'uuid', description: '卖方（让与方、受托方）' }) @IsUUID('all') sellerOrgId: string;
  @ApiProperty({ format: 'uuid', description: '买方（受让方、委托方）' }) @IsUUID('all') buyerOrgId: string;

  @ApiProperty({ description: '技术合同成交额（分）' }) @IsInt() @Min(1) @Max(MAX_FEN) amountFen: number;
  @ApiProperty({ description: '技术交易额（分），不大于成交额' }) @IsInt() @Min(0) @Max(MAX_FEN) techTransactionFen: number;

  @ApiProperty({ example: '2026-03-01' }) @IsISO8601({ strict: true }) signedOn: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) termStart?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) termEnd?: string;

  @ApiPropertyOptional({ type: [Instalment], description: '付款计划' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => Instalment)
  paymentSchedule?: Instalment[];

  @ApiPropertyOptional({ type: [String], description: '涉及的专利 id' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  patentIds?: string[];

  @ApiPropertyOptional({ type: [String], description: '涉及的科技成果 id' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  achievementIds?: string[];

  @ApiPropertyOptional({ description: '已实施转化' }) @IsOptional() @IsBoolean() implemented?: boolean;
  @ApiPropertyOptional({ description: '转化净收入（分，高校院所填报）' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  netIncomeFen?: number;
  @ApiPropertyOptional({ description: '奖励完成人金额（分）' }) @IsOptional() @IsInt() @Min(0) @Max(MAX_FEN) inventorRewardFen?: number;
  @ApiPropertyOptional({ description: '作价入股新设企业实缴现金（分）' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  paidInCashCapitalFen?: number;
}

export class UpdateContract extends PartialType(OmitType(SubmitContract, ['sellerOrgId', 'direction'] as const)) {}

/** 变更: the fields that change; the rest are copied from the registered contract. */
export class AmendContract extends PartialType(OmitType(SubmitContract, ['sellerOrgId', 'buyerOrgId', 'direction'] as const)) {
  @ApiProperty({ description: '变更原因' }) @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class RecordPayment {
  @ApiProperty({ example: '2026-05-10' }) @IsISO8601({ strict: true }) receivedOn: string;
  @ApiProperty({ description: '到账金额（分）；全部到账合计不超过合同成交额' }) @IsInt() @Min(1) @Max(MAX_FEN) amountFen: number;
  @ApiProperty({ description: '银行流水号（交易参考号）', example: 'CCB20260510-000123' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  bankReference: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) note?: string;
}

export class PaymentParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') pid: string;
}

export class ReturnContract {
  @ApiProperty({ description: '退回原因' }) @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class CancelContract {
  @ApiProperty({ description: '撤销登记的原因（如合同已解除）' }) @IsString() @IsNotEmpty() @MaxLength(500) reason: string;
}

export class AssignExperts {
  @ApiProperty({ type: [String], description: '专家库中已发布的专家 id（与当事方同一机构的专家须回避）' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(15)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  expertIds: string[];
}

export class RecordOpinion {
  @ApiProperty({ enum: EXPERT_OPINIONS, description: 'agree 同意登记 / disagree 不同意登记' })
  @IsIn(EXPERT_OPINIONS)
  opinion: ExpertOpinion;

  @ApiProperty({ description: '评审意见' }) @IsString() @IsNotEmpty() @MaxLength(2000) comment: string;
}

export class FactParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id: string;
  @ApiProperty({ enum: CONTRACT_FACT_CODES }) @IsIn(CONTRACT_FACT_CODES) fact: ContractFact;
}

export class EvidenceParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') eid: string;
}

/** The form fields of a fact declaration (multipart, beside the `file`). */
export class DeclareFact {
  @ApiProperty({
    enum: CONTRACT_FACT_CODES,
    description: 'implemented 已实施转化 / netIncome 转化净收入 / inventorReward 奖励完成人金额 / paidInCashCapital 作价入股实缴现金',
  })
  @IsIn(CONTRACT_FACT_CODES)
  fact: ContractFact;

  @ApiPropertyOptional({ description: '金额（分）：netIncome、inventorReward、paidInCashCapital 必填；implemented 不填' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  valueFen?: number;
}

export const DUE_FILTERS = ['overdue', 'soon'] as const;

export class ListContractsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES }) @IsOptional() @IsIn(CONTRACT_STATUSES) status?: ContractStatus;
  @ApiPropertyOptional({ enum: CONTRACT_TYPE_CODES }) @IsOptional() @IsIn(CONTRACT_TYPE_CODES) contractType?: ContractType;
  @ApiPropertyOptional({
    enum: DUE_FILTERS,
    description: '办结期限：overdue 已超期 / soon 5 个工作日内到期（含今天）；只列待登记的合同，按到期日升序',
  })
  @IsOptional()
  @IsIn(DUE_FILTERS)
  due?: (typeof DUE_FILTERS)[number];
}

export class ListReviewsQuery extends PageQuery {}
