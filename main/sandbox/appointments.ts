// The booking rules: create, move, bulk move, continuous reschedule, cancel (one step or
// two), confirm. Each operation checks everything first and only then writes, through one
// Changeset committed at the end, so a refusal leaves the state exactly as it was.
import { matchingServices, servicesOf } from './availability.ts';
import { badRequest } from './errors.ts';
import { requireAppointment, requireService, resolvePatient, resolveResource } from './lookup.ts';
import type { ServedProfile } from './profiles.ts';
import { BULK_MAX_IDS, type BulkUpdateBody, type CreateAppointmentBody, type UpdateAppointmentBody } from './requests.ts';
import type { SeedHealthcareService, SeedResource } from './seed.ts';
import type { Interval } from './slots.ts';
import { newConfirmationCode, type SandboxState, type StoredAppointment, type WireAppointment } from './state.ts';

export interface RuleContext {
  state: SandboxState;
  /** The EHR's profile, strict or lenient, with the id rules that follow. */
  profile: ServedProfile;
}

/** Writes collected while a request is checked; applied together or not at all. */
class Changeset {
  readonly #puts = new Map<string, StoredAppointment>();
  readonly #codes = new Map<string, string | null>();

  put(appointment: StoredAppointment): StoredAppointment {
    this.#puts.set(appointment.id, appointment);
    return appointment;
  }

  setCode(appointmentId: string, code: string): void {
    this.#codes.set(appointmentId, code);
  }

  dropCode(appointmentId: string): void {
    this.#codes.set(appointmentId, null);
  }

