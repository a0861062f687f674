import { Checks, definePolicyPlugin, minFen, notEligible, pct, percentOf, yuan } from '@techmarket/plugin-api';

const AGRI_FIELDS = ['modern_agriculture', 'agri_processing'];

/**
 * 推动涉农专利技术向县域和农业园区转移转化 (吉知产联字〔2021〕1号). Agriculture-related
 * achievements and patents published anywhere in the province are routed to the installing
 * county: tagged 涉农, listed on the county's own page, and the county's staff told. A county may
 * also pay a local subsidy on agricultural patent contracts bought by its firms (0 by default).
 */
export default definePolicyPlugin({
  id: 'county-agri-transfer',
  version: '1.0.0',
  name: { zh: '涉农专利技术向县域和农业园区转移转化', en: 'County agricultural technology transfer' },
  description: '将全省发布的涉农成果和专利推送到本县农业园区页面并通知县级服务中心；可选本地转化补贴。',
  tiers: ['county'],
  legalBasis: [
    {
      document: '吉知产联字〔2021〕1号',
      title: '吉林省 2021—2023 年专利转化行动计划实施方案',
      article: '推动涉农专利技术向县域和农业园区转移转化',
      file: '004_56b8ea5ba546a0d1.txt',
    },
  ],
  params: {
    agriIpcPrefixes: { type: 'list', label: '涉农 IPC 分类号前缀', default: ['A01', 'A23', 'C05', 'A22'] },
    parkName: {
      type: 'enum',
      label: '承接园区类型',
      default: 'agri_park',
      options: { agri_park: '农业科技园区', demo_base: '农业示范基地' },
    },
    subsidyRatePercent: { type: 'percent', label: '本地转化补贴比例（默认不补贴）', default: 0, min: 0, max: 10 },
    subsidyCapFen: { type: 'money', label: '本地转化补贴上限（分）', default: 0, min: 0, max: 1_000_000_00 },
  },
  events: ['catalog.published', 'contract.registered'],
  // A county's local subsidy, like the city's, applies to contracts registered while it is in force.
  governingDate: 'registered',
  exclusiveGroup: 'local-patent-conversion',
  // Routes entries published anywhere in the province to this county; its local subsidy checks
  // itself that the buyer is in the county.
  territory: 'anywhere',
  evaluate(event, params, ctx) {
    const isAgri = (field: string | null, ipc: string[]) =>
      (field !== null && AGRI_FIELDS.includes(field)) || ipc.some((c) => params.agriIpcPrefixes.some((p) => c.toUpperCase().startsWith(p)));
    if (event.type === 'catalog.published') {
      const e = event.entry;
      const checks = new Checks();
      const agri = checks.check(
        isAgri(e.field, e.ipcClasses),
        isAgri(e.field, e.ipcClasses) ? `“${e.title}”为涉农${e.kind === 'patent' ? '专利' : '成果'}` : `“${e.title}”不属于涉农领域`,
      );
      if (!agri) return [notEligible(e.owner.id, checks)];
      checks.note(`推送至本县${params.parkName === 'agri_park' ? '农业科技园区' : '农业示范基地'}页面，并通知县级服务中心`);
      return [
        {
          subjectOrgId: e.owner.id,
          eligible: true,
          amountFen: 0,
          reasons: checks.reasons,
          figures: { kind: e.kind, entryId: e.id },
          effects: {
            tags: ['涉农'],
            listOnTenantPage: true,
            notifyTenantStaff: {
              subject: `涉农${e.kind === 'patent' ? '专利' : '成果'}推送：${e.title}`,
              text: `${e.owner.name}发布了涉农${e.kind === 'patent' ? '专利' : '成果'}“${e.title}”，已列入本县页面，请对接本地园区与企业。`,
            },
          },
        },
      ];
    }
    if (event.type !== 'contract.registered') return [];
    const c = event.contract;
    const checks = new Checks();
    const local = c.buyer.tenantCode === ctx.tenantCode;
    checks.check(local, `受让方“${c.buyer.name}”${local ? '位于' : '不在'}本县`);
    const agriPatents = c.patents.filter((p) => isAgri(p.field, p.ipcClasses));
    checks.check(
      agriPatents.length > 0,
      agriPatents.length ? `合同涉及涉农专利 ${agriPatents.map((p) => p.applicationNumber).join('、')}` : '合同未涉及涉农专利',
    );
    checks.check(
      params.subsidyRatePercent > 0,
      params.subsidyRatePercent > 0 ? `本县转化补贴比例 ${pct(params.subsidyRatePercent)}` : '本县未设置转化补贴（比例为 0）',
    );
    const figures = { contractAmountFen: c.amountFen, ratePercent: params.subsidyRatePercent, capFen: params.subsidyCapFen };
    if (!checks.allOk) return [notEligible(c.buyer.id, checks, figures)];
    const byRate = percentOf(c.amountFen, params.subsidyRatePercent);
    const amountFen = minFen(byRate, params.subsidyCapFen);
    checks.note(
      `技术合同额 ${yuan(c.amountFen)} × ${pct(params.subsidyRatePercent)} = ${yuan(byRate)}，上限 ${yuan(params.subsidyCapFen)}，补贴 ${yuan(amountFen)}`,
    );
    return [
      { subjectOrgId: c.buyer.id, eligible: amountFen > 0, amountFen, reasons: checks.reasons, figures: { ...figures, byRateFen: byRate } },
    ];
  },
});
