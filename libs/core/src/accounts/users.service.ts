import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import argon2 from 'argon2';
import type { Repository } from 'typeorm';
import { decodeCursor, type Page, toPage } from '../http/pagination.js';
import { ProblemException } from '../http/problem.exception.js';
import { AccessService } from '../iam/access.service.js';
import { whereInSubtree } from '../tenancy/subtree-filter.js';
import { GRANTABLE_ROLES, type Role, ROLE_LABELS, ROLE_TIER } from '../iam/roles.js';
import { TokenService } from '../iam/token.service.js';
import { UserAccount } from '../iam/user-account.entity.js';
import { MailQueue } from '../mail/mail.queue.js';
import { Organization } from '../organizations/organization.entity.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import type { Tenant } from '../tenancy/tenant.entity.js';
import type { ChangePassword, CreateUser, ListUsersQuery, UpdateUser, UserView } from './dto/account.dto.js';

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

/** 用户管理: accounts inside the caller's subtree, with role grants limited by the caller's own roles. */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserAccount) private readonly users: Repository<UserAccount>,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(TenancyService) private readonly tenancy: TenancyService,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(MailQueue) private readonly mail: MailQueue,
  ) {}

  /**
   * Where to mail a notice (active accounts with an address, no caller's scope: the caller is a
   * module acting on its own checked operation): the staff of a tenant, or the members of an
   * organisation together with given accounts (e.g. whoever filed on its behalf).
   */
  async recipients(q: { staffOfTenant: string } | { organizationId: string; userIds?: string[] }): Promise<string[]> {
    const rows: { email: string }[] =
      'staffOfTenant' in q
        ? await this.users.query(
            `SELECT DISTINCT email FROM user_account WHERE tenant_id = $1 AND is_active AND email IS NOT NULL
                AND roles && ARRAY['center_staff', 'bureau_admin', 'platform_admin']::text[]`,
            [q.staffOfTenant],
          )
        : await this.users.query(
            `SELECT DISTINCT email FROM user_account WHERE is_active AND email IS NOT NULL AND (organization_id = $1 OR id = ANY($2::uuid[]))`,
            [q.organizationId, q.userIds ?? []],
          );
    return rows.map((r) => r.email);
  }

  async list(q: ListUsersQuery): Promise<Page<UserView>> {
    const limit = q.limit ?? 50;
    const qb = this.users.createQueryBuilder('u').innerJoinAndSelect('u.tenant', 't');
    this.access.scope(qb, 'read', 'UserAccount');
    if (q.tenantCode) whereInSubtree(qb, 't', q.tenantCode);
    if (q.role) qb.andWhere(':role = ANY(u.roles)', { role: q.role });
    if (q.cursor) qb.andWhere('u.username > :after', { after: decodeCursor(q.cursor, 1)[0] });
    const rows = await qb
      .orderBy('u.username', 'ASC')
      .limit(limit + 1)
      .getMany();
    return toPage(rows.map(toUserView), limit, (u) => [u.username]);
  }

  async get(id: string): Promise<UserView> {
    return toUserView(await this.findReadable(id));
  }

  async create(dto: CreateUser): Promise<UserView> {
    const tenant = await this.tenancy.findReadable(dto.tenantCode).catch(() => {
      throw ProblemException.invalidField('tenantCode', 'isTenantCode');
    });
    this.access.assert('create', 'UserAccount', { tenantId: tenant.id, organizationId: dto.organizationId ?? null });
    this.assertGrantable(dto.roles, tenant);
    if (dto.organizationId) {
      const org = await this.users.manager.findOneBy(Organization, { id: dto.organizationId });
      // The organisation must be registered in the same tenant as the account.
      if (!org || org.tenantId !== tenant.id) throw ProblemException.invalidField('organizationId', 'isUuid');
    }
    const username = dto.username.toLowerCase();
    if (await this.users.existsBy({ username })) {
      throw new ProblemException('CONFLICT', {
        detailMessage: { zh: `用户名 ${username} 已被使用`, en: `The username ${username} is taken` },
      });
    }
    const saved = await this.users.save(
      this.users.create({
        tenantId: tenant.id,
        organizationId: dto.organizationId ?? null,
        username,
        displayName: dto.displayName,
        email: dto.email ?? null,
        passwordHash: await hashPassword(dto.password),
        roles: dto.roles,
        isActive: true,
      }),
    );
    if (saved.email) {
      await this.mail.enqueue({
        to: saved.email,
        subject: '【吉林省科技大市场】您的账号已开通',
        text: [
          `${saved.displayName}，您好：`,
          '',
          `您在吉林省科技大市场（${tenant.name}）的账号已开通。`,
          `用户名：${saved.username}`,
          `角色：${saved.roles.map((r) => ROLE_LABELS[r]).join('、')}`,
          '初始密码由管理员另行告知，首次登录后请修改密码。',
        ].join('\n'),
      });
    }
    return toUserView({ ...saved, tenant });
  }

  async update(id: string, patch: UpdateUser): Promise<UserView> {
    const user = await this.findReadable(id);
    this.access.assert('update', 'UserAccount', user, Object.keys(patch));
    if (patch.roles || patch.isActive !== undefined) {
      // Changing someone's roles or status needs the right to grant every role involved.
      this.assertGrantable([...new Set([...user.roles, ...(patch.roles ?? [])])], user.tenant!);
    }
    const { tenant, ...row } = user;
    const saved = await this.users.save(Object.assign(this.users.create(row), patch));
    if (patch.isActive === false) await this.tokens.revokeAllForUser(saved.id);
    return toUserView({ ...saved, tenant });
  }

  async changeOwnPassword(dto: ChangePassword): Promise<void> {
    const me = this.access.principal();
    const user = await this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id: me.userId }).getOneOrFail();
    if (!(await argon2.verify(user.passwordHash, dto.currentPassword))) throw ProblemException.invalidField('currentPassword', 'matches');
    user.passwordHash = await hashPassword(dto.newPassword);
    await this.users.save(user);
    await this.tokens.revokeAllForUser(user.id);
  }

  async findReadable(id: string): Promise<UserAccount> {
    const qb = this.users.createQueryBuilder('u').innerJoinAndSelect('u.tenant', 't').where('u.id = :id', { id });
    const user = await this.access.scope(qb, 'read', 'UserAccount').getOne();
    if (!user) throw ProblemException.notFound('UserAccount');
    return user;
  }

  private assertGrantable(roles: Role[], tenant: Tenant): void {
    const grantable = new Set(this.access.principal().roles.flatMap((r) => GRANTABLE_ROLES[r]));
    for (const role of roles) {
      if (!grantable.has(role)) throw new ProblemException('ROLE_NOT_GRANTABLE', { role });
      const tier = ROLE_TIER[role];
      if (tier && tier !== tenant.tier) throw ProblemException.invalidField('roles', 'isIn', [[`${role}@${tier}`]]);
    }
  }
}

export function toUserView(u: UserAccount): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    email: u.email,
    tenantCode: u.tenant!.code,
    organizationId: u.organizationId,
    roles: u.roles,
    isActive: u.isActive,
  };
}
