import { type Decision, type EvaluationContext, type PolicyPlugin, validateParams, yuan } from '@techmarket/plugin-api';
import { applyExclusiveGroups } from './exclusive-groups.js';
import type { EngineEvent, Evaluated, InstallationWithVersions, ParameterOverride, ParameterVersion, SubjectPriors } from './types.js';

/**
 * The policy engine's decision, as a pure function (no database, no clock, no framework):
 * for each installation the event concerns, the parameter version in force on the event's
 * date, re-validated against the plugin's current schema, then the plugin's evaluation, then
 * the exclusive groups. The store and the Nest service around it only load and save.
 */
export function decide(
  e: EngineEvent,
  installations: InstallationWithVersions[],
  pluginOf: (id: string) => PolicyPlugin | undefined,
  override?: ParameterOverride,
  priors?: SubjectPriors,
): Evaluated[] {
  const out: Evaluated[] = [];
  for (const inst of installations.filter((i) => concerns(e, i))) {
    const plugin = pluginOf(inst.pluginId);
    if (!plugin || !plugin.events.includes(e.event.type)) continue;
    const governing = governingDate(e, plugin);
    const parameters = paramsInForce(inst.versions, governing.date);
    if (!parameters) {
      out.push(refused(inst, plugin, null, governing, `${BASIS_LABELS[governing.basis]} ${governing.date} 没有生效的参数版本`));
      continue;
    }
    const proposed = override?.installationId === inst.id ? override.values : parameters.values;
    // Stored values were valid for the plugin version that saw them; the running plugin must accept them too.
    const { values, errors } = validateParams(plugin.params, proposed);
    if (errors.length) {
      const detail = errors.map((x) => x.message).join('；');
      out.push(
        refused(
          inst,
          plugin,
          parameters,
          governing,
          `参数版本 v${parameters.version} 不符合插件 ${plugin.id}@${plugin.version} 的参数定义：${detail}`,
        ),
      );
      continue;
    }
    const context: EvaluationContext = { tenantCode: inst.tenantCode, tenantTier: inst.tier, tenantPath: inst.path };
    for (const decision of plugin.evaluate(e.event, values, context)) {
      const cited = { ...decision, reasons: [{ ok: true, text: citation(parameters, governing) }, ...decision.reasons] };
      const local = withinTerritory(e, inst, plugin, cited);
      out.push({
        installation: inst,
        plugin,
        parameters,
        governing,
        decision: withinSubjectCaps(inst, plugin, values, governing, local, priors),
      });
    }
  }
  applyExclusiveGroups(out);
  return out;
}

/**
 * The version in force on `date`: the latest valid from on or before it (the higher version wins
 * a tie) — unless that one has ended (`validTo` before the date): then none is, since a plan that
 * ended is not silently replaced by an older one.
 */
export function paramsInForce(versions: ParameterVersion[], date: string): ParameterVersion | null {
  let best: ParameterVersion | null = null;
  for (const v of versions) {
    if (v.validFrom > date) continue;
    if (!best || v.validFrom > best.validFrom || (v.validFrom === best.validFrom && v.version > best.version)) best = v;
  }
  return best && (!best.validTo || best.validTo >= date) ? best : null;
}

export const BASIS_LABELS = { signed: '合同签订日', registered: '合同登记日', received: '到账日', event: '事件日期' } as const;

/** 适用日期: the date of the event that picks the parameters, as the plugin declares it. */
export function governingDate(e: EngineEvent, plugin: PolicyPlugin): Evaluated['governing'] {
  const ev = e.event;
  if (ev.type !== 'contract.registered' && ev.type !== 'payment.received') return { date: ev.occurredOn, basis: 'event' };
  switch (plugin.governingDate) {
    case 'signed':
      return { date: ev.contract.signedOn, basis: 'signed' };
    case 'received':
      // At registration no money has arrived yet: the registration day stands in until it does.
      return ev.type === 'payment.received'
        ? { date: ev.occurredOn, basis: 'received' }
        : { date: ev.contract.registeredOn, basis: 'registered' };
    case 'registered':
      return { date: ev.contract.registeredOn, basis: 'registered' };
    default:
      return { date: ev.occurredOn, basis: 'event' };
  }
}

