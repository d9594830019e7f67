// The catalog of an account: its resources (doctors, rooms) and services, in Leyr's order.
import type { Database } from '../database.ts';
import { integerOrNull, text, textOrNull, type ResourceRecord, type Row, type ServiceRecord } from '../records.ts';

export interface Catalog {
  replaceCatalog(accountId: number, catalog: { resources: ResourceRecord[]; services: ServiceRecord[] }, fetchedAt: string): void;
  resources(accountId: number): ResourceRecord[];
  services(accountId: number): ServiceRecord[];
  resource(accountId: number, id: string): ResourceRecord | null;
  service(accountId: number, id: string): ServiceRecord | null;
}

const resourceFromRow = (row: Row): ResourceRecord => ({ id: text(row, 'id'), name: textOrNull(row, 'name') });
const serviceFromRow = (row: Row): ServiceRecord => ({ id: text(row, 'id'), name: textOrNull(row, 'name'), durationMinutes: integerOrNull(row, 'duration_minutes') });

export function createCatalog({ db, transaction }: Database): Catalog {
  const deleteResources = db.prepare('DELETE FROM resources WHERE account_id = ?');
  const deleteServices = db.prepare('DELETE FROM services WHERE account_id = ?');
  const insertResource = db.prepare('INSERT INTO resources (account_id, id, name, position) VALUES (?, ?, ?, ?)');
  const insertService = db.prepare('INSERT INTO services (account_id, id, name, duration_minutes, position) VALUES (?, ?, ?, ?, ?)');
  const stampCatalog = db.prepare('UPDATE accounts SET catalog_fetched_at = ? WHERE id = ?');
  const selectResources = db.prepare('SELECT id, name FROM resources WHERE account_id = ? ORDER BY position');
  const selectServices = db.prepare('SELECT id, name, duration_minutes FROM services WHERE account_id = ? ORDER BY position');
  const selectResource = db.prepare('SELECT id, name FROM resources WHERE account_id = ? AND id = ?');
  const selectService = db.prepare('SELECT id, name, duration_minutes FROM services WHERE account_id = ? AND id = ?');

  return {
    replaceCatalog(accountId, catalog, fetchedAt) {
      transaction(() => {
        deleteResources.run(accountId);
        deleteServices.run(accountId);
        catalog.resources.forEach((resource, index) => insertResource.run(accountId, resource.id, resource.name, index));
        catalog.services.forEach((service, index) => insertService.run(accountId, service.id, service.name, service.durationMinutes, index));
        stampCatalog.run(fetchedAt, accountId);
      });
    },
    resources: (accountId) => selectResources.all(accountId).map(resourceFromRow),
    services: (accountId) => selectServices.all(accountId).map(serviceFromRow),
    resource(accountId, id) {
      const row = selectResource.get(accountId, id);
      return row === undefined ? null : resourceFromRow(row);
    },
    service(accountId, id) {
      const row = selectService.get(accountId, id);
      return row === undefined ? null : serviceFromRow(row);
    },
  };
}
