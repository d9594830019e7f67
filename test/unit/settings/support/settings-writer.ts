// Child process for the atomicity test: rewrites settings.json as fast as it can until it is
// killed, so the parent can read the file mid-write and kill the writer at any moment.
import { openSettingsStore } from '../../../../main/settings/settings-store.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: settings-writer.ts <data dir>');
const store = await openSettingsStore({ dataDir });
process.stdout.write('ready\n');
for (let round = 0; ; round += 1) {
  await store.update({
    // Long ids make each write big enough that a torn write would be visible.
    account: { emr: 'webdoc', clientId: `client-${String(round).padStart(9, '0')}-${'x'.repeat(480)}`, careUnitId: `unit-${round}-${'y'.repeat(200)}` },
    maskPersonalNumbers: round % 2 === 0,
  });
}
