import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ClsService } from 'nestjs-cls';
import type { RequestContextStore } from '../context/request-context.js';
import { ProblemException } from '../http/problem.exception.js';
import { type AppAbility, defineAbilityFor } from './ability.factory.js';
import { ACCESS_METADATA, type AccessRequirement } from './authorize.decorator.js';
import type { Principal } from './principal.js';
import { PrincipalLoader } from './principal.loader.js';
import { TokenService } from './token.service.js';

/**
 * The one guard of the API: authenticates the bearer token, loads the principal, builds its
 * CASL ability into the request context and checks the route's declared requirement.
 * Routes that declare nothing are refused (fail closed).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Abilities of the principals the loader has cached: the same principal object (same epoch, same
   * rows) gets the same ability, so its rules and their compiled conditions are built once, not per
   * request. A reloaded principal is a new object; the old entry goes with the old object.
   */
  private readonly abilities = new WeakMap<Principal, AppAbility>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(PrincipalLoader) private readonly principals: PrincipalLoader,
    @Inject(ClsService) private readonly cls: ClsService<RequestContextStore>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const requirement = this.reflector.getAllAndOverride<AccessRequirement | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (requirement?.kind === 'public') return true;
    if (!requirement) throw ProblemException.forbidden();

    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const header = req.headers.authorization;
    if (!header) throw new ProblemException('UNAUTHENTICATED');
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header);
    if (!match) throw new ProblemException('TOKEN_INVALID');
    const claims = await this.tokens.verifySignature(match[1]);
    // The deny-list check and the principal's epoch are asked of Redis in the same tick: one round trip (auto-pipelined).
    const [, principal] = await Promise.all([this.tokens.assertNotRevoked(claims), this.principals.load(claims.sub)]);
    if (!principal) throw new ProblemException('TOKEN_INVALID');

    let ability = this.abilities.get(principal);
    if (!ability) {
      ability = defineAbilityFor(principal);
      this.abilities.set(principal, ability);
    }
    this.cls.set('principal', principal);
    this.cls.set('ability', ability);
    (req as FastifyRequest & { accessClaims?: unknown }).accessClaims = claims;

    if (requirement.kind === 'ability' && !ability.can(requirement.action, requirement.subject)) {
      throw ProblemException.forbidden();
    }
    return true;
  }
}
