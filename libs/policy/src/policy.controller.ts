import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseBoolPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, Authorize, IdParam, PageQuery, TenantCodeParam } from '@techmarket/core';
import { AdjustmentsService } from './adjustments.service.js';
import { ApplicationsService } from './applications.service.js';
import { DecisionsService } from './decisions.service.js';
import {
  CloseYear,
  ConfigurePlugin,
  DisburseApplication,
  FileApplication,
  InstallPlugin,
  ListDecisionsQuery,
  ListInstallationsQuery,
  RejectApplication,
  SetBudget,
  SimulatePlugin,
} from './dto/policy.dto.js';
import { InstallationsService } from './installations.service.js';
import { YearCloseService } from './year-close.service.js';

@ApiTags('policy 政策插件')
@ApiBearerAuth()
@Controller('policy')
export class PolicyController {
  constructor(
    @Inject(InstallationsService) private readonly installations: InstallationsService,
    @Inject(DecisionsService) private readonly decisions: DecisionsService,
    @Inject(YearCloseService) private readonly yearClose: YearCloseService,
  ) {}

  @Get('plugins')
  @Authenticated()
  @ApiOperation({ summary: '可安装的政策插件（名称、适用层级、法律依据、参数定义）' })
  plugins() {
    return this.installations.catalog();
  }

  @Get('installations')
  @Authorize('read', 'PluginInstallation')
  @ApiOperation({ summary: '已安装的政策（全省公开）' })
  list(@Query() q: ListInstallationsQuery) {
    return this.installations.list(q.tenantCode);
  }

  @Get('installations/:id')
  @Authorize('read', 'PluginInstallation')
  get(@Param() p: IdParam) {
    return this.installations.get(p.id);
  }

  @Post('installations')
  @Authorize('create', 'PluginInstallation')
  @ApiOperation({ summary: '为本级租户安装政策插件（市局管理员、县级中心、省平台）' })
  install(@Body() body: InstallPlugin) {
    return this.installations.install(body);
  }

  @Post('installations/:id/parameters')
  @Authorize('update', 'PluginInstallation')
  @ApiOperation({ summary: '新增参数版本（生效日期、依据文件）；已有判定不受影响' })
  configure(@Param() p: IdParam, @Body() body: ConfigurePlugin) {
    return this.installations.configure(p.id, body);
  }

  @Put('installations/:id/budget')
  @Authorize('update', 'PluginInstallation')
  @ApiOperation({ summary: '设置年度预算' })
  budget(@Param() p: IdParam, @Body() body: SetBudget) {
    return this.installations.setBudget(p.id, body);
  }

  @Delete('installations/:id')
  @HttpCode(204)
  @Authorize('delete', 'PluginInstallation')
  async uninstall(@Param() p: IdParam) {
    await this.installations.uninstall(p.id);
  }

  @Post('installations/:id/simulate')
  @HttpCode(200)
  @Authorize('update', 'PluginInstallation')
  @ApiOperation({ summary: '模拟：用拟调整的参数测算上一年已登记合同的补贴总额与受影响企业' })
  simulate(@Param() p: IdParam, @Body() body: SimulatePlugin) {
    return this.decisions.simulate(p.id, body.params, body.year);
  }

  @Get('decisions')
  @Authorize('read', 'PolicyDecision')
  decisionsList(@Query() q: ListDecisionsQuery) {
    return this.decisions.list(q);
  }

  @Get('decisions/:id')
  @Authorize('read', 'PolicyDecision')
  decision(@Param() p: IdParam) {
    return this.decisions.get(p.id);
  }

  @Post('decisions/:id/reevaluate')
  @HttpCode(200)
  @Authorize('update', 'PluginInstallation')
  @ApiOperation({ summary: '按当前参数重新判定，新旧并列；apply=true 时保存为当前判定' })
  reevaluate(@Param() p: IdParam, @Query('apply', new ParseBoolPipe({ optional: true })) apply?: boolean) {
    return this.decisions.reevaluate(p.id, apply ?? false);
  }

  @Get('tenants/:code/listings')
  @Authenticated()
  @ApiOperation({ summary: '推送到本级页面的条目（如涉农成果、专利）' })
  listings(@Param() p: TenantCodeParam) {
    return this.decisions.listings(p.code);
  }

  @Post('tenants/:code/close-year')
  @HttpCode(202)
  @Authorize('review', 'PluginInstallation')
  @ApiOperation({ summary: '年度结算：触发按年度判定的政策（如高校院所专利转让许可奖励）' })
  closeYear(@Param() p: TenantCodeParam, @Body() body: CloseYear) {
    return this.yearClose.close(p.code, body.year);
  }
}

@ApiTags('subsidies 补贴申请')
@ApiBearerAuth()
@Controller('subsidies/applications')
export class ApplicationsController {
  constructor(@Inject(ApplicationsService) private readonly applications: ApplicationsService) {}

  @Get()
  @Authorize('read', 'SubsidyApplication')
  list(@Query() q: PageQuery) {
    return this.applications.list(q);
  }

  @Get(':id')
  @Authorize('read', 'SubsidyApplication')
  get(@Param() p: IdParam) {
    return this.applications.get(p.id);
  }

  @Post()
  @Authorize('create', 'SubsidyApplication')
  @ApiOperation({ summary: '就“符合条件”的判定提交补贴申请（企业，或县级中心代为申请）' })
  file(@Body() body: FileApplication) {
    return this.applications.file(body.decisionId);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Authorize('review', 'SubsidyApplication')
  @ApiOperation({ summary: '批准（受年度预算约束，并发安全）' })
  approve(@Param() p: IdParam) {
    return this.applications.approve(p.id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Authorize('review', 'SubsidyApplication')
  reject(@Param() p: IdParam, @Body() body: RejectApplication) {
    return this.applications.reject(p.id, body.reason);
  }

  @Post(':id/disburse')
  @HttpCode(200)
  @Authorize('review', 'SubsidyApplication')
  disburse(@Param() p: IdParam, @Body() body: DisburseApplication) {
    return this.applications.disburse(p.id, body.reference);
  }
}

@ApiTags('subsidies 补贴申请')
@ApiBearerAuth()
@Controller('subsidies/adjustments')
export class AdjustmentsController {
  constructor(@Inject(AdjustmentsService) private readonly adjustments: AdjustmentsService) {}

  @Get()
  @Authorize('read', 'SubsidyAdjustment')
  @ApiOperation({ summary: '补贴调整：判定在批准后变化产生的补差与追回' })
  list(@Query() q: PageQuery) {
    return this.adjustments.list(q);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Authorize('create', 'SubsidyAdjustment')
  @ApiOperation({ summary: '申领补差（企业，或县级中心代为申领）' })
  claim(@Param() p: IdParam) {
    return this.adjustments.claim(p.id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Authorize('review', 'SubsidyAdjustment')
  @ApiOperation({ summary: '批准补差（受年度预算约束）' })
  approve(@Param() p: IdParam) {
    return this.adjustments.approve(p.id);
  }

  @Post(':id/recovered')
  @HttpCode(200)
  @Authorize('review', 'SubsidyAdjustment')
  @ApiOperation({ summary: '登记已追回（追回款计回预算）' })
  recovered(@Param() p: IdParam, @Body() body: DisburseApplication) {
    return this.adjustments.recovered(p.id, body.reference);
  }
}
