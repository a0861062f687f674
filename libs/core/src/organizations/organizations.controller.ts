import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdParam } from '../http/params.js';
import { Authorize } from '../iam/authorize.decorator.js';
import {
  CreateOrganization,
  ListOrganizationsQuery,
  OrganizationPage,
  OrganizationView,
  UpdateOrganization,
} from './dto/organization.dto.js';
import { OrganizationsService } from './organizations.service.js';

@ApiTags('organizations 机构')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(@Inject(OrganizationsService) private readonly orgs: OrganizationsService) {}

  @Get()
  @Authorize('read', 'Organization')
  @ApiOkResponse({ type: OrganizationPage })
  list(@Query() q: ListOrganizationsQuery) {
    return this.orgs.list(q);
  }

  @Get(':id')
  @Authorize('read', 'Organization')
  @ApiOkResponse({ type: OrganizationView })
  get(@Param() p: IdParam) {
    return this.orgs.get(p.id);
  }

  @Post()
  @Authorize('create', 'Organization')
  @ApiOperation({ summary: '登记机构（高校院所、企业、金融投资机构、服务机构）' })
  @ApiOkResponse({ type: OrganizationView })
  create(@Body() body: CreateOrganization) {
    return this.orgs.create(body);
  }

  @Patch(':id')
  @Authorize('update', 'Organization')
  @ApiOkResponse({ type: OrganizationView })
  update(@Param() p: IdParam, @Body() body: UpdateOrganization) {
    return this.orgs.update(p.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authorize('delete', 'Organization')
  async remove(@Param() p: IdParam) {
    await this.orgs.remove(p.id);
  }
}
