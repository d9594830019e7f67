// Tests only: a way to make a view fail on purpose, so that the error boundary is tested in
// real Chromium. It exists only on a page the web host marked for tests (a meta tag it adds
// when started with `testFaults`, which test/e2e/fixtures.ts does and no command-line flag
// can); there a test calls `window.frontdeskTestFault()` and the next render throws. The
// Electron app never serves the mark, so a packaged build has no way to reach this.
import { create } from 'zustand';

const useFault = create<{ armed: boolean }>(() => ({ armed: false }));

export function testFaultsAllowed(): boolean {
  return document.querySelector('meta[name="frontdesk-test-faults"][content="on"]') !== null;
}

/** Installs the trigger on a test's page; does nothing anywhere else. */
export function installTestFaults(): void {
  if (!testFaultsAllowed()) return;
  (window as unknown as { frontdeskTestFault: () => void }).frontdeskTestFault = () => useFault.setState({ armed: true });
}

/** Renders nothing, and throws once the test armed it. */
export function FaultPoint() {
  const armed = useFault((state) => state.armed);
  if (armed) throw new Error('A fault asked for by a test');
  return null;
}
