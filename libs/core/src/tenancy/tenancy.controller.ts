import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '../iam/authorize.decorator.js';
import { TenantCodeParam } from '../http/params.js';
import { CreateTenant, ListTenantsQuery, TenantPage, TenantTreeNode, TenantView, UpdateTenantSettings } from './dto/tenant.dto.js';
import { TenancyService } from './tenancy.service.js';

@ApiTags('tenants 租户')
@ApiBearerAuth()
@Controller('tenants')
export class TenancyController {
  constructor(@Inject(TenancyService) private readonly tenancy: TenancyService) {}

  @Get()
  @Authorize('read', 'Tenant')
  @ApiOperation({ summary: '租户列表（本级及下级）' })
  @ApiOkResponse({ type: TenantPage })
  list(@Query() q: ListTenantsQuery) {
    return this.tenancy.list(q);
  }

  @Get('tree')
  @Authorize('read', 'Tenant')
  @ApiOperation({ summary: '租户树（以本级为根）' })
  @ApiOkResponse({ type: [TenantTreeNode] })
  tree() {
    return this.tenancy.tree();
  }

  @Get(':code')
  @Authorize('read', 'Tenant')
  @ApiOkResponse({ type: TenantView })
  get(@Param() p: TenantCodeParam) {
    return this.tenancy.get(p.code);
  }

  @Patch(':code')
  @Authorize('update', 'Tenant')
  @ApiOperation({ summary: '修改分市场设置' })
  @ApiOkResponse({ type: TenantView })
  update(@Param() p: TenantCodeParam, @Body() body: UpdateTenantSettings) {
    return this.tenancy.updateSettings(p.code, body);
  }

  @Post()
  @Authorize('create', 'Tenant')
  @ApiOperation({ summary: '新增非行政区划节点（管委会、新区、开发区）' })
  @ApiOkResponse({ type: TenantView })
  create(@Body() body: CreateTenant) {
    return this.tenancy.create(body);
  }

  @Delete(':code')
  @HttpCode(204)
  @Authorize('delete', 'Tenant')
  @ApiOperation({ summary: '删除空的非行政区划节点' })
  async remove(@Param() p: TenantCodeParam) {
    await this.tenancy.remove(p.code);
  }
}
