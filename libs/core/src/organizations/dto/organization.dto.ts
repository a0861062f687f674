import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../http/pagination.js';
import { IsCreditCode, IsDivisionCode, IsPhone, IsTenantCode } from '../../http/validators.js';
import { FACT_SOURCE_KINDS, type FactSourceKind } from '../organization-fact.entity.js';
import { ORGANIZATION_TYPES, type OrganizationType } from '../organization.entity.js';

export class FactSourceView {
  @ApiProperty({ enum: FACT_SOURCE_KINDS, description: 'list 名单 / certificate 证书 / document 文件 / import 导入的名单' })
  kind: FactSourceKind;
  @ApiProperty({ example: '关于公布2025年吉林省专精特新中小企业名单的通知' }) name: string;
  @ApiProperty({ nullable: true, description: '证书编号或文号' }) certificateNumber: string | null;
  @ApiProperty({ example: '2025-06-30' }) issuedOn: string;
  @ApiProperty({ nullable: true, example: '2028-06-29' }) validUntil: string | null;
  @ApiProperty({ nullable: true, format: 'uuid', description: '确认人（null：系统载入）' }) confirmedBy: string | null;
  @ApiProperty() confirmedAt: string;
  @ApiProperty({ nullable: true, format: 'uuid', description: '对应的认定变更申请' }) requestId: string | null;
  @ApiProperty({ nullable: true }) note: string | null;
}

export class StatusView {
  @ApiProperty({ description: '来源给出的值（false：撤销或未认定）' }) value: boolean;
  @ApiProperty({ description: '有效期已过（中国日期）：不再计为具有该资格' }) expired: boolean;
  @ApiProperty({ type: FactSourceView }) source: FactSourceView;
}

export class StatusesView {
  @ApiProperty({ type: StatusView, nullable: true }) isSme: StatusView | null;
  @ApiProperty({ type: StatusView, nullable: true }) isSpecialized: StatusView | null;
  @ApiProperty({ type: StatusView, nullable: true }) isHighTech: StatusView | null;
}

export class FoundingView {
  @ApiProperty({ example: '2026-01-05' }) foundedOn: string;
  @ApiProperty({ description: '以技术成果作价入股设立' }) withTechnologyEquity: boolean;
  @ApiProperty({ description: '注册资本实缴货币出资（分）' }) paidInCashCapitalFen: number;
  @ApiProperty({ type: FactSourceView, nullable: true }) source: FactSourceView | null;
}

export class OrganizationView {
  @ApiProperty() id: string;
  @ApiProperty({ example: '220104' }) tenantCode: string;
  @ApiProperty({ example: '吉林大学' }) name: string;
  @ApiProperty({ enum: ORGANIZATION_TYPES }) type: OrganizationType;
  @ApiProperty({ nullable: true }) creditCode: string | null;
  @ApiProperty({ example: '220104', description: '所在行政区划代码（GB/T 2260），可在省外' }) divisionCode: string;
  @ApiProperty({ description: '位于本省（行政区划与省级租户同省）' }) inProvince: boolean;
  @ApiProperty({ description: '中小企业：经辖区工作人员确认且在有效期内' }) isSme: boolean;
  @ApiProperty({ description: '专精特新：经确认且在有效期内' }) isSpecialized: boolean;
  @ApiProperty({ description: '高新技术企业：经确认且在有效期内' }) isHighTech: boolean;
  @ApiProperty({ type: StatusesView, description: '各资格的来源（null：未记录来源）' }) statuses: StatusesView;
  @ApiProperty({ type: FoundingView, nullable: true, description: '设立信息（经确认）' }) founding: FoundingView | null;
  @ApiProperty({ nullable: true }) contactName: string | null;
  @ApiProperty({ nullable: true }) contactPhone: string | null;
}

export class OrganizationPage {
  @ApiProperty({ type: [OrganizationView] }) items: OrganizationView[];
  @ApiProperty({ nullable: true }) nextCursor: string | null;
}

export class CreateOrganization {
  @ApiProperty({ example: '220104', description: 'Tenant where the organisation is located' })
  @IsTenantCode()
  tenantCode: string;

  @ApiProperty({ example: '吉林大学' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name: string;

  @ApiProperty({ enum: ORGANIZATION_TYPES })
  @IsIn(ORGANIZATION_TYPES)
  type: OrganizationType;

  @ApiPropertyOptional({ description: '统一社会信用代码' })
  @IsOptional()
  @IsCreditCode()
  creditCode?: string;

  @ApiPropertyOptional({
    example: '330106',
    description:
      '所在行政区划代码（GB/T 2260）；默认为所属租户的代码。省内代码须为所属租户或其下级，省外代码（如吉浙合作的浙江企业）可登记在任一租户下',
  })
  @IsOptional()
  @IsDivisionCode()
  divisionCode?: string;

  @ApiPropertyOptional({
    description: '中小企业：不能在此设置（403），由辖区工作人员依据名单或证书认定（PUT /organizations/{id}/statuses/isSme）',
  })
  @IsOptional()
  @IsBoolean()
  isSme?: boolean;

  @ApiPropertyOptional({ description: '专精特新：不能在此设置（403），见 PUT /organizations/{id}/statuses/isSpecialized' })
  @IsOptional()
  @IsBoolean()
  isSpecialized?: boolean;

  @ApiPropertyOptional({ description: '高新技术企业：不能在此设置（403），见 PUT /organizations/{id}/statuses/isHighTech' })
  @IsOptional()
  @IsBoolean()
  isHighTech?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  contactName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsPhone()
  contactPhone?: string;
}

export class UpdateOrganization extends PartialType(
  PickType(CreateOrganization, [
    'name',
    'creditCode',
    'divisionCode',
    'isSme',
    'isSpecialized',
    'isHighTech',
    'contactName',
    'contactPhone',
  ] as const),
) {}

export class ListOrganizationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORGANIZATION_TYPES })
  @IsOptional()
  @IsIn(ORGANIZATION_TYPES)
  type?: OrganizationType;

  @ApiPropertyOptional({ description: 'Only this tenant and its descendants', example: '220100' })
  @IsOptional()
  @IsTenantCode()
  tenantCode?: string;
}
