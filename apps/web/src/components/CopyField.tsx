import { useId, useRef, useState } from 'react';

/** A read-only value to hand on (an invite link, a new token), selectable, with a copy button that falls back to
 * selecting the text when the clipboard is unavailable. */
export function CopyField({ label, value, copyLabel }: { label: string; value: string; copyLabel: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="invite-link">
      <label htmlFor={id}>{label}</label>
      <input id={id} ref={input} readOnly value={value} onFocus={(e) => e.target.select()} />
      <button type="button" onClick={copy}>
        {copied ? 'Copied' : copyLabel}
      </button>
    </div>
  );
}
