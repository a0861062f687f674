import type { Decision, PolicyEvent, PolicyPlugin, Tier } from '@techmarket/plugin-api';

/** One dated parameter version of an installation (参数版本), as stored. */
export interface ParameterVersion {
  id: string;
  version: number;
  values: Record<string, unknown>;
  validFrom: string;
  /** Last day it applies (inclusive); null: until a later version starts. */
  validTo: string | null;
  /** The document it cites (文号, article, issuer, date; `example` for demo figures). */
  source: { document: string; title?: string; article?: string; issuer?: string; issuedOn?: string; example?: boolean };
}

/** An active installation with every parameter version it has (the engine picks the one in force). */
export interface InstallationWithVersions {
  id: string;
  pluginId: string;
  tenantId: string;
  tenantCode: string;
  tier: Tier;
  /** Codes from the province down to the installing tenant. */
  path: string[];
  versions: ParameterVersion[];
}

/**
 * Which installations an event concerns: those on the tenant path of one of the parties
 * (county → city → province), every installation (the shared catalog is province-wide), or
 * those of one tenant (a year close).
 */
export type EventScope = { kind: 'parties'; paths: string[][] } | { kind: 'everywhere' } | { kind: 'tenant'; tenantId: string };

/** A domain event as the engine decides it: the facts plugins see, its key, scope and the tenants of the organisations it names. */
export interface EngineEvent {
  eventId: string;
  event: PolicyEvent;
  key: string;
  scope: EventScope;
  /** The organisations the event names: where each is (for the subject's tenant and the territorial rule). */
  orgs: Record<string, { name: string; tenantId: string; tenantCode: string; tenantPath: string[] }>;
  /** What decisions record as the event they were made on (type and the ids it names). */
  reference: Record<string, unknown>;
}

/** One plugin's decision about one subject, with what it was decided from. */
export interface Evaluated {
  installation: InstallationWithVersions;
  plugin: PolicyPlugin;
  /** The version in force on the governing date; null when none was (the decision says so and is not stored). */
  parameters: ParameterVersion | null;
  /** The date that picked the parameters, and which date of the event it is. */
  governing: { date: string; basis: 'signed' | 'registered' | 'received' | 'event' };
  decision: Decision;
}

/** Parameters proposed for one installation, in place of those in force (what-if simulation). */
export interface ParameterOverride {
  installationId: string;
  values: Record<string, unknown>;
}

/** What a subject already got from an installation, outside the event being decided (for subject caps). */
export interface SubjectPriors {
  /** key `${installationId}:${subjectOrgId}` → amount per calendar year, and how many paying decisions in all. */
  get(installationId: string, subjectOrgId: string): { byYear: Record<number, number>; paying: number } | undefined;
}
