import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '../iam/authorize.decorator.js';
import { AuditLogPage, ListAuditLogQuery } from './audit.dto.js';
import { AuditService } from './audit.service.js';

@ApiTags('audit 审计')
@ApiBearerAuth()
@Controller('audit-logs')
export class AuditController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Get()
  @Authorize('read', 'AuditLogEntry')
  @ApiOperation({ summary: '本级及下级的审计日志（最新在前）' })
  @ApiOkResponse({ type: AuditLogPage })
  list(@Query() q: ListAuditLogQuery) {
    return this.audit.list(q);
  }
}
