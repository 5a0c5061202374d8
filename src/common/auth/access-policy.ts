import { ForbiddenError } from '../errors/domain-errors';
import { message } from '../i18n/message';
import type { Actor } from './actor';

/**
 * The ownership rules, in one place: the province office (admin) sees everything, a co-op manager
 * its own co-operative, a farmer its own household. Services call these after loading a record.
 */
export function canReadCooperative(actor: Actor, cooperativeId: string): boolean {
  return actor.role === 'admin' || actor.cooperativeId === cooperativeId;
}

export function assertManagesCooperative(actor: Actor, cooperativeId: string): void {
  if (actor.role === 'admin') return;
  if (actor.role === 'coop_manager' && actor.cooperativeId === cooperativeId) return;
  throw new ForbiddenError(message('access.otherCooperative'));
}

/** Read or write access to a household's own records (plots, batches, events). */
export function assertOwnsHouseholdRecord(actor: Actor, record: { cooperativeId: string; householdId: string }): void {
  if (actor.role === 'admin') return;
  if (actor.role === 'coop_manager' && actor.cooperativeId === record.cooperativeId) return;
  if (actor.role === 'farmer' && actor.householdId === record.householdId) return;
  throw new ForbiddenError(message(actor.role === 'farmer' ? 'access.otherHousehold' : 'access.otherCooperative'));
}

/** The co-operative a list is limited to: admins may pick any (or none), managers and farmers get their own. */
export function cooperativeScope(actor: Actor, requested?: string): string | undefined {
  if (actor.role === 'admin') return requested;
  if (requested && requested !== actor.cooperativeId) throw new ForbiddenError(message('access.ownCooperativeOnly'));
  return actor.cooperativeId ?? undefined;
}
