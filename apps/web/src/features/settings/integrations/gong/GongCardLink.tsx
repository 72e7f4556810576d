import { Fragment } from 'react';
import { Link } from 'react-router';

/** Where the Gong card lives: Settings, scrolled to the card (GongCard has this id). */
export const GONG_CARD_ANCHOR = 'gong';
export const GONG_CARD_PATH = `/settings#${GONG_CARD_ANCHOR}`;

const PLACE = 'Settings → Integrations';

/**
 * A run's or a slot's reason (written by the server and worker as plain text) with its "Settings → Integrations"
 * turned into a link to the Gong card, so the person who reads it is one click from the fix.
 */
export function WithGongCardLink({ text }: { text: string }) {
  const parts = text.split(PLACE);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 ? <Link to={GONG_CARD_PATH}>{PLACE}</Link> : null}
        </Fragment>
      ))}
    </>
  );
}