/** The first reason of every decision: which parameters, from which document, by which date. */
function citation(p: ParameterVersion, g: Evaluated['governing']): string {
  const period = p.validTo ? `${p.validFrom} 至 ${p.validTo}` : `${p.validFrom} 起`;
  const doc = [p.source.document, p.source.article].filter(Boolean).join(' ');
  return `适用参数版本 v${p.version}（${period}，依据 ${doc}${p.source.example ? '，演示数值' : ''}）；适用日期：${BASIS_LABELS[g.basis]} ${g.date}`;
}

/**
 * 辖区: a tenant's policy decides only about organisations in its own subtree, unless the plugin
 * declares it looks wider. A decision about an outsider is kept (so the record says why) but
 * cannot pay or take effect.
 */
export function withinTerritory(e: EngineEvent, inst: InstallationWithVersions, plugin: PolicyPlugin, d: Decision): Decision {
  // Outside its territory a policy neither pays nor acts (tags, listings, mail, monitoring flags).
  if (plugin.territory === 'anywhere' || !d.subjectOrgId || (!d.eligible && !d.effects)) return d;
  const where = e.orgs[d.subjectOrgId];
  if (where && inst.path.every((code, i) => where.tenantPath[i] === code)) return d;
  const place = where ? `${where.tenantCode}` : '未知';
  return {
    ...d,
    eligible: false,
    amountFen: 0,
    effects: undefined,
    reasons: [
      ...d.reasons,
      {
        ok: false,
        text: `“${where?.name ?? d.subjectOrgId}”所在地（${place}）不在本级政策（${inst.tenantCode}）的辖区内，本级政策不予支付`,
      },
    ],
    figures: { ...d.figures, subjectTenantCode: place, installationTenantCode: inst.tenantCode },
  };
}

/**
 * Caps per subject (每户上限): what one firm may get from this installation per year, or only
 * once, across all its decisions — the other matters' amounts come in `priors`.
 */
export function withinSubjectCaps(
  inst: InstallationWithVersions,
  plugin: PolicyPlugin,
  values: Record<string, unknown>,
  governing: Evaluated['governing'],
  d: Decision,
  priors?: SubjectPriors,
): Decision {
  const caps = plugin.subjectCaps;
  if (!caps || !d.subjectOrgId || !d.eligible || d.amountFen <= 0) return d;
  const prior = priors?.get(inst.id, d.subjectOrgId) ?? { byYear: {}, paying: 0 };
  if (caps.once && prior.paying > 0) {
    return {
      ...d,
      eligible: false,
      amountFen: 0,
      reasons: [...d.reasons, { ok: false, text: '该主体已就其他事项享受过本项补助，本项补助每户仅享受一次' }],
      figures: { ...d.figures, subjectCap: 'once' },
    };
  }
  const capFen = caps.perYearParam ? values[caps.perYearParam] : undefined;
  if (typeof capFen !== 'number') return d;
  const year = Number(governing.date.slice(0, 4));
  const already = prior.byYear[year] ?? 0;
  const room = Math.max(0, capFen - already);
  if (d.amountFen <= room) {
    return already
      ? {
          ...d,
          reasons: [...d.reasons, { ok: true, text: `${year} 年已获本项补助 ${yuan(already)}，合计未超过每户每年上限 ${yuan(capFen)}` }],
        }
      : d;
  }
  const text =
    room > 0
      ? `${year} 年已获本项补助 ${yuan(already)}，每户每年上限 ${yuan(capFen)}，本次按余额补助 ${yuan(room)}`
      : `${year} 年已获本项补助 ${yuan(already)}，已达每户每年上限 ${yuan(capFen)}`;
  return {
    ...d,
    eligible: room > 0,
    amountFen: room,
    reasons: [...d.reasons, { ok: room > 0, text }],
    figures: { ...d.figures, subjectYearCapFen: capFen, subjectYearPriorFen: already },
  };
}

/** Whether an installation is concerned by the event (see EventScope). */
export function concerns(e: EngineEvent, inst: InstallationWithVersions): boolean {
  switch (e.scope.kind) {
    case 'everywhere':
      return true;
    case 'tenant':
      return inst.tenantId === e.scope.tenantId;
    case 'parties':
      return e.scope.paths.some((path) => inst.path.every((code, i) => path[i] === code));
  }
}

function refused(
  inst: InstallationWithVersions,
  plugin: PolicyPlugin,
  parameters: ParameterVersion | null,
  governing: Evaluated['governing'],
  text: string,
): Evaluated {
  return {
    installation: inst,
    plugin,
    parameters,
    governing,
    decision: { subjectOrgId: null, eligible: false, amountFen: 0, reasons: [{ ok: false, text }], figures: {} },
  };
}
