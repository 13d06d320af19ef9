// Who to call: the unit's IT contact (Settings, else the installer's file) and the campaign's
// contact points from the signed feed (the Authority's and the province's, as in the letters).
// Shown on the infected verdict, the cracked-software screen and the campaign screen.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../shared/campaign-feed/campaign-feed';
import { useApp } from '../app-context';

function Person({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  return (
    <p className="contact">
      <strong>{contact.name}</strong>, {contact.unit}
      {contact.phone && (
        <>
          <br />
          {t('contacts.phone')}: <span className="nowrap">{contact.phone}</span>
        </>
      )}
      {contact.email && (
        <>
          <br />
          {t('contacts.email')}: <span className="break">{contact.email}</span>
        </>
      )}
    </p>
  );
}

/** "Báo ngay cho cán bộ CNTT": names the unit's IT person, or says where to set one. */
export function ItContact({ headingLevel = 3 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const it = useApp((s) => s.contacts?.it ?? null);
  const id = useId();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="contact-card contact-it" aria-labelledby={id}>
      <H id={id}>{it ? t('contacts.itNamed', { name: it.name }) : t('contacts.itTitle')}</H>
      {it ? <Person contact={it} /> : <p>{t('contacts.itNone')}</p>}
    </section>
  );
}

/** The campaign's contact points from the feed (nothing when the feed carries none). */
export function CampaignContacts({ headingLevel = 3 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const contacts = useApp((s) => s.contacts);
  const id = useId();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  if (!contacts?.province && !contacts?.authority) return null;
  return (
    <section className="contact-card" aria-labelledby={id}>
      <H id={id}>{t('contacts.campaignTitle')}</H>
      {contacts.province && (
        <>
          <p className="contact-role">{t('contacts.province')}</p>
          <Person contact={contacts.province} />
        </>
      )}
      {contacts.authority && (
        <>
          <p className="contact-role">{t('contacts.authority')}</p>
          <Person contact={contacts.authority} />
        </>
      )}
    </section>
  );
}
