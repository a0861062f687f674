import { Body, Controller, Get, Header, Headers, HttpCode, Inject, Param, Patch, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authorize, createValidationPipe, IdParam, pickLang, ProblemException, readUpload } from '@techmarket/core';
import type { FastifyRequest } from 'fastify';
import { certificateHtml, certificatePdf } from './certificate.js';
import { CONTRACT_FACT_CODES, EVIDENCE_MAX_BYTES } from './contract-types.js';
import { ContractFactsService } from './contract-facts.service.js';
import { ContractPaymentsService } from './contract-payments.service.js';
import { ContractReviewsService } from './contract-reviews.service.js';
import { ContractsService } from './contracts.service.js';
import {
  AmendContract,
  AssignExperts,
  CancelContract,
  DeclareFact,
  EvidenceParams,
  FactParams,
  ListContractsQuery,
  ListReviewsQuery,
  PaymentParams,
  RecordOpinion,
  RecordPayment,
  ReturnContract,
  SubmitContract,
  UpdateContract,
} from './dto/contract.dto.js';

@ApiTags('contracts 技术合同认定登记')
@ApiBearerAuth()
@Controller('contracts')
export class ContractsController {
  constructor(
    @Inject(ContractsService) private readonly contracts: ContractsService,
    @Inject(ContractPaymentsService) private readonly payments: ContractPaymentsService,
    @Inject(ContractReviewsService) private readonly reviews: ContractReviewsService,
    @Inject(ContractFactsService) private readonly facts: ContractFactsService,
  ) {}

  @Get()
  @Authorize('read', 'TechContract')
  @ApiOperation({ summary: '合同列表（最新在前）；?due=overdue|soon 列出已超期或即将到期的待登记合同（按到期日升序）' })
  list(@Query() q: ListContractsQuery) {
    return this.contracts.list(q);
  }

  @Get(':id')
  @Authorize('read', 'TechContract')
  @ApiOperation({ summary: '合同详情：到账记录、专家评审、证明材料、办结期限（dueOn）与疑似重复登记提示（warnings）' })
  get(@Param() p: IdParam, @Headers('accept-language') lang?: string) {
    return this.contracts.get(p.id, pickLang(lang));
  }

  @Post()
  @Authorize('create', 'TechContract')
  @ApiOperation({
    summary:
      '提交技术合同认定登记（合同当事方或技术经纪人）；技术引进合同（direction=import）由境内买方所在地登记；与已登记合同相似时返回 warnings，不阻止提交',
  })
  submit(@Body() body: SubmitContract, @Headers('accept-language') lang?: string) {
    return this.contracts.submit(body, pickLang(lang));
  }

  @Patch(':id')
  @Authorize('update', 'TechContract')
  @ApiOperation({ summary: '修改被退回的合同并重新提交（重新计算办结期限）' })
  update(@Param() p: IdParam, @Body() body: UpdateContract, @Headers('accept-language') lang?: string) {
    return this.contracts.update(p.id, body, pickLang(lang));
  }

  @Post(':id/register')
  @HttpCode(200)
  @Authorize('review', 'TechContract')
  @ApiOperation({ summary: '认定登记，生成登记编号（技术交易额 ≥ 500 万元的须专家评审完成）' })
  register(@Param() p: IdParam) {
    return this.contracts.register(p.id);
  }

