import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../http/pagination.js';
import { IsCreditCode, IsPhone, IsTenantCode } from '../../http/validators.js';
import { ORGANIZATION_TYPES, type OrganizationType } from '../organization.entity.js';

export class OrganizationView {
  @ApiProperty() id: string;
  @ApiProperty({ example: '220104' }) tenantCode: string;
  @ApiProperty({ example: '吉林大学' }) name: string;
  @ApiProperty({ enum: ORGANIZATION_TYPES }) type: OrganizationType;
  @ApiProperty({ nullable: true }) creditCode: string | null;
  @ApiProperty() isSme: boolean;
  @ApiProperty() isSpecialized: boolean;
  @ApiProperty() isHighTech: boolean;
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

  @ApiPropertyOptional({ description: '中小微企业' })
  @IsOptional()
  @IsBoolean()
  isSme?: boolean;

  @ApiPropertyOptional({ description: '专精特新' })
  @IsOptional()
  @IsBoolean()
  isSpecialized?: boolean;

  @ApiPropertyOptional({ description: '高新技术企业' })
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
  PickType(CreateOrganization, ['name', 'creditCode', 'isSme', 'isSpecialized', 'isHighTech', 'contactName', 'contactPhone'] as const),
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
