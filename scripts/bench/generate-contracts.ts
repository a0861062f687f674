import { bulkInsert, type Queryable } from '@techmarket/catalog';
import { prng } from '@techmarket/catalog/demo';

/**
 * Deterministic registered technology contracts for the roll-up benchmark (issue #10): the same seed
 * and count give the same contracts, parties, amounts, dates, patents and payments. Parties are the
 * demo organisations (16 institutions and the enterprises of the demo catalog) plus 40 organisations
 * outside the province; registration is at the seller's tenant; dates spread over the five years
 * 2021-11 … 2026-10 (China time); 2 % are amendments of an earlier contract (the original superseded,
 * the chain's payments on either). Bulk inserts (unnest, 10,000 rows a statement) straight into the
 * tables, no events: the roll-up is then rebuilt set-based. Skips when bench contracts exist.
 */
const TYPES = {
  development: ['commissioned', 'cooperative'],
  transfer: ['patent_right', 'patent_application', 'know_how', 'other'],
  licence: ['patent_exclusive', null],
  consulting: [null],
  service: ['training', 'intermediary', 'other'],
} as const;
const TYPE_WEIGHTS = { development: 30, transfer: 15, licence: 8, consulting: 12, service: 35 };
const OUTSIDE_DIVISIONS = ['110108', '310104', '440305', '210102', '230103', '320106', '330106', '370102'];
const TITLE_MARK = '（基准合同）';
const BATCH = 10_000;

interface Party {
  id: string;
  tenantId: string;
  tenantCode: string;
  type: string;
}

