import { useEffect } from 'react';
import { useNotices, type Notice } from '../../store/noticeStore';

const FADE_MS = 6000;

/** Banners: errors and warnings are `role="alert"`, information `role="status"`. */
export function Notices() {
  const notices = useNotices((s) => s.notices);
  return (
    <div className="fl-notices">
      {notices.map((n) => (
        <NoticeBanner key={n.id} notice={n} />
      ))}
    </div>
  );
}

function NoticeBanner({ notice }: { notice: Notice }) {
  const dismiss = useNotices((s) => s.dismiss);
  useEffect(() => {
    if (notice.sticky || notice.level === 'error') return;
    const t = setTimeout(() => dismiss(notice.id), FADE_MS);
    return () => clearTimeout(t);
  }, [notice, dismiss]);
  return (
    <div
      className={`fl-notice fl-notice-${notice.level}`}
      role={notice.level === 'info' ? 'status' : 'alert'}
    >
      <div className="fl-notice-text">
        <p>{notice.text}</p>
        {notice.details && notice.details.length > 0 && (
          <details>
            <summary>
              {notice.details.length} detail{notice.details.length === 1 ? '' : 's'}
            </summary>
            <ul>
              {notice.details.slice(0, 50).map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
      {notice.actions?.map((a) => (
        <button key={a.label} type="button" className="fl-btn fl-btn-small" onClick={a.run}>
          {a.label}
        </button>
      ))}
      <button
        type="button"
        className="fl-btn fl-btn-small"
        aria-label="Dismiss"
        onClick={() => dismiss(notice.id)}
      >
        ×
      </button>
    </div>
  );
}
