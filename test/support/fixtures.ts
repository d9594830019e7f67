// The shared synthetic clinics live beside the repository (../shared/fixtures), wherever the
// clone is; FRONTDESK_FIXTURES points elsewhere when needed.
import path from 'node:path';

export const SHARED_FIXTURES = process.env.FRONTDESK_FIXTURES ?? path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures');
export const SMALL_CLINIC = path.join(SHARED_FIXTURES, 'small-clinic.json');
export const BIG_CLINIC = path.join(SHARED_FIXTURES, 'big-clinic.json');