  commit(state: SandboxState): void {
    for (const appointment of this.#puts.values()) state.put(appointment);
    for (const [appointmentId, code] of this.#codes) {
      if (code === null) state.dropCode(appointmentId);
      else state.setCode(appointmentId, code);
    }
  }
}

const describe = (appointment: StoredAppointment): string => `appointment "${appointment.id}"`;

function requireMovable(appointment: StoredAppointment, path: string): void {
  if (appointment.cancellationOf !== null) {
    throw badRequest('BAD_INPUT', `${describe(appointment)} is a pending cancellation; it can only be confirmed with its code or withdrawn by cancelling it.`, path);
  }
  if (appointment.status === 'cancelled' || appointment.status === 'completed') {
    throw badRequest('BAD_INPUT', `${describe(appointment)} is ${appointment.status} and can no longer be moved.`, path);
  }
}

function noSlot(resource: SeedResource, what: string, path: string | null): never {
  throw badRequest('NO_TIMESLOTS_AVAILABLE', `The timeslot for the given parameters was not found: ${what} is not a free slot of resource "${resource.id}".`, path);
}

// ---------------------------------------------------------------------------------------
// Create.

/** POST …/appointments: one appointment in the one free slot the request names. */
export function createAppointment(ctx: RuleContext, careUnitId: string, body: CreateAppointmentBody): WireAppointment[] {
  const { state, profile } = ctx;
  const patient = resolvePatient(state, profile.ids, careUnitId, body.patient_id, 'patient_id');
  const resource = resolveResource(state, profile.ids, careUnitId, body.resource_id, 'resource_id');
  let candidates: SeedHealthcareService[];
  if (body.healthcare_service_id !== undefined && body.healthcare_service_id !== null) {
    const service = requireService(state, body.healthcare_service_id, 'healthcare_service_id');
    if (!resource.healthcare_service_ids.includes(service.id)) {
      throw badRequest('INVALID_HEALTHCARE_SERVICE_ID', `Resource "${resource.id}" does not offer healthcare service "${service.id}".`, 'healthcare_service_id');
    }
    candidates = [service];
  } else {
    candidates = servicesOf(state, resource);
  }
  if (body.end <= body.start) throw badRequest('BAD_INPUT', 'end must be after start.', 'end');
  const matches = matchingServices(state, { resource, services: candidates, startMs: body.start, endMs: body.end });
  if (matches.length === 0) noSlot(resource, 'the requested time', null);
  if (matches.length > 1) {
    throw badRequest(
      'AMBIGUOUS_TIMESLOTS',
      `Several timeslots match (services ${matches.map((service) => `"${service.id}"`).join(', ')}); name the healthcare_service_id.`,
      'healthcare_service_id',
    );
  }
  const [service] = matches as [SeedHealthcareService];
  const changes = new Changeset();
  const appointment = changes.put({
    id: state.newAppointmentId(),
    careUnitId,
    resourceId: resource.id,
    patientId: patient.id,
    serviceId: service.id,
    startMs: body.start,
    endMs: body.end,
    status: profile.ehr.bookingNeedsConfirmation ? 'awaiting_confirmation' : 'booked',
    comment: body.comment ?? null,
    cancellationOf: null,
  });
  if (profile.ehr.bookingNeedsConfirmation) changes.setCode(appointment.id, newConfirmationCode());
  changes.commit(state);
  return [state.toWire(appointment)];
}

// ---------------------------------------------------------------------------------------
// Single PATCH: confirm, cancel, or update (move and/or comment).

export function updateAppointment(ctx: RuleContext, careUnitId: string | null, appointmentId: string, body: UpdateAppointmentBody): WireAppointment {
  const { state } = ctx;
  const appointment = requireAppointment(state, careUnitId, appointmentId, 'appointment_id');
  const given = Object.keys(body).filter((key) => body[key as keyof UpdateAppointmentBody] !== undefined);

  if (body.confirmation !== undefined) {
    if (given.length > 1) throw badRequest('BAD_INPUT', 'A confirmation is sent alone, without other fields.', 'confirmation');
    return confirm(ctx, appointment, body.confirmation.code);
  }
  if (body.status !== undefined) {
    const extra = given.filter((key) => key !== 'status' && key !== 'comment');
    if (extra.length > 0) throw badRequest('BAD_INPUT', `A cancel takes only a comment, not ${extra.join(', ')}.`, extra[0] ?? null);
    const changes = new Changeset();
    const answer = cancel(ctx, appointment, body.comment, changes);
    changes.commit(state);
    return state.toWire(answer);
  }
  if ((body.start === undefined) !== (body.end === undefined)) {
    const missing = body.start === undefined ? 'start' : 'end';
    throw badRequest('MISSING_REQUIRED_FIELD', `start and end are given together; ${missing} is missing.`, missing);
  }
  if (given.length === 0) throw badRequest('BAD_INPUT', 'Nothing to update: give start and end, resource_id, comment, status or confirmation.', null);

  let updated: StoredAppointment = appointment;
  if (body.start !== undefined || body.resource_id !== undefined) {
    requireMovable(appointment, 'appointment_id');
    const resource =
      body.resource_id === undefined ? requireResourceOf(ctx, appointment) : resolveResource(state, ctx.profile.ids, appointment.careUnitId, body.resource_id, 'resource_id');
    const startMs = body.start ?? appointment.startMs;
    const endMs = body.end ?? appointment.endMs;
    if (endMs <= startMs) throw badRequest('BAD_INPUT', 'end must be after start.', 'end');
    const service = requireService(state, appointment.serviceId, 'healthcare_service_id');
    const services = resource.healthcare_service_ids.includes(service.id) ? [service] : [];
    const matches = matchingServices(state, { resource, services, startMs, endMs, ignore: new Set([appointment.id]) });
    if (matches.length === 0) noSlot(resource, `the new time for ${describe(appointment)}`, body.start !== undefined ? 'start' : 'resource_id');
    updated = { ...updated, resourceId: resource.id, startMs, endMs };
  }
  if (body.comment !== undefined) updated = { ...updated, comment: body.comment };
  const changes = new Changeset();
  changes.put(updated);
  changes.commit(state);
  return state.toWire(updated);
}

function requireResourceOf(ctx: RuleContext, appointment: StoredAppointment): SeedResource {
  const resource = ctx.state.resources.get(appointment.resourceId);
  if (resource === undefined) throw badRequest('INVALID_RESOURCE_ID', `The resource of ${describe(appointment)} no longer exists.`, 'resource_id');
  return resource;
}

/**
 * Sends the code the patient received. For a booking awaiting confirmation the answer is
 * the appointment, now `booked`. For a pending two-step cancellation the original is
 * cancelled and the cancellation record closed as `cancelled`; the answer is that record
 * under the strict profile (an answer that names the original would be a link Leyr does
 * not document), the original under the lenient one.
 */
function confirm(ctx: RuleContext, appointment: StoredAppointment, code: string): WireAppointment {
  const { state } = ctx;
  if (appointment.status !== 'awaiting_confirmation') {
    throw badRequest('BAD_INPUT', `${describe(appointment)} is ${appointment.status}; nothing awaits confirmation.`, 'confirmation');
  }
  const expected = state.codeFor(appointment.id);
  if (expected === undefined || expected !== code.trim()) {
    throw badRequest('BAD_INPUT', 'The confirmation code is wrong.', 'confirmation.code');
  }
  const changes = new Changeset();
  changes.dropCode(appointment.id);
  let answer: StoredAppointment;
  if (appointment.cancellationOf !== null) {
    const original = state.getAppointment(appointment.cancellationOf);
    if (original === undefined) throw new Error(`pending cancellation ${appointment.id} points at a missing appointment`);
    const closed = changes.put({ ...appointment, status: 'cancelled' });
    const cancelled = original.status === 'cancelled' ? original : changes.put({ ...original, status: 'cancelled', comment: appointment.comment ?? original.comment });
    changes.dropCode(original.id);
    answer = ctx.profile.strict ? closed : cancelled;
  } else {
    answer = changes.put({ ...appointment, status: 'booked' });
  }
  changes.commit(state);
  return state.toWire(answer);
}

function checkCancellable(appointment: StoredAppointment, path: string): void {
  if (appointment.status === 'completed') throw badRequest('BAD_INPUT', `${describe(appointment)} is completed and cannot be cancelled.`, path);
}

/**
 * Cancels one appointment (checked by checkCancellable first). Direct EHRs cancel at once.
 * Two-step EHRs answer a new `awaiting_confirmation` record whose code cancels the original;
 * asking again while one is pending answers that same record. A booking not yet confirmed
 * is cancelled at once under either profile, and cancelling a pending cancellation
 * withdraws it. Cancelling what is already cancelled answers it unchanged, so a retried
 * cancel is harmless.
 */
function cancel(ctx: RuleContext, appointment: StoredAppointment, comment: string | null | undefined, changes: Changeset): StoredAppointment {
  const { state, profile } = ctx;
  checkCancellable(appointment, 'appointment_id');
  if (appointment.status === 'cancelled') return appointment;
  if (appointment.cancellationOf !== null) {
    changes.dropCode(appointment.id);
    return changes.put({ ...appointment, status: 'cancelled' });
  }
  if (profile.ehr.twoStepCancel && appointment.status === 'booked') {
    const pending = state.pendingCancellationOf(appointment.id);
    if (pending !== undefined && pending.status === 'awaiting_confirmation') return pending;
    const request = changes.put({
      ...appointment,
      id: state.newAppointmentId(),
      status: 'awaiting_confirmation',
      comment: comment ?? appointment.comment,
      cancellationOf: appointment.id,
    });
    changes.setCode(request.id, newConfirmationCode());
    return request;
  }
  changes.dropCode(appointment.id);
  return changes.put({ ...appointment, status: 'cancelled', comment: comment ?? appointment.comment });
}

// ---------------------------------------------------------------------------------------
// Bulk PATCH.

/**
 * PATCH …/appointments with `ids`: a cancel of them all (`status: "cancelled"`), a plain
 * bulk update (resource and/or comment), or, with start and end, a continuous reschedule.
 */
export function bulkUpdate(ctx: RuleContext, careUnitId: string | null, body: BulkUpdateBody): WireAppointment[] {
  const { state } = ctx;
  const appointments = body.ids.map((id, index) => requireAppointment(state, careUnitId, id, `ids[${index}]`));
  // The legacy unscoped route names no care unit: the first appointment's is the request's.
  const unit = careUnitId ?? appointments[0]?.careUnitId ?? '';
  appointments.forEach((appointment, index) => {
    if (appointment.careUnitId !== unit) throw badRequest('INVALID_APPOINTMENT_ID', `${describe(appointment)} belongs to another care unit than the others.`, `ids[${index}]`);
  });

  if (body.status !== undefined) {
    if (body.start !== undefined || body.end !== undefined || body.resource_id !== undefined) {
      throw badRequest('BAD_INPUT', 'A cancel takes only ids and a comment.', body.resource_id !== undefined ? 'resource_id' : 'start');
    }
    appointments.forEach((appointment, index) => checkCancellable(appointment, `ids[${index}]`));
    const changes = new Changeset();
    const answers = appointments.map((appointment) => cancel(ctx, appointment, body.comment, changes));
    changes.commit(state);
    return answers.map((appointment) => state.toWire(appointment));
  }
  if ((body.start === undefined) !== (body.end === undefined)) {
    const missing = body.start === undefined ? 'start' : 'end';
    throw badRequest('MISSING_REQUIRED_FIELD', `start and end are given together; ${missing} is missing.`, missing);
  }
  if (body.start !== undefined && body.end !== undefined) return reschedule(ctx, unit, appointments, body, body.start, body.end);
  if (body.resource_id === undefined && body.comment === undefined) {
    throw badRequest('BAD_INPUT', 'Nothing to update: give resource_id, comment, start and end, or status.', null);
  }

  const changes = new Changeset();
  const updated: StoredAppointment[] = [];
  if (body.resource_id !== undefined) {
    const resource = resolveResource(state, ctx.profile.ids, unit, body.resource_id, 'resource_id');
    appointments.forEach((appointment, index) => requireMovable(appointment, `ids[${index}]`));
    // All of them leave their places; each must find a free slot on the new resource, and
    // not in the place another of them has just taken.
    const ignore = new Set(appointments.map((appointment) => appointment.id));
    const placed: Interval[] = [];
    appointments.forEach((appointment, index) => {
      const service = state.services.get(appointment.serviceId);
      const services = service !== undefined && resource.healthcare_service_ids.includes(service.id) ? [service] : [];
      const request = { resource, services, startMs: appointment.startMs, endMs: appointment.endMs, ignore, alsoBusy: placed };
      if (matchingServices(state, request).length === 0) noSlot(resource, `the time of ${describe(appointment)}`, `ids[${index}]`);
      placed.push({ startMs: appointment.startMs, endMs: appointment.endMs });
      updated.push({ ...appointment, resourceId: resource.id });
    });
  } else {
    updated.push(...appointments);
  }
  const answers = updated.map((appointment) => changes.put(body.comment === undefined ? appointment : { ...appointment, comment: body.comment }));
  changes.commit(state);
  return answers.map((appointment) => state.toWire(appointment));
}

/**
 * Continuous reschedule: the appointments (same patient, resource, service and care unit)
 * are fitted into the contiguous free slots that exactly cover [startMs, endMs) on their
 * resource (or on `resource_id`). The earliest ones are reused in order; missing ones are
 * created like a booking; extra ones are cancelled at once. The answer lists the moved,
 * then the created, then the cancelled appointments.
 */
function reschedule(ctx: RuleContext, careUnitId: string, appointments: StoredAppointment[], body: BulkUpdateBody, startMs: number, endMs: number): WireAppointment[] {
  const { state, profile } = ctx;
  const first = appointments[0];
  if (first === undefined) throw badRequest('MISSING_REQUIRED_FIELD', 'ids must name at least one appointment.', 'ids');
  appointments.forEach((appointment, index) => {
    requireMovable(appointment, `ids[${index}]`);
    if (appointment.patientId !== first.patientId || appointment.resourceId !== first.resourceId || appointment.serviceId !== first.serviceId) {
      throw badRequest('BAD_INPUT', 'A continuous reschedule needs appointments of the same patient, resource, healthcare service and care unit.', `ids[${index}]`);
    }
  });
  if (endMs <= startMs) throw badRequest('BAD_INPUT', 'end must be after start.', 'end');
  const resource = body.resource_id === undefined ? requireResourceOf(ctx, first) : resolveResource(state, profile.ids, careUnitId, body.resource_id, 'resource_id');
  const service = requireService(state, first.serviceId, 'healthcare_service_id');
  const duration = service.duration_minutes * 60_000;
  if ((endMs - startMs) % duration !== 0) {
    throw badRequest('NO_TIMESLOTS_AVAILABLE', `The range is not a whole number of ${service.duration_minutes}-minute slots of "${service.id}".`, 'end');
  }
  const count = (endMs - startMs) / duration;
  if (count > BULK_MAX_IDS) throw badRequest('MAX_ITEMS_EXCEEDED', `The range holds ${count} slots; at most ${BULK_MAX_IDS} are fitted at once.`, 'end');
  const services = resource.healthcare_service_ids.includes(service.id) ? [service] : [];
  const ignore = new Set(appointments.map((appointment) => appointment.id));
  const slots: Interval[] = [];
  for (let index = 0; index < count; index += 1) {
    const slot = { startMs: startMs + index * duration, endMs: startMs + (index + 1) * duration };
    if (matchingServices(state, { resource, services, ...slot, ignore }).length === 0) noSlot(resource, `part of the range (slot ${index + 1} of ${count})`, 'start');
    slots.push(slot);
  }

  const changes = new Changeset();
  const ordered = [...appointments].sort((a, b) => a.startMs - b.startMs || (a.id < b.id ? -1 : 1));
  const comment = body.comment;
  const moved = ordered.slice(0, count).map((appointment, index) => {
    const slot = slots[index] as Interval;
    return changes.put({ ...appointment, resourceId: resource.id, ...slot, ...(comment !== undefined && { comment }) });
  });
  const created = slots.slice(ordered.length).map((slot) => {
    const appointment = changes.put({
      id: state.newAppointmentId(),
      careUnitId,
      resourceId: resource.id,
      patientId: first.patientId,
      serviceId: service.id,
      ...slot,
      status: profile.ehr.bookingNeedsConfirmation ? 'awaiting_confirmation' : 'booked',
      comment: comment !== undefined ? comment : first.comment,
      cancellationOf: null,
    });
    if (profile.ehr.bookingNeedsConfirmation) changes.setCode(appointment.id, newConfirmationCode());
    return appointment;
  });
  const cancelled = ordered.slice(count).map((appointment) => {
    changes.dropCode(appointment.id);
    return changes.put({ ...appointment, status: 'cancelled', ...(comment !== undefined && { comment }) });
  });
  changes.commit(state);
  return [...moved, ...created, ...cancelled].map((appointment) => state.toWire(appointment));
}

// ---------------------------------------------------------------------------------------
// Reads.

export interface AppointmentListQuery {
  start: number;
  end: number;
  patient_id?: string | undefined;
  resource_id?: string | undefined;
}

/**
 * GET …/appointments: every status, overlapping [start, end), sorted by start, resource, id.
 * `slackMs` widens the range on each side (the outOfRange fault).
 */
export function listAppointments(ctx: RuleContext, careUnitId: string, query: AppointmentListQuery, slackMs = 0): WireAppointment[] {
  const { state, profile } = ctx;
  const patientId = query.patient_id === undefined ? undefined : resolvePatient(state, profile.ids, careUnitId, query.patient_id, 'patient_id').id;
  const resourceId = query.resource_id === undefined ? undefined : resolveResource(state, profile.ids, careUnitId, query.resource_id, 'resource_id').id;
  return state
    .appointmentsInRange(careUnitId, query.start - slackMs, query.end + slackMs, { ...(patientId !== undefined && { patientId }), ...(resourceId !== undefined && { resourceId }) })
    .map((appointment) => state.toWire(appointment));
}
