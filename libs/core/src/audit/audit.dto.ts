import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../http/pagination.js';
import { IsTenantCode } from '../http/validators.js';

export class AuditLogView {
  @ApiProperty() id: string;
  @ApiProperty() tenantCode: string;
  @ApiProperty({ nullable: true }) actorUserId: string | null;
  @ApiProperty({ enum: ['create', 'update', 'delete'] }) action: string;
  @ApiProperty({ example: 'Tenant' }) entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ description: 'field → {from, to}' }) changes: Record<string, { from: unknown; to: unknown }>;
  @ApiProperty({ nullable: true }) requestId: string | null;
  @ApiProperty() createdAt: string;
}

export class AuditLogPage {
  @ApiProperty({ type: [AuditLogView] }) items: AuditLogView[];
  @ApiProperty({ nullable: true }) nextCursor: string | null;
}

export class ListAuditLogQuery extends PageQuery {
  /** Any audited entity type, core's or one a module registered (e.g. Organization, UserAccount, or a module's entity). */
  @ApiPropertyOptional({ example: 'Tenant' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z][A-Za-z]{0,63}$/)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ example: '220100' })
  @IsOptional()
  @IsTenantCode()
  tenantCode?: string;
}
