import { ForbiddenError } from '../errors/domain-errors';
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
  throw new ForbiddenError('This record belongs to another co-operative');
}

/** Read or write access to a household's own records (plots, batches, events). */
export function assertOwnsHouseholdRecord(actor: Actor, record: { cooperativeId: string; householdId: string }): void {
  if (actor.role === 'admin') return;
  if (actor.role === 'coop_manager' && actor.cooperativeId === record.cooperativeId) return;
  if (actor.role === 'farmer' && actor.householdId === record.householdId) return;
  throw new ForbiddenError(
    actor.role === 'farmer' ? 'This record belongs to another household' : 'This record belongs to another co-operative',
  );
}

/** The co-operative a list is limited to: admins may pick any (or none), managers and farmers get their own. */
export function cooperativeScope(actor: Actor, requested?: string): string | undefined {
  if (actor.role === 'admin') return requested;
  if (requested && requested !== actor.cooperativeId) throw new ForbiddenError('You can only list your own co-operative');
  return actor.cooperativeId ?? undefined;
}
