import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { IdParam } from '../http/params.js';
import { readUpload } from '../http/upload.js';
import { Authorize } from '../iam/authorize.decorator.js';
import { OrganizationAttestationService } from './attestation.service.js';
import {
  ConfirmFactRequest,
  FactRequestPage,
  FactRequestView,
  ImportStatusListQuery,
  ListFactRequestsQuery,
  RejectFactRequest,
  RequestFactChange,
  SetFounding,
  SetStatus,
  StatusImportResult,
  StatusParam,
} from './dto/organization-fact.dto.js';
import { OrganizationView } from './dto/organization.dto.js';

/** 资格认定与设立信息: set by tier staff from a named source; firms ask for changes. */
@ApiTags('organizations 机构')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationAttestationController {
  constructor(@Inject(OrganizationAttestationService) private readonly attestation: OrganizationAttestationService) {}

  @Put(':id/statuses/:status')
  @Authorize('attest', 'Organization')
  @ApiOperation({
    summary: '认定或撤销企业资格（中小企业 / 专精特新 / 高新技术企业），须注明来源（名单、证书或文件）；仅限机构所属租户及其上级的工作人员',
  })
  @ApiOkResponse({ type: OrganizationView })
  setStatus(@Param() p: StatusParam, @Body() body: SetStatus) {
    return this.attestation.setStatus(p.id, p.status, body);
  }

  @Put(':id/founding')
  @Authorize('attest', 'Organization')
  @ApiOperation({ summary: '确认企业设立信息（成立日期、是否以技术成果作价入股设立、实缴货币出资），须注明来源；仅限辖区工作人员' })
  @ApiOkResponse({ type: OrganizationView })
  setFounding(@Param() p: IdParam, @Body() body: SetFounding) {
    return this.attestation.setFounding(p.id, body);
  }

  @Post(':id/fact-requests')
  @Authorize('create', 'OrganizationFactRequest')
  @ApiOperation({ summary: '企业成员申请变更本企业的资格或设立信息（附证明材料说明），由辖区工作人员确认或驳回' })
  @ApiOkResponse({ type: FactRequestView })
  request(@Param() p: IdParam, @Body() body: RequestFactChange) {
    return this.attestation.request(p.id, body);
  }

  @Post('status-imports')
  @Authorize('attest', 'Organization')
  @ApiOperation({
    summary:
      '导入官方名单（CSV/XLSX：统一社会信用代码或机构名称，可选证书编号、发证日期、有效期至）：全部行正确才导入（一个事务），否则逐行返回中文错误、不保存任何记录',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @ApiOkResponse({ type: StatusImportResult })
  async importList(@Query() q: ImportStatusListQuery, @Req() req: FastifyRequest) {
    const { buffer, fileName } = await readUpload(req);
    return this.attestation.importList({ buffer, fileName }, q);
  }
}

@ApiTags('organizations 机构')
@ApiBearerAuth()
@Controller('organization-fact-requests')
export class OrganizationFactRequestsController {
  constructor(@Inject(OrganizationAttestationService) private readonly attestation: OrganizationAttestationService) {}

  @Get()
  @Authorize('read', 'OrganizationFactRequest')
  @ApiOperation({ summary: '认定变更申请（工作人员：本级及下级；企业成员：本企业），最新在前' })
  @ApiOkResponse({ type: FactRequestPage })
  list(@Query() q: ListFactRequestsQuery) {
    return this.attestation.listRequests(q);
  }

  @Get(':id')
  @Authorize('read', 'OrganizationFactRequest')
  @ApiOkResponse({ type: FactRequestView })
  get(@Param() p: IdParam) {
    return this.attestation.getRequest(p.id);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Authorize('attest', 'Organization')
  @ApiOperation({ summary: '确认申请：按申请的值写入，来源为工作人员核实的来源（未填写则用申请中的来源）' })
  @ApiOkResponse({ type: FactRequestView })
  confirm(@Param() p: IdParam, @Body() body: ConfirmFactRequest) {
    return this.attestation.confirm(p.id, body);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Authorize('attest', 'Organization')
  @ApiOperation({ summary: '驳回申请（须说明原因）' })
  @ApiOkResponse({ type: FactRequestView })
  reject(@Param() p: IdParam, @Body() body: RejectFactRequest) {
    return this.attestation.reject(p.id, body);
  }
}
