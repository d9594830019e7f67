// The one open dialog, if any.
import { BookingDialog } from '../day/dialogs/BookingDialog.tsx';
import { CancelDialog } from '../day/dialogs/CancelDialog.tsx';
import { CodeEntryDialog } from '../day/dialogs/CodeEntryDialog.tsx';
import { ColumnsDialog } from '../day/dialogs/ColumnsDialog.tsx';
import { DetailsDialog } from '../day/dialogs/DetailsDialog.tsx';
import { FreeTimeDialog } from '../day/dialogs/FreeTimeDialog.tsx';
import { MoveResourceDialog } from '../day/dialogs/MoveResourceDialog.tsx';
import { RebookDialog } from '../day/dialogs/RebookDialog.tsx';
import { RescheduleDialog } from '../day/dialogs/RescheduleDialog.tsx';
import { useDay } from '../day/state/day-store.ts';
import { useUi } from '../day/state/ui-store.ts';
import { AboutDialog } from './AboutDialog.tsx';
import { useAppStore } from './app-store.ts';
import { PrintDialog } from '../print/PrintDialog.tsx';

export function DialogHost() {
  const dialog = useUi((state) => state.dialog);
  const model = useDay((state) => state.model);
  if (dialog === null) return null;
  if (dialog.kind === 'columns') return <ColumnsDialog />;
  if (dialog.kind === 'about') return <AboutDialog onClose={() => useUi.getState().closeDialog()} />;
  if (model === null) return null;
  // Keyed so that a new dialog of the same kind starts fresh.
  switch (dialog.kind) {
    case 'booking':
      return <BookingDialog key={`${dialog.resourceId}-${dialog.startMs}`} model={model} resourceId={dialog.resourceId} startMs={dialog.startMs} bandStartMs={dialog.bandStartMs} bandEndMs={dialog.bandEndMs} serviceId={dialog.serviceId} />;
    case 'code':
      return <CodeEntryDialog key={dialog.appointmentId} model={model} appointmentId={dialog.appointmentId} purpose={dialog.purpose} />;
    case 'cancel':
      return <CancelDialog model={model} ids={dialog.ids} />;
    case 'move-resource':
      return <MoveResourceDialog model={model} ids={dialog.ids} />;
    case 'reschedule':
      return <RescheduleDialog model={model} run={dialog.run} />;
    case 'details':
      return <DetailsDialog key={dialog.appointmentId} model={model} appointmentId={dialog.appointmentId} />;
    case 'free-time':
      return <FreeTimeDialog model={model} />;
    case 'rebook':
      return <RebookDialog model={model} ids={dialog.ids} />;
    case 'print':
      return <PrintDialog model={model} desktop={useAppStore.getState().info?.mode === 'electron'} />;
  }
  return null;
}
