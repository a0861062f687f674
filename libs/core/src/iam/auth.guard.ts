import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ClsService } from 'nestjs-cls';
import type { RequestContextStore } from '../context/request-context.js';
import { ProblemException } from '../http/problem.exception.js';
import { defineAbilityFor } from './ability.factory.js';
import { ACCESS_METADATA, type AccessRequirement } from './authorize.decorator.js';
import { PrincipalLoader } from './principal.loader.js';
import { TokenService } from './token.service.js';

/**
 * The one guard of the API: authenticates the bearer token, loads the principal, builds its
 * CASL ability into the request context and checks the route's declared requirement.
 * Routes that declare nothing are refused (fail closed).
 */
@Injectable()
export class AuthGuard implements CanActivate {
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
    const claims = await this.tokens.verifyAccess(match[1]);
    const principal = await this.principals.load(claims.sub);
    if (!principal) throw new ProblemException('TOKEN_INVALID');

    const ability = defineAbilityFor(principal);
    this.cls.set('principal', principal);
    this.cls.set('ability', ability);
    (req as FastifyRequest & { accessClaims?: unknown }).accessClaims = claims;

    if (requirement.kind === 'ability' && !ability.can(requirement.action, requirement.subject)) {
      throw ProblemException.forbidden();
    }
    return true;
  }
}
