import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../http/pagination.js';
import { IsPhone, IsTenantCode } from '../../http/validators.js';
import { TENANT_TIERS, type TenantTier } from '../tenant.entity.js';

export class TenantView {
  @ApiProperty() id: string;
  @ApiProperty({ example: '220100' }) code: string;
  @ApiProperty({ example: '长春市' }) name: string;
  @ApiProperty({ enum: TENANT_TIERS }) tier: TenantTier;
  @ApiProperty({ enum: ['administrative', 'non_administrative'] }) kind: string;
  @ApiProperty({ nullable: true, example: '220000' }) parentCode: string | null;
  @ApiProperty({ nullable: true }) displayName: string | null;
  @ApiProperty({ nullable: true }) contactName: string | null;
  @ApiProperty({ nullable: true }) contactPhone: string | null;
  @ApiProperty({ nullable: true }) contactEmail: string | null;
  @ApiProperty() subMarketOpen: boolean;
  @ApiProperty() version: number;
}

export class TenantTreeNode extends TenantView {
  @ApiProperty({ type: () => [TenantTreeNode] }) children: TenantTreeNode[];
}

export class TenantPage {
  @ApiProperty({ type: [TenantView] }) items: TenantView[];
  @ApiProperty({ nullable: true }) nextCursor: string | null;
}

export class ListTenantsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TENANT_TIERS })
  @IsOptional()
  @IsIn(TENANT_TIERS)
  tier?: TenantTier;

  @ApiPropertyOptional({ description: 'Only the direct children of this tenant', example: '220100' })
  @IsOptional()
  @IsTenantCode()
  parentCode?: string;
}

/** The settings a tenant manages for itself (分市场设置). */
export class UpdateTenantSettings {
  @ApiPropertyOptional({ example: '长春科技大市场' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  displayName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  contactName?: string;

  @ApiPropertyOptional({ example: '0431-88888888' })
  @IsOptional()
  @IsPhone()
  contactPhone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  subMarketOpen?: boolean;
}

/** A non-administrative node (管委会, 新区, 开发区) added by the province. */
export class CreateTenant {
  @ApiProperty({ example: '220171', description: 'Statistical code, 6 digits' })
  @IsTenantCode()
  code: string;

  @ApiProperty({ example: '长春新区' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  name: string;

  @ApiProperty({ example: '220100' })
  @IsTenantCode()
  parentCode: string;
}
