/**
 * Free-text comments, templated by touchpoint and sentiment. Some comments carry planted personal
 * data (a name, an e-mail address or a phone number) for de-identification tests; only planted
 * comments contain "@" or phone-like digit runs.
 */
import { FIRST_NAMES, LAST_NAMES } from './names';
import type { Rng } from './random';

export type Sentiment = 'negative' | 'neutral' | 'positive';
export type PiiKind = 'name' | 'email' | 'phone';

const BY_TOUCHPOINT: Record<string, Record<Sentiment, string[]>> = {
  Website: {
    negative: [
      'Pricing page is confusing, I could not tell which plan we needed.',
      'The website search never finds the docs I am looking for.',
      'Too many pop-ups asking me to "book a call".',
      'Hard to find the status page during the outage.',
    ],
    neutral: [
      'Website is fine, nothing special.',
      'Found what I needed eventually.',
      'The comparison table helped, but it is long.',
    ],
    positive: [
      'Clear pricing and a great product tour on the site.',
      'The case studies convinced our CFO, very well written.',
      'Docs are easy to find and the examples actually work.',
    ],
  },
  'Sales demo': {
    negative: [
      'The demo was generic and did not use our kind of data.',
      'Sales rep could not answer basic questions about SSO.',
      'We were promised features in the demo that are "on the roadmap".',
    ],
    neutral: [
      'Demo covered the basics; we had to ask for a second session.',
      'Good overview, a bit rushed at the end.',
    ],
    positive: [
      'Best demo we saw in the whole selection process.',
      'The team built the demo on our own sample data, impressive.',
      'Straight answers, no hard sell. Refreshing.',
    ],
  },
  'Contract & billing': {
    negative: [
      'Invoices arrive with the wrong PO number, every single month.',
      'Contract redlines took six weeks, far too slow.',
      'We were billed twice for the same seats and the refund took ages.',
      'Currency conversion on invoices makes no sense to our finance team.',
    ],
    neutral: [
      'Billing works, although the invoice layout is hard to read.',
      'Contract process was standard, no surprises.',
    ],
    positive: [
      'Billing is simple and the self-service portal is handy.',
      'Procurement was painless, the legal team was very flexible.',
      'Clear invoices, paid by card in two minutes.',
    ],
  },
  Onboarding: {
    negative: [
      'Onboarding took three months instead of the promised four weeks.',
      'Our implementation consultant changed twice, we had to start over.',
      'The "quick start" guide was anything but quick.',
      'Data migration failed repeatedly and nobody owned the problem.',
    ],
    neutral: [
      'Onboarding was OK but the training sessions were too long.',
      'We got there in the end, with a lot of back and forth.',
    ],
    positive: [
      'Smooth onboarding, we were live in two weeks.',
      'The implementation team knew our industry, great start.',
      'Training was practical and our analysts loved it.',
    ],
  },
  Product: {
    negative: [
      'Dashboards are slow when we filter by more than a year.',
      'Export to Excel breaks the formatting, again.',
      'Missing basic features like scheduled reports per team.',
      'The new UI moved everything around without warning.',
    ],
    neutral: [
      'Does what we need; the mobile app could be better.',
      'Solid product, a few rough edges in the admin screens.',
      'Good core analytics, integrations are hit and miss.',
    ],
    positive: [
      'The forecasting module saves my team hours every week.',
      'Rock solid, fast, and the new connectors are great.',
      'Honestly the best analytics tool we have used.',
      'Our board pack is now built in an afternoon — love it.',
    ],
  },
  Support: {
    negative: [
      'Tickets bounce between tiers and nobody takes ownership.',
      'Waited four days for a reply on a priority-one issue.',
      'Support closes tickets without fixing the problem.',
      'Every answer is a link to the same help article.',
    ],
    neutral: ['Support is polite but slow.', 'Got an answer, though it took a couple of follow-ups.'],
    positive: [
      'Support fixed our issue within the hour, brilliant.',
      'The support engineer went above and beyond, thank you!',
      'Fast, friendly and they actually understand the product.',
    ],
  },
  Renewal: {
    negative: [
      'Renewal quote came with a 20% uplift and no explanation.',
      'We only heard from anyone when the contract was about to expire.',
      'Auto-renewal terms were buried in the contract.',
    ],
    neutral: ['Renewal was straightforward, pricing is getting steep.', 'Standard renewal, no issues.'],
    positive: [
      'Renewal was easy and they offered a fair multi-year deal.',
      'Great renewal conversation, focused on our goals for next year.',
    ],
  },
  'Account management': {
    negative: [
      'Our account manager changes every six months.',
      'Quarterly reviews are just upsell pitches.',
      'Hard to reach anyone senior when things go wrong.',
    ],
    neutral: [
      'Account reviews are useful but could be more tailored.',
      'Decent relationship, not much proactive advice.',
    ],
    positive: [
      'Our customer success manager is proactive and knows our business.',
      'Quarterly business reviews are genuinely valuable.',
      'They introduced us to other customers in our sector, very helpful.',
    ],
  },
};

const OPENERS: Record<Sentiment, string[]> = {
  negative: ['Frustrating.', 'Disappointed.', 'Not great.', 'Honestly,', ''],
  neutral: ['Mixed feelings.', 'Overall OK.', '', ''],
  positive: ['Very happy.', 'Great experience.', 'Thanks!', '', ''],
};

const CLOSERS: Record<Sentiment, string[]> = {
  negative: [
    'Please fix this.',
    'We are reviewing alternatives.',
    'Expected much better for the price.',
    '',
    '',
  ],
  neutral: ['', '', 'Room for improvement.', 'Would like more guidance.'],
  positive: ['Keep it up.', 'Would recommend to peers.', '', '', 'Merci !'],
};

/** A comment for a touchpoint and sentiment (canonical touchpoint name). */
export function commentFor(rng: Rng, touchpoint: string, sentiment: Sentiment): string {
  const templates = BY_TOUCHPOINT[touchpoint];
  if (!templates) throw new Error(`no comment templates for ${touchpoint}`);
  const parts = [rng.pick(OPENERS[sentiment]), rng.pick(templates[sentiment]), rng.pick(CLOSERS[sentiment])];
  return parts.filter((part) => part !== '').join(' ');
}

const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net'];

/** Appends planted personal data of the given kind; returns the new comment and the planted value. */
export function plantPii(rng: Rng, comment: string, kind: PiiKind): { comment: string; value: string } {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  if (kind === 'name') {
    const value = `${first} ${last}`;
    return { comment: `${comment} Please ask for ${value} if you need more detail.`, value };
  }
  if (kind === 'email') {
    const value = `${ascii(first)}.${ascii(last)}@${rng.pick(EMAIL_DOMAINS)}`.toLowerCase();
    return { comment: `${comment} You can reach me at ${value}.`, value };
  }
  const value = rng.chance(0.5)
    ? `+44 20 7946 0${String(rng.int(0, 999)).padStart(3, '0')}`
    : `+1 (312) 555-01${String(rng.int(0, 99)).padStart(2, '0')}`;
  return { comment: `${comment} Call me on ${value}, ${first}.`, value };
}

function ascii(text: string): string {
  return text.normalize('NFD').replace(/[^A-Za-z]/g, '');
}
