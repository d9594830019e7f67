// The comment of a booked appointment, editable in its details: Save sends the whole new text
// (Leyr's PATCH `comment`) through the outbox; the block shows it at once, pending, and the
// dialog stays open to show it. Ctrl/Cmd+Enter saves from the text box.
import { useState } from 'react';
import { calls } from '../../../preload/contract/index.ts';
import { useTranslate } from '../../i18n/translate.ts';
import { editComment } from '../state/actions.ts';

const commentSchema = calls.editComment.arg.shape.comment;
const MAX = 500;

export function CommentEditor({ appointmentId, comment }: { appointmentId: string; comment: string | null }) {
  const t = useTranslate();
  const [text, setText] = useState(comment ?? '');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const unchanged = text.trim() === (comment ?? '').trim();

  const save = async (): Promise<void> => {
    if (unchanged || saving) return;
    if (!commentSchema.safeParse(text).success) {
      setProblem(t('commentPrint.tooLong', { max: MAX }));
      return;
    }
    setProblem(null);
    setSaving(true);
    await editComment(appointmentId, text);
    setSaving(false);
  };

  return (
    <form
      className="comment-editor"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      noValidate
    >
      <label className="field">
        <span>{t('commentPrint.edit')}</span>
        <textarea
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              void save();
            }
          }}
          maxLength={MAX}
          rows={3}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          aria-invalid={problem !== null}
          aria-describedby={problem !== null ? 'comment-problem' : undefined}
          data-testid="comment-text"
        />
      </label>
      {problem !== null && (
        <p id="comment-problem" className="error-text" role="alert">
          {problem}
        </p>
      )}
      <div className="inline-actions">
        <button type="submit" disabled={unchanged || saving} data-testid="comment-save">
          {t('commentPrint.save')}
        </button>
      </div>
    </form>
  );
}
