// The layers are kept by the linter (layers.config.js, eslint.config.js): an import against
// them must fail the lint, one that follows them must pass. Each case lints a small source
// as if it were a file in the named folder, with the project's real ESLint config.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  assert.ok(result !== undefined);
  return result.messages.filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

const forbidden: [string, string, string][] = [
  ['the contract importing main', 'preload/contract/probe.ts', "import { createLogger } from '../../main/log/logger.ts';\nexport const probe = createLogger;\n"],
  ['the preload importing main', 'preload/probe.ts', "import { createRouter } from '../main/ipc/router.ts';\nexport const probe = createRouter;\n"],
  ['a service importing the composition root', 'main/schedule/probe.ts', "import { createMainServices } from '../app/services.ts';\nexport const probe = createMainServices;\n"],
  ['the clinic switcher importing the sandbox server', 'main/clinic/probe.ts', "import { startSandbox } from '../sandbox/server.ts';\nexport const probe = startSandbox;\n"],
  ['the store importing the schedule', 'main/store/probe.ts', "import { createScheduleService } from '../schedule/service.ts';\nexport const probe = createScheduleService;\n"],
  ['a host importing the composition root', 'main/webhost/probe.ts', "import { createMainServices } from '../app/services.ts';\nexport const probe = createMainServices;\n"],
  ['the Leyr client importing the store', 'main/leyr/probe.ts', "import { openStore } from '../store/store.ts';\nexport const probe = openStore;\n"],
  ['one schedule job importing another', 'main/schedule/day-feed/probe.ts', "import { createPatients } from '../patients/patients.ts';\nexport const probe = createPatients;\n"],
  ['the common pieces of the schedule importing a job', 'main/schedule/common/probe.ts', "import { createPatients } from '../patients/patients.ts';\nexport const probe = createPatients;\n"],
  ['the day model importing the day store', 'renderer/day/model/probe.ts', "import { useDayStore } from '../state/day-store.ts';\nexport const probe = useDayStore;\n"],
  ['the settings feature importing the day feature', 'renderer/settings/probe.ts', "import { useDayStore } from '../day/state/day-store.ts';\nexport const probe = useDayStore;\n"],
  ['a shared component importing the app', 'renderer/common/probe.ts', "import { useAppStore } from '../app/app-store.ts';\nexport const probe = useAppStore;\n"],
];

const allowed: [string, string, string][] = [
  ['a service importing the contract', 'main/schedule/probe.ts', "import { ok } from '../../preload/contract/results.ts';\nexport const probe = ok;\n"],
  ['the composition root importing a service', 'main/app/probe.ts', "import { startSandbox } from '../sandbox/server.ts';\nexport const probe = startSandbox;\n"],
  ['the day store importing the day model', 'renderer/day/state/probe.ts', "import { statusText } from '../model/day-model.ts';\nexport const probe = statusText;\n"],
];

describe('the layers are kept by the linter', () => {
  for (const [name, file, source] of forbidden) {
    it(`refuses ${name}`, async () => {
      const errors = await boundaryErrors(file, source);
      assert.equal(errors.length, 1, `expected one boundary error for ${file}, got: ${JSON.stringify(errors)}`);
    });
  }
  for (const [name, file, source] of allowed) {
    it(`accepts ${name}`, async () => {
      assert.deepEqual(await boundaryErrors(file, source), []);
    });
  }
});