export async function generateContracts(
  db: Queryable,
  opts: { count: number; seed: number; log?: (line: string) => void },
): Promise<{ skipped: boolean; contracts: number }> {
  const log = opts.log ?? (() => undefined);
  const [existing] = (await db.query(`SELECT count(*)::int AS n FROM tech_contract WHERE title LIKE $1`, [`%${TITLE_MARK}`])) as {
    n: number;
  }[];
  if (existing.n > 0) return { skipped: true, contracts: existing.n };
  const rng = prng(opts.seed);
  const [root] = (await db.query(`SELECT id, code FROM tenant WHERE parent_id IS NULL`)) as { id: string; code: string }[];

  // Organisations outside the province (registered at the root tenant, like the platform does).
  const outside: Party[] = [];
  const outsideRows = Array.from({ length: 40 }, (_, i) => {
    const id = rng.uuid();
    outside.push({ id, tenantId: root.id, tenantCode: root.code, type: 'enterprise' });
    return [
      id,
      root.id,
      `省外合作企业${i + 1}${TITLE_MARK}`,
      'enterprise',
      rng.pick(OUTSIDE_DIVISIONS),
      rng.chance(0.7),
      false,
      rng.chance(0.3),
    ];
  });
  await bulkInsert(
    db,
    'organization',
    [
      ['id', 'uuid'],
      ['tenant_id', 'uuid'],
      ['name', 'varchar'],
      ['type', 'varchar'],
      ['division_code', 'varchar'],
      ['is_sme', 'boolean'],
      ['is_specialized', 'boolean'],
      ['is_high_tech', 'boolean'],
    ],
    outsideRows,
  );
  const orgs = (await db.query(
    `SELECT o.id, o.tenant_id AS "tenantId", t.code AS "tenantCode", o.type FROM organization o JOIN tenant t ON t.id = o.tenant_id
      WHERE left(o.division_code, 2) = left($1, 2) ORDER BY o.id`,
    [root.code],
  )) as Party[];
  const institutions = orgs.filter((o) => o.type === 'university_institute');
  const enterprises = orgs.filter((o) => o.type === 'enterprise');
  const patents = ((await db.query(`SELECT id FROM patent ORDER BY id`)) as { id: string }[]).map((p) => p.id);
  log(
    `parties: ${institutions.length} institutions, ${enterprises.length} enterprises, ${outside.length} outside; ${patents.length} patents`,
  );

  const start = Date.UTC(2021, 9, 31, 16); // 2021-11-01 00:00 China time
  const span = Date.UTC(2026, 9, 31, 16) - start;
  const counters = new Map<string, number>();
  const contracts: unknown[][] = [];
  const links: unknown[][] = [];
  const payments: unknown[][] = [];
  let written = 0;
  const flush = async (force: boolean) => {
    if (contracts.length < BATCH && !force) return;
    await bulkInsert(
      db,
      'tech_contract',
      [
        ['id', 'uuid'],
        ['tenant_id', 'uuid'],
        ['title', 'varchar'],
        ['contract_type', 'varchar'],
        ['sub_type', 'varchar'],
        ['seller_org_id', 'uuid'],
        ['buyer_org_id', 'uuid'],
        ['amount_fen', 'int8'],
        ['tech_transaction_fen', 'int8'],
        ['signed_on', 'date'],
        ['status', 'varchar'],
        ['registration_number', 'varchar'],
        ['registered_at', 'timestamptz'],
        ['submitted_at', 'timestamptz'],
        ['amends_id', 'uuid'],
        ['version', 'int4'],
      ],
      contracts.splice(0),
    );
    await bulkInsert(
      db,
      'tech_contract_patent',
      [
        ['contract_id', 'uuid'],
        ['patent_id', 'uuid'],
      ],
      links.splice(0),
    );
    await bulkInsert(
      db,
      'contract_payment',
      [
        ['contract_id', 'uuid'],
        ['tenant_id', 'uuid'],
        ['received_on', 'date'],
        ['amount_fen', 'int8'],
        ['bank_reference', 'varchar'],
        ['confirmed_at', 'timestamptz'],
      ],
      payments.splice(0),
    );
    written += BATCH;
    if (written % 100_000 === 0) log(`${written} contracts`);
  };

  const number = (tenantCode: string, at: number) => {
    const year = new Date(at + 8 * 3600_000).getUTCFullYear();
    const key = `${tenantCode}:${year}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return `${String(year).slice(2)}${tenantCode}${String(n).padStart(6, '0')}`;
  };
  const day = (at: number) => new Date(at + 8 * 3600_000).toISOString().slice(0, 10);

  for (let i = 0; i < opts.count; i++) {
    const seller = rng.chance(0.35) ? rng.pick(institutions) : rng.pick(enterprises);
    let buyer = rng.chance(0.1) ? rng.pick(outside) : rng.chance(0.06) ? rng.pick(institutions) : rng.pick(enterprises);
    if (buyer.id === seller.id) buyer = rng.pick(enterprises.filter((e) => e.id !== seller.id).slice(0, 50));
    const type = rng.weighted(TYPE_WEIGHTS);
    const amount = Math.round(10 ** (6 + rng.next() * 3.7)); // 1万 … 5,000万 yuan, in fen
    const tech = Math.round(amount * (0.6 + rng.next() * 0.4));
    const registeredAt = start + Math.floor(rng.next() * span);
    const amended = i > 1000 && rng.chance(0.02);
    const id = rng.uuid();
    const row = (cid: string, status: string, at: number, amends: string | null, fen: number, techFen: number) => [
      cid,
      seller.tenantId,
      `技术合同${i + 1}${TITLE_MARK}`,
      type,
      rng.pick(TYPES[type]),
      seller.id,
      buyer.id,
      fen,
      Math.min(fen, techFen),
      day(at - rng.int(1, 30) * 86_400_000),
      status,
      number(seller.tenantCode, at),
      new Date(at).toISOString(),
      new Date(at - 86_400_000).toISOString(),
      amends,
      1,
    ];
    let liveId = id;
    if (amended) {
      // The original, superseded later by an amendment registered up to 90 days after it (within the span).
      const amendedAt = Math.min(start + span - 1, registeredAt + rng.int(1, 90) * 86_400_000);
      liveId = rng.uuid();
      contracts.push(row(id, 'superseded', registeredAt, null, amount, tech));
      contracts.push(row(liveId, 'registered', amendedAt, id, Math.round(amount * 1.2), Math.round(tech * 1.2)));
    } else contracts.push(row(id, 'registered', registeredAt, null, amount, tech));
    const linked = type === 'transfer' || type === 'licence' ? rng.int(1, 3) : rng.chance(0.2) ? 1 : 0;
    const chosen = new Set<string>();
    for (let k = 0; k < linked; k++) chosen.add(rng.pick(patents));
    for (const p of chosen) links.push([liveId, p]);
    if (amended) for (const p of chosen) links.push([id, p]);
    // Up to three payments, together at most the amount; most confirmed.
    const paid = rng.int(0, 3);
    for (let k = 0; k < paid; k++) {
      const at = Math.min(start + span - 1, registeredAt + rng.int(1, 365) * 86_400_000);
      payments.push([
        amended && k === 0 ? id : liveId,
        seller.tenantId,
        day(at),
        Math.max(1, Math.round((amount / 3) * rng.next())),
        `BENCH${i}-${k}`,
        rng.chance(0.85) ? new Date(at).toISOString() : null,
      ]);
    }
    await flush(false);
  }
  await flush(true);
  // Registration numbers continue after the generated ones.
  const counterRows = [...counters.entries()].map(([k, n]) => {
    const [code, year] = k.split(':');
    return [code, Number(year), n];
  });
  await db.query(
    `INSERT INTO registration_counter (tenant_id, year, last)
     SELECT t.id, u.year, u.n FROM unnest($1::text[], $2::int[], $3::int[]) AS u(code, year, n) JOIN tenant t ON t.code = u.code
     ON CONFLICT (tenant_id, year) DO UPDATE SET last = GREATEST(registration_counter.last, excluded.last)`,
    [counterRows.map((r) => r[0]), counterRows.map((r) => r[1]), counterRows.map((r) => r[2])],
  );
  await db.query('ANALYZE organization, tech_contract, tech_contract_patent, contract_payment');
  return { skipped: false, contracts: opts.count };
}
