// One LeyrApi wrapped call by call: the single place that lists every method, for whatever
// must happen around each Leyr call (lending the account's credentials, judging the line).
import type { LeyrApi } from './api.ts';

/** The same API with every call run inside `around`; the wait gate (when there is one) is the same object. */
export function aroundEveryCall(api: LeyrApi, around: <T>(call: () => Promise<T>) => Promise<T>): LeyrApi {
  return {
    emr: api.emr,
    careUnitId: api.careUnitId,
    ...(api.gate !== undefined && { gate: api.gate }),
    listCareUnits: () => around(() => api.listCareUnits()),
    listResources: () => around(() => api.listResources()),
    listHealthcareServices: () => around(() => api.listHealthcareServices()),
    listTimeslots: (query) => around(() => api.listTimeslots(query)),
    searchPatients: (query) => around(() => api.searchPatients(query)),
    getPatient: (id) => around(() => api.getPatient(id)),
    createPatient: (patient) => around(() => api.createPatient(patient)),
    listAppointments: (query) => around(() => api.listAppointments(query)),
    createAppointment: (appointment) => around(() => api.createAppointment(appointment)),
    updateAppointment: (id, change) => around(() => api.updateAppointment(id, change)),
    bulkUpdateAppointments: (change) => around(() => api.bulkUpdateAppointments(change)),
    cancelAppointment: (id, comment) => around(() => api.cancelAppointment(id, comment)),
    cancelAppointments: (ids, comment) => around(() => api.cancelAppointments(ids, comment)),
    confirmAppointment: (id, code) => around(() => api.confirmAppointment(id, code)),
  };
}
