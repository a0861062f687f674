import { readFile } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../accounts/users.service.js';
import type { Role } from '../iam/roles.js';
import { UserAccount } from '../iam/user-account.entity.js';
import { ORGANIZATION_STATUSES, OrganizationFactSource } from '../organizations/organization-fact.entity.js';
import { Organization, type OrganizationType } from '../organizations/organization.entity.js';
import { Tenant, type TenantTier } from '../tenancy/tenant.entity.js';

interface TenantFile {
  province: { code: string; name: string; displayName?: string };
  cities: { code: string; name: string; counties: { code: string; name: string }[] }[];
}

interface DemoFile {
  password: string;
  organizations: {
    key: string;
    tenantCode: string;
    name: string;
    type: OrganizationType;
    /** Where it is (GB/T 2260); its tenant's code when absent. */
    divisionCode?: string;
    isSme?: boolean;
    isSpecialized?: boolean;
    isHighTech?: boolean;
  }[];
  users: { username: string; displayName: string; tenantCode: string; organization?: string; roles: Role[]; email?: string }[];
  /** The source recorded for the demo organisations' statuses (they are fictional). */
  statusSource: { name: string; issuedOn: string };
}

/**
 * Loads the administrative tenant tree from its data file (1 province, its cities and
 * counties). Idempotent: existing codes are updated in place, never duplicated.
 */
export async function seedTenants(db: DataSource, file: string): Promise<number> {
  const data = JSON.parse(await readFile(file, 'utf8')) as TenantFile;
  return db.transaction(async (em) => {
    const repo = em.getRepository(Tenant);
    const upsert = async (code: string, name: string, tier: TenantTier, parent: Tenant | null, displayName?: string) => {
      const existing = await repo.findOneBy({ code });
      const row = existing ?? repo.create({ code, kind: 'administrative', subMarketOpen: tier !== 'county' });
      Object.assign(row, { name, tier, parentId: parent?.id ?? null, path: parent ? `${parent.path}.${code}` : code });
      if (displayName && !row.displayName) row.displayName = displayName;
      return repo.save(row);
    };
    let n = 1;
    const province = await upsert(data.province.code, data.province.name, 'province', null, data.province.displayName);
    for (const city of data.cities) {
      const c = await upsert(city.code, city.name, 'city', province);
      n++;
      for (const county of city.counties) {
        await upsert(county.code, county.name, 'county', c);
        n++;
      }
    }
    return n;
  });
}

/** Demo organisations and one account per role (quick start and tests). Idempotent. */
export async function seedDemo(db: DataSource, file: string): Promise<number> {
  const data = JSON.parse(await readFile(file, 'utf8')) as DemoFile;
  const hash = await hashPassword(data.password);
  return db.transaction(async (em) => {
    const tenantId = async (code: string) => (await em.findOneByOrFail(Tenant, { code })).id;
    const orgIds = new Map<string, string>();
    for (const o of data.organizations) {
      const tid = await tenantId(o.tenantCode);
      const existing = await em.findOneBy(Organization, { tenantId: tid, name: o.name });
      const { key, tenantCode, ...fields } = o;
      const saved = await em.save(
        Organization,
        Object.assign(existing ?? em.create(Organization, {}), { ...fields, divisionCode: o.divisionCode ?? tenantCode, tenantId: tid }),
      );
      orgIds.set(key, saved.id);
      // Statuses are kept with their source; the demo's are a fictional list, said so.
      for (const status of ORGANIZATION_STATUSES.filter((s) => o[s])) {
        const source =
          (await em.findOneBy(OrganizationFactSource, { organizationId: saved.id, fact: status })) ?? em.create(OrganizationFactSource, {});
        await em.save(
          OrganizationFactSource,
          Object.assign(source, {
            organizationId: saved.id,
            tenantId: tid,
            fact: status,
            value: true,
            sourceKind: 'list',
            sourceName: data.statusSource.name,
            certificateNumber: null,
            issuedOn: data.statusSource.issuedOn,
            validUntil: null,
            confirmedBy: null,
            confirmedAt: source.confirmedAt ?? new Date(),
          }),
        );
      }
    }
    for (const u of data.users) {
      const existing = await em.findOneBy(UserAccount, { username: u.username });
      if (existing) continue;
      await em.save(
        UserAccount,
        em.create(UserAccount, {
          username: u.username,
          displayName: u.displayName,
          tenantId: await tenantId(u.tenantCode),
          organizationId: u.organization ? orgIds.get(u.organization)! : null,
          roles: u.roles,
          passwordHash: hash,
          email: u.email ?? null,
          isActive: true,
        }),
      );
    }
    return data.users.length;
  });
}