  @Post(':id/return')
  @HttpCode(200)
  @Authorize('review', 'TechContract')
  @ApiOperation({ summary: '退回（须填写原因）' })
  return(@Param() p: IdParam, @Body() body: ReturnContract) {
    return this.contracts.returnContract(p.id, body.reason);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Authorize('review', 'TechContract')
  @ApiOperation({ summary: '撤销登记（登记机构，须填写原因），发布 contract.cancelled 事件' })
  cancel(@Param() p: IdParam, @Body() body: CancelContract) {
    return this.contracts.cancel(p.id, body.reason);
  }

  @Post(':id/amendments')
  @Authorize('submit', 'TechContract')
  @ApiOperation({ summary: '变更已登记的合同（生成待审核的变更合同，承继原合同的到账记录）' })
  amend(@Param() p: IdParam, @Body() body: AmendContract) {
    return this.contracts.amend(p.id, body);
  }

  @Post(':id/payments')
  @Authorize('submit', 'TechContract')
  @ApiOperation({ summary: '登记到账（须填银行流水号；合计不超过成交额；须另一方当事人或登记机构确认后才计入到账金额）' })
  pay(@Param() p: IdParam, @Body() body: RecordPayment) {
    return this.payments.record(p.id, body);
  }

  @Post(':id/payments/:pid/confirm')
  @HttpCode(200)
  @Authorize('confirm', 'TechContract')
  @ApiOperation({ summary: '确认到账（另一方当事人或登记机构），发布 payment.received 事件' })
  confirmPayment(@Param() p: PaymentParams) {
    return this.payments.confirm(p.id, p.pid);
  }

  @Post(':id/experts')
  @HttpCode(200)
  @Authorize('review', 'TechContract')
  @ApiOperation({ summary: '指派评审专家（专家库中已发布的专家；与当事方同一机构的须回避）' })
  assignExperts(@Param() p: IdParam, @Body() body: AssignExperts) {
    return this.reviews.assign(p.id, body.expertIds);
  }

  @Post(':id/facts')
  @Authorize('submit', 'TechContract')
  @ApiOperation({ summary: '申报合同事实并上传证明材料（PDF/JPEG/PNG，≤ 10 MB），待登记机构确认' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        fact: { type: 'string', enum: CONTRACT_FACT_CODES },
        valueFen: { type: 'integer', description: '金额（分）；implemented 不填' },
        file: { type: 'string', format: 'binary' },
      },
      required: ['fact', 'file'],
    },
  })
  async declareFact(@Param() p: IdParam, @Req() req: FastifyRequest) {
    const { fields, ...file } = await readUpload(req, {
      maxBytes: EVIDENCE_MAX_BYTES,
      missing: 'evidenceEmpty',
      tooLarge: () => ProblemException.invalidField('file', 'evidenceTooLarge'),
    });
    const dto = (await createValidationPipe().transform(fields, { type: 'body', metatype: DeclareFact })) as DeclareFact;
    return this.facts.declare(p.id, dto.fact, dto.valueFen, file);
  }

  @Post(':id/facts/:fact/confirm')
  @HttpCode(200)
  @Authorize('review', 'TechContract')
  @ApiOperation({ summary: '确认合同事实（登记机构，依据证明材料）' })
  confirmFact(@Param() p: FactParams) {
    return this.facts.confirm(p.id, p.fact);
  }

  @Get(':id/evidence/:eid')
  @Authorize('read', 'TechContract')
  @ApiOperation({ summary: '下载证明材料' })
  async evidence(@Param() p: EvidenceParams) {
    const e = await this.facts.file(p.id, p.eid);
    return new StreamableFile(e.content, {
      type: e.mediaType,
      disposition: `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(e.fileName)}`,
    });
  }

  @Get(':id/certificate')
  @Authorize('read', 'TechContract')
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: '技术合同认定登记证明（可打印的中文网页；仅限已登记的合同）' })
  async certificate(@Param() p: IdParam) {
    return certificateHtml(await this.contracts.certificate(p.id));
  }

  @Get(':id/certificate.pdf')
  @Authorize('read', 'TechContract')
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: '技术合同认定登记证明（PDF）' })
  async certificatePdf(@Param() p: IdParam) {
    const data = await this.contracts.certificate(p.id);
    return new StreamableFile(await certificatePdf(data), {
      type: 'application/pdf',
      disposition: `inline; filename="certificate-${data.registrationNumber}.pdf"`,
    });
  }
}

/** 专家评审: an expert's assignments (registrars see those of their subtree) and the opinion. */
@ApiTags('contracts 技术合同认定登记')
@ApiBearerAuth()
@Controller('contract-reviews')
export class ContractReviewsController {
  constructor(@Inject(ContractReviewsService) private readonly reviews: ContractReviewsService) {}

  @Get()
  @Authorize('read', 'ContractExpertReview')
  @ApiOperation({ summary: '专家评审任务（专家只看到指派给自己的）' })
  list(@Query() q: ListReviewsQuery) {
    return this.reviews.list(q);
  }

  @Get(':id')
  @Authorize('read', 'ContractExpertReview')
  get(@Param() p: IdParam) {
    return this.reviews.get(p.id);
  }

  @Post(':id/opinion')
  @HttpCode(200)
  @Authorize('update', 'ContractExpertReview')
  @ApiOperation({ summary: '提交评审意见（被指派的专家本人）' })
  opinion(@Param() p: IdParam, @Body() body: RecordOpinion) {
    return this.reviews.recordOpinion(p.id, body);
  }
}
